package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestSameAs(t *testing.T) {
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"id":        schema.StringAttribute{Computed: true},
		"client_id": schema.StringAttribute{Required: true},
	}}
	objType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String, "client_id": tftypes.String}}
	plan := func(clientID tftypes.Value) tfsdk.Plan {
		return tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(objType, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, tftypes.UnknownValue), "client_id": clientID})}
	}
	for _, tc := range []struct {
		name string
		plan tfsdk.Plan
		want types.String
	}{
		{"known", plan(tftypes.NewValue(tftypes.String, "c1")), types.StringValue("c1")},
		{"other unknown", plan(tftypes.NewValue(tftypes.String, tftypes.UnknownValue)), types.StringUnknown()},
		{"destroy", tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(objType, nil)}, types.StringUnknown()},
	} {
		req := planmodifier.StringRequest{Path: path.Root("id"), Plan: tc.plan, PlanValue: types.StringUnknown()}
		resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
		SameAs(path.Root("client_id")).PlanModifyString(context.Background(), req, resp)
		if resp.Diagnostics.HasError() || !resp.PlanValue.Equal(tc.want) {
			t.Errorf("%s: plan %v (%v), want %v", tc.name, resp.PlanValue, resp.Diagnostics, tc.want)
		}
	}
}
