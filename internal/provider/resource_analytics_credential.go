package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

var (
	_ resource.Resource                   = (*analyticsCredentialResource)(nil)
	_ resource.ResourceWithConfigure      = (*analyticsCredentialResource)(nil)
	_ resource.ResourceWithImportState    = (*analyticsCredentialResource)(nil)
	_ resource.ResourceWithValidateConfig = (*analyticsCredentialResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*analyticsCredentialResource)(nil)
)

// importByNamePrefix marks an import ID that is a credential name, not an instanceID.
const importByNamePrefix = "name:"

type analyticsCredentialResource struct {
	data *providerData
}

// NewAnalyticsCredentialResource is the factory the provider registers.
func NewAnalyticsCredentialResource() resource.Resource { return &analyticsCredentialResource{} }

func (r *analyticsCredentialResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_analytics_credential"
}

func (r *analyticsCredentialResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *analyticsCredentialResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The credential's instanceID, as a string.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"instance_id": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: "The instanceID JP1/Operations Analytics gave the credential.",
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		},
		"num_of_related_resources": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: "How many monitored resources use this credential. Deleting a credential in use warns at plan time.",
		},
		"name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Unique name of the credential, 1 to 255 characters. Can be changed in place.",
			Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 255)},
		},
		"credential_type": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Protocol the credential is for: " + enumDoc(credentialTypes) + ". JP1 cannot change it, " +
				"so a change replaces the credential.",
			Validators:    []validator.String{stringvalidator.OneOf(credentialTypes...)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"user_id": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "User ID JP1 logs in with, at most 64 characters. Required for WMI, SSH and WBEM; " +
				"must not be set for SNMP, where JP1 copies `user_name` into it for SNMPv3 (read back here).",
			Validators:    []validator.String{stringvalidator.UTF8LengthBetween(1, 64)},
			PlanModifiers: []planmodifier.String{snmpUserIDPlanModifier{}},
		},
		"password_not_required": boolMember("password_not_required", "Whether WMI connects without a password."),
		"domain_name":           stringMember("domain_name", "Windows domain of the WMI user."),
		"port_number": schema.Int64Attribute{
			Optional:            true,
			MarkdownDescription: "Port to connect to, 1 to 65535. When unset, JP1 uses the protocol's default." + appliesDoc("port_number"),
			Validators:          []validator.Int64{int64validator.Between(1, 65535)},
		},
		"ssl":       boolMember("ssl", "Whether WBEM connects over SSL."),
		"namespace": stringMember("namespace", "WBEM namespace, such as `root/cimv2`."),
		"snmp_version": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "SNMP version: " + enumDoc(snmpVersions) + ". Required for SNMP." + appliesDoc("snmp_version"),
			Validators:          []validator.String{stringvalidator.OneOf(snmpVersions...)},
		},
		"community": schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			MarkdownDescription: "SNMP community string, at most 255 bytes. Required for SNMP `V1_V2C`. JP1 returns it, so " +
				"a change made outside Terraform shows in the plan." + appliesDoc("community"),
			Validators: []validator.String{stringvalidator.LengthBetween(1, maxSecretBytes)},
		},
		"user_name": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "SNMPv3 user name, at most 64 characters. Required for SNMP `V3`." + appliesDoc("user_name"),
			Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 64)},
		},
		"authentication_enabled": boolMember("authentication_enabled", "Whether SNMPv3 authentication is used."),
		"authentication_protocol": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "SNMPv3 authentication protocol: " + enumDoc(authenticationProtocols) +
				". Required when `authentication_enabled` is true." + appliesDoc("authentication_protocol"),
			Validators: []validator.String{stringvalidator.OneOf(authenticationProtocols...)},
		},
		"privacy_enabled": boolMember("privacy_enabled", "Whether SNMPv3 privacy (encryption) is used; needs `authentication_enabled`."),
		"privacy_protocol": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "SNMPv3 privacy protocol: " + enumDoc(privacyProtocols) +
				". Required when `privacy_enabled` is true." + appliesDoc("privacy_protocol"),
			Validators: []validator.String{stringvalidator.OneOf(privacyProtocols...)},
		},
	}
	for name, what := range map[string]string{
		"password":                  "Password of `user_id`. Required for WMI (unless `password_not_required`), SSH and WBEM." + appliesDoc("password"),
		"root_password":             "Root password SSH uses to gain root privileges." + appliesDoc("root_password"),
		"authentication_passphrase": "SNMPv3 authentication passphrase. Required when `authentication_enabled` is true." + appliesDoc("authentication_passphrase"),
		"privacy_passphrase":        "SNMPv3 privacy passphrase. Required when `privacy_enabled` is true." + appliesDoc("privacy_passphrase"),
	} {
		for k, v := range secretAttributes(name, what, maxSecretBytes) {
			attrs[k] = v
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Authentication information (WMI, SSH, WBEM or SNMP) that JP1/Operations Analytics uses to " +
			"reach monitored hosts. Secrets are given in plain text and encoded by the provider; JP1 never returns them.",
		Attributes: attrs,
	}
}

