package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

var (
	_ resource.Resource                   = (*analyticsCredentialResource)(nil)
	_ resource.ResourceWithConfigure      = (*analyticsCredentialResource)(nil)
	_ resource.ResourceWithImportState    = (*analyticsCredentialResource)(nil)
	_ resource.ResourceWithIdentity       = (*analyticsCredentialResource)(nil)
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

// instanceIDAttr is the credential's identity: its name can change, its instanceID cannot.
const instanceIDAttr = "instance_id"

func (r *analyticsCredentialResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		instanceIDAttr: identityschema.Int64Attribute{RequiredForImport: true,
			Description: "The instanceID JP1/Operations Analytics gave the credential."},
	}}
}

func (r *analyticsCredentialResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Authentication information (WMI, SSH, WBEM or SNMP) that JP1/Operations Analytics uses to " +
			"reach monitored hosts: exactly one block, named after the type, holds its members (" + typeTable() + "). " +
			"Secrets are given in plain text and encoded by the provider; JP1 never returns them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The credential's instanceID, as a string.",
			},
			"instance_id": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "The instanceID JP1/Operations Analytics gave the credential.",
			},
			"num_of_related_resources": schema.Int64Attribute{
				Computed: true,
				MarkdownDescription: "How many monitored resources use this credential, as of the last refresh. Deleting " +
					"a credential in use warns at plan time.",
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: fmt.Sprintf("Unique name of the credential, 1 to %d characters. Can be changed in place.", jp1api.MaxCredentialNameLength),
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, jp1api.MaxCredentialNameLength)},
			},
			"credential_type": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "JP1's credentialType, read-only: " + enumDoc(credentialTypes) + ", set by the block " +
					"given (for outputs and filters).",
			},
		},
		Blocks: credentialResourceBlocks(),
	}
}

func (r *analyticsCredentialResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config analyticsCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	body, err := plan.toAPI(&analyticsCredentialModel{}, &config, true)
	if err != nil {
		resp.Diagnostics.AddError("Invalid analytics credential", err.Error())
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	defer addWarnings(&resp.Diagnostics, warnings)
	var got *jp1api.Credential
	if id, ok := r.data.handover.take(body.Name, body.CredentialType); ok {
		// The pending create of an earlier apply made it: adopt it, secrets and all.
		got, err = client.UpdateCredential(ctx, id, body)
		if err != nil && !jp1api.IsNotFound(err) {
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not adopt analytics credential %q (instanceID %d), "+
				"which an earlier apply created without learning the outcome", body.Name, id), err)
			setPendingState(ctx, &resp.State, plan, &resp.Diagnostics) // tainted again: the next apply adopts it
			return
		}
		tflog.Info(ctx, "adopted the analytics credential of a pending create", map[string]any{"instance_id": id, "adopted": err == nil})
	}
	if got == nil { // nothing to adopt (or it was deleted meanwhile)
		got, err = client.CreateCredential(ctx, body)
		if err != nil {
			if addCreateError(&resp.Diagnostics, fmt.Sprintf("Could not create analytics credential %q", body.Name), err, credentialPending) {
				setPendingState(ctx, &resp.State, plan, &resp.Diagnostics)
			}
			return
		}
	}
	if err := plan.fromAPI(got, true); err != nil {
		resp.Diagnostics.AddError("Unexpected analytics credential", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, instanceIDAttr, plan.InstanceID, &resp.Diagnostics)
}

