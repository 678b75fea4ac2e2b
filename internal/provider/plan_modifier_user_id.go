package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// snmpUserIDPlanModifier plans `user_id` when the configuration leaves it out. Only
// SNMP leaves it out: for SNMPv3 JP1 copies user_name into it, so the value is known
// from state unless user_name changes; for SNMP V1/V2c it stays null. Without this,
// every plan of an SNMP credential would show user_id as "known after apply".
type snmpUserIDPlanModifier struct{}

func (snmpUserIDPlanModifier) Description(_ context.Context) string {
	return "For SNMPv3, user_id follows user_name; otherwise it is what the configuration says."
}

func (m snmpUserIDPlanModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (snmpUserIDPlanModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var version, userName, priorUserName types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("snmp_version"), &version)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("user_name"), &userName)...)
	if resp.Diagnostics.HasError() || version.IsUnknown() || userName.IsUnknown() {
		return
	}
	if version.ValueString() != snmpV3 {
		resp.PlanValue = types.StringNull()
		return
	}
	if req.State.Raw.IsNull() {
		return // JP1 fills it in on create
	}
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("user_name"), &priorUserName)...)
	if userName.Equal(priorUserName) && !req.StateValue.IsNull() {
		resp.PlanValue = req.StateValue
	}
}