func boolMember(attr, what string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
		MarkdownDescription: what + " Defaults to `false`." + appliesDoc(attr),
	}
}

func stringMember(attr, what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: what + appliesDoc(attr),
		Validators:          []validator.String{stringvalidator.UTF8LengthAtLeast(1)},
	}
}

func (r *analyticsCredentialResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config analyticsCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := r.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	created, err := client.CreateCredential(ctx, plan.toAPI(&analyticsCredentialModel{}, &config, true))
	addWarnings(&resp.Diagnostics, warnings)
	if err != nil {
		if addCreateError(&resp.Diagnostics, fmt.Sprintf("Could not create analytics credential %q", plan.Name.ValueString()), err) {
			resp.Diagnostics.Append(resp.State.Set(ctx, plan.pendingState())...)
		}
		return
	}
	plan.fromAPI(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *analyticsCredentialResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state analyticsCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	var got *jp1api.Credential
	var err error
	if state.ID.IsNull() {
		got, err = findPending(ctx, client, &state) // a create that may have taken effect
	} else {
		id, perr := strconv.ParseInt(state.ID.ValueString(), 10, 64)
		if perr != nil {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid credential ID",
				fmt.Sprintf("The ID in state, %q, is not an instanceID (a whole number).", state.ID.ValueString()))
			return
		}
		got, err = client.GetCredential(ctx, id)
	}
	addWarnings(&resp.Diagnostics, warnings)
	if jp1api.IsNotFound(err) || (err == nil && got == nil) {
		// Deleted outside Terraform (or a pending create that never took effect):
		// forget it, so the plan creates it.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not read analytics credential %q", state.Name.ValueString()), err)
		return
	}
	state.fromAPI(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *analyticsCredentialResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config analyticsCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := r.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	updated, err := client.UpdateCredential(ctx, state.InstanceID.ValueInt64(), plan.toAPI(&state, &config, false))
	addWarnings(&resp.Diagnostics, warnings)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not update analytics credential %q", plan.Name.ValueString()), err)
		return
	}
	plan.fromAPI(updated)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *analyticsCredentialResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state analyticsCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := r.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	id, exists := state.InstanceID.ValueInt64(), true
	var err error
	if state.InstanceID.IsNull() { // a pending create: delete what it made, if anything
		var found *jp1api.Credential
		found, err = findPending(ctx, client, &state)
		if exists = found != nil; exists {
			id = found.InstanceID
		}
	}
	if err == nil && exists {
		err = client.DeleteCredential(ctx, id) // 404 counts as deleted
	}
	addWarnings(&resp.Diagnostics, warnings)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not delete analytics credential %q", state.Name.ValueString()), err)
	}
}

// ModifyPlan warns, before the user confirms, that a credential in use is about to go.
func (r *analyticsCredentialResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var state analyticsCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	replacing := false
	if !req.Plan.Raw.IsNull() {
		var plan analyticsCredentialModel
		resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
		replacing = !plan.CredentialType.Equal(state.CredentialType)
	}
	if n := state.NumOfRelatedResources.ValueInt64(); n > 0 && (req.Plan.Raw.IsNull() || replacing) {
		resp.Diagnostics.AddWarning("Deleting a credential in use",
			fmt.Sprintf("Analytics credential %q is used by %d monitored resource(s). Deleting it stops JP1/Operations "+
				"Analytics from collecting from them until they get another credential.", state.Name.ValueString(), n))
	}
}

func (r *analyticsCredentialResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if name, ok := strings.CutPrefix(req.ID, importByNamePrefix); ok {
		if name == "" {
			resp.Diagnostics.AddError("Invalid import ID", `The import ID "name:" names no credential; use "name:<credential name>" or the instanceID.`)
			return
		}
		client := r.data.analyticsClient(&resp.Diagnostics)
		if client == nil {
			return
		}
		found, err := client.FindCredentialByName(ctx, name)
		if err != nil {
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not import analytics credential named %q", name), err)
			return
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strconv.FormatInt(found.InstanceID, 10))...)
		return
	}
	if _, err := strconv.ParseInt(req.ID, 10, 64); err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is neither an instanceID (a whole number such as 42) nor \"name:<credential name>\".", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// findPending looks up the credential a pending create (null instanceID in
// state) may have made: by name, and only if it has the configured type (one of
// another type is someone else's). It returns nil when there is none.
func findPending(ctx context.Context, client *jp1api.AnalyticsClient, state *analyticsCredentialModel) (*jp1api.Credential, error) {
	found, err := client.FindCredentialByName(ctx, state.Name.ValueString())
	if jp1api.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(found.CredentialType, state.CredentialType.ValueString()) {
		return nil, nil
	}
	return found, nil
}