func (r *analyticsCredentialResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state analyticsCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	defer addWarnings(&resp.Diagnostics, warnings)
	if state.ID.IsNull() {
		// A pending create: keep it pending (so that the replacement adopts what it
		// made), or forget it when it never took effect, so the plan creates it.
		found, err := findPending(ctx, client, &state)
		switch {
		case err != nil:
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not read analytics credential %q", state.Name.ValueString()), err)
		case found == nil:
			resp.State.RemoveResource(ctx)
			// terraform-plugin-framework v1.19.0 (fwserver ReadResource) wants an
			// identity even from a Read that removes the resource, and this one
			// never learned its instanceID: answer a placeholder (no credential
			// has instanceID 0), which Terraform drops with the state.
			setIdentity(ctx, resp.Identity, instanceIDAttr, types.Int64Value(0), &resp.Diagnostics)
		default:
			setIdentity(ctx, resp.Identity, instanceIDAttr, types.Int64Value(found.InstanceID), &resp.Diagnostics)
		}
		return
	}
	id, perr := strconv.ParseInt(state.ID.ValueString(), 10, 64)
	if perr != nil {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid credential ID",
			fmt.Sprintf("The ID in state, %q, is not an instanceID (a whole number).", state.ID.ValueString()))
		return
	}
	// Identity first: a Read that removes the credential still answers one.
	setIdentity(ctx, resp.Identity, instanceIDAttr, types.Int64Value(id), &resp.Diagnostics)
	got, err := client.GetCredential(ctx, id)
	if jp1api.IsNotFound(err) {
		resp.State.RemoveResource(ctx) // deleted outside Terraform: the plan creates it
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not read analytics credential %q", state.Name.ValueString()), err)
		return
	}
	// The instanceID may hold another credential now (a restored Operations
	// Analytics): never planned as drift of this one.
	if checkInstanceIDStillOurs(ctx, client, &state, id, got, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	if err := state.fromAPI(got, true); err != nil {
		resp.Diagnostics.AddError("Unexpected analytics credential", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *analyticsCredentialResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config analyticsCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	body, err := plan.toAPI(&state, &config, false)
	if err != nil {
		resp.Diagnostics.AddError("Invalid analytics credential", err.Error())
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	id := state.InstanceID.ValueInt64()
	if state.InstanceID.IsNull() {
		// A pending create that someone untainted: adopt what it made, secrets and all.
		found, ferr := findPending(ctx, client, &state)
		if ferr != nil {
			addWarnings(&resp.Diagnostics, warnings)
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not update analytics credential %q", body.Name), ferr)
			return
		}
		if found == nil {
			addWarnings(&resp.Diagnostics, warnings)
			resp.Diagnostics.AddError(fmt.Sprintf("Could not update analytics credential %q", body.Name),
				"Its create never told Terraform the outcome, and no credential of that name and type exists in JP1: "+
					"run `terraform taint` on it so that the next apply creates it.")
			return
		}
		id = found.InstanceID
		if body, err = plan.toAPI(&analyticsCredentialModel{}, &config, true); err != nil {
			resp.Diagnostics.AddError("Invalid analytics credential", err.Error())
			return
		}
	}
	updated, err := client.UpdateCredential(ctx, id, body)
	addWarnings(&resp.Diagnostics, warnings)
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not update analytics credential %q", body.Name), err)
		return
	}
	related := plan.NumOfRelatedResources // planned from state: the next refresh updates it
	if err := plan.fromAPI(updated, true); err != nil {
		resp.Diagnostics.AddError("Unexpected analytics credential", err.Error())
		return
	}
	if !related.IsUnknown() {
		plan.NumOfRelatedResources = related
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, instanceIDAttr, plan.InstanceID, &resp.Diagnostics)
}

func (r *analyticsCredentialResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state analyticsCredentialModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	defer addWarnings(&resp.Diagnostics, warnings)
	id := state.InstanceID.ValueInt64()
	if state.InstanceID.IsNull() { // a pending create: find what it made, if anything
		found, err := findPending(ctx, client, &state)
		if err != nil {
			addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not delete analytics credential %q", state.Name.ValueString()), err)
			return
		}
		if found == nil {
			return
		}
		if createFollows(ctx, req.Private, state.Name.ValueString(), state.CredentialType.ValueString()) {
			// The replacement that follows in this apply adopts it instead.
			r.data.handover.put(found.Name, found.CredentialType, found.InstanceID)
			return
		}
		id = found.InstanceID
	}
	if err := client.DeleteCredential(ctx, id); err != nil { // 404 counts as deleted
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not delete analytics credential %q", state.Name.ValueString()), err)
	}
}

// ModifyPlan plans what the configuration alone cannot say: the type from the
// block given (another type's block replaces the credential), the computed
// members that an update keeps, a port JP1 filled in, and, before the user
// confirms, a warning that a credential in use is about to go. It fails the
// plan, rather than the apply, when Operations Analytics is not configured, so
// a drift check on a new configuration reports an error, not drift.
func (r *analyticsCredentialResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil && r.data.analyticsClient(&resp.Diagnostics) == nil {
		return
	}
	var state analyticsCredentialModel
	hasState := !req.State.Raw.IsNull()
	if hasState {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if req.Plan.Raw.IsNull() { // destroy
		warnInUse(&resp.Diagnostics, &state)
		return
	}
	var plan, config analyticsCredentialModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	blk, known := plan.activeBlock()
	if !known {
		return
	}
	plan.CredentialType = types.StringValue(blk.credType)
	replacing := hasState && !state.CredentialType.IsNull() && !strings.EqualFold(state.CredentialType.ValueString(), blk.credType)
	if replacing {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("credential_type"))
		warnInUse(&resp.Diagnostics, &state)
	}
	if hasState && !replacing && !state.ID.IsNull() {
		// An update keeps the instanceID and does not change what uses the credential.
		plan.ID, plan.InstanceID, plan.NumOfRelatedResources = state.ID, state.InstanceID, state.NumOfRelatedResources
		keepFilledInPort(&plan, &state, &config, blk, &resp.Diagnostics)
	}
	if hasState && !replacing && state.ID.IsNull() {
		// A pending create someone untainted: the update adopts it (see Update).
		plan.ID, plan.InstanceID, plan.NumOfRelatedResources = types.StringUnknown(), types.Int64Unknown(), types.Int64Unknown()
		planPort(&plan, &config, blk, &resp.Diagnostics, func(types.Int64) types.Int64 { return types.Int64Unknown() }) // JP1 tells
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	if hasState && !replacing && !state.ID.IsNull() && !resp.Diagnostics.HasError() {
		// What the plan cannot show of the secrets (analytics_credential_secrets.go).
		warnSecretsCleared(&resp.Diagnostics, plan.Name.ValueString(), blk, &plan, &state, &config)
		warnSecretsUnknown(ctx, req, resp, plan.Name.ValueString(), blk, &plan, &state, &config)
	}
	if (!hasState || replacing || state.ID.IsNull()) && !plan.Name.IsUnknown() {
		resp.Diagnostics.Append(setPlannedCreate(ctx, resp.Private, plan.Name.ValueString(), blk.credType)...)
	}
}

// keepFilledInPort: a port the configuration leaves out is JP1's to choose. If
// state holds none or the protocol's default, that is what JP1 keeps: planned
// as is. Any other port was given before and is now left out: planned as
// unknown, so the update lets JP1 return to its default.
func keepFilledInPort(plan, state, config *analyticsCredentialModel, blk credentialBlock, diags *diag.Diagnostics) {
	was, err := blockOf(state, blk, blk.newBlock())
	if err != nil || state.block(blk.name).IsNull() {
		return // another type or SNMP version before: JP1 tells after the update
	}
	planPort(plan, config, blk, diags, func(types.Int64) types.Int64 {
		if p := *was.port(); p.IsNull() || p.ValueInt64() == defaultPorts[blk.credType] {
			return p
		}
		return types.Int64Unknown()
	})
}

// planPort plans the port of blk, when it has one and the configuration
// leaves it out, as choose says.
func planPort(plan, config *analyticsCredentialModel, blk credentialBlock, diags *diag.Diagnostics, choose func(types.Int64) types.Int64) {
	b, err := blockOf(plan, blk, blk.newBlock())
	if err == nil {
		var cfg blockModel
		if cfg, err = blockOf(config, blk, blk.newBlock()); err == nil && b.port() != nil && cfg.port().IsNull() {
			*b.port() = choose(*b.port())
			err = setBlock(plan, blk, blockAttrTypes, b)
		}
	}
	if err != nil {
		diags.AddError("Unexpected analytics credential", err.Error())
	}
}

func warnInUse(diags *diag.Diagnostics, state *analyticsCredentialModel) {
	if n := state.NumOfRelatedResources.ValueInt64(); n > 0 {
		diags.AddWarning("Deleting a credential in use",
			fmt.Sprintf("Analytics credential %q is used by %d monitored resource(s). Deleting it stops JP1/Operations "+
				"Analytics from collecting from them until they get another credential.", state.Name.ValueString(), n))
	}
}

func (r *analyticsCredentialResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if resp.Private != nil {
		// JP1 may hold optional secrets no configuration names (analytics_credential_secrets.go).
		resp.Diagnostics.Append(markSecretsUnknown(ctx, resp.Private)...)
	}
	if req.ID == "" && req.Identity != nil { // import { identity = { instance_id = 42 } }
		var id types.Int64
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(instanceIDAttr), &id)...)
		if !resp.Diagnostics.HasError() {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strconv.FormatInt(id.ValueInt64(), 10))...)
		}
		return
	}
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
