package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider/planmodifiers"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider/validators"
)

var (
	_ resource.Resource                = (*imClientResource)(nil)
	_ resource.ResourceWithConfigure   = (*imClientResource)(nil)
	_ resource.ResourceWithImportState = (*imClientResource)(nil)
	_ resource.ResourceWithIdentity    = (*imClientResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*imClientResource)(nil)
)

type imClientResource struct {
	data *providerData
}

type imClientModel struct {
	ID             types.String `tfsdk:"id"`
	ClientID       types.String `tfsdk:"client_id"`
	Keepers        types.Map    `tfsdk:"keepers"`
	ClientSecret   types.String `tfsdk:"client_secret"`
	LastUpdateTime types.String `tfsdk:"last_update_time"`
}

// NewIMClientResource is the factory the provider registers.
func NewIMClientResource() resource.Resource { return &imClientResource{} }

func (r *imClientResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_im_client"
}

func (r *imClientResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *imClientResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = keyIdentitySchema("client_id", "The IM client ID.")
}

func (r *imClientResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An IM client ID and its client secret on JP1/Integrated Management 3 - Manager, which a " +
			"program of your own (an OSS tool, a script) uses to call the event-issuing, JP1 event-translation and " +
			"trend-data writing APIs. " +
			"JP1 returns the secret once, when it is issued, and has no way to re-issue it in place: a new secret " +
			"means deleting the client and issuing it again, which this resource does when `keepers` change, and the " +
			"program fails from that delete until it has the new secret (a second client ID avoids the gap: see the " +
			"resource's documentation). The JP1 user needs `JP1_Console_Admin` on JP1 resource group `*`.\n\n" +
			"An imported client has no `client_secret` and no `last_update_time` in state (JP1 cannot return them); " +
			"adding `keepers` to an imported client records them without issuing a new secret.\n\n" +
			"The client ID an integration manager `<host>` uses to reach this (lower) manager, `" +
			jp1api.ClientIDPrefixIntegrated + "<host>`, is registered by JP1 itself when the integration manager adds " +
			"this manager (`jp1_im_lower_manager`, on the integration manager): such an ID may be imported and destroyed, " +
			"never issued (see the resource's documentation).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The client ID (same as `client_id`).",
				PlanModifiers:       []planmodifier.String{planmodifiers.SameAs(path.Root("client_id"))},
			},
			"client_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: fmt.Sprintf("The IM client ID: 1 to %d characters, each printable ASCII "+
					"(0x20 to 0x7E, space included) except `:`, not beginning with `%s` or `%s` (JP1 reserves those for "+
					"its own agents and managers; an existing `%s<host>` ID may be imported, to destroy it). "+
					"Changing it replaces the client.",
					jp1api.MaxClientIDLength, jp1api.ClientIDPrefixAgent, jp1api.ClientIDPrefixManager, jp1api.ClientIDPrefixIntegrated),
				Validators:    validators.ClientID(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"keepers": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Arbitrary strings; any change deletes the client and issues it again with a new " +
					"secret (rotation). For example `{ rotated = \"2025-04\" }`. The program that uses the client ID " +
					"fails from the delete until it has the new secret; a second client ID avoids that gap (see the " +
					"resource's documentation). Not sent to JP1. Not sensitive: plans and state show it in clear text, " +
					"so never put a secret in it.",
				PlanModifiers: []planmodifier.Map{planmodifiers.RotateUnlessImported(path.Root("client_secret"))},
			},
			"client_secret": schema.StringAttribute{
				Computed:  true,
				Sensitive: true,
				MarkdownDescription: "The client secret JP1 issued. Known after create; JP1 never returns it again, so " +
					"it is null after import and a change made outside Terraform cannot be seen.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"last_update_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When JP1 issued the secret, in UTC ISO 8601 (`2022-10-20T12:25:45Z`). Null after import.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// ModifyPlan fails the plan, rather than the apply, when IM is not configured
// (so a drift check on a new configuration reports an error, not drift), and
// refuses to issue a MANAGER_INTEGRATED_<host> ID: JP1/IM registers it itself,
// so it may only be imported and destroyed. A replacement is planned as a
// create (no prior state) too, so it is refused the same way.
func (r *imClientResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil && r.data.imClient(&resp.Diagnostics) == nil {
		return
	}
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var clientID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("client_id"), &clientID)...)
	if id := clientID.ValueString(); jp1api.IsIntegrationManagerClientID(id) {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "System client ID cannot be issued",
			fmt.Sprintf("client_id %q is an ID that JP1/IM registers itself: the integration manager %q registered it on "+
				"this (lower) manager, and JP1 cannot issue it. To delete a leftover one, import it (an import block "+
				"with id = %q) and then destroy it (a removed block with destroy = true).",
				id, strings.TrimPrefix(id, jp1api.ClientIDPrefixIntegrated), id))
	}
}

func (r *imClientResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan imClientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	id := plan.ClientID.ValueString()
	issued, err := client.IssueClientSecret(ctx, id)
	const imported = "An imported client has no client_secret in state (JP1 cannot return it); change keepers to issue a new one."
	var e *jp1api.APIError
	switch {
	case errors.As(err, &e) && e.Cause == jp1api.CauseAlreadyExists && e.Existing != id:
		addCaseTwinError(&resp.Diagnostics, "IM client", "client_id", id, e.Existing, errorDetail(err), imported)
		return
	case errors.As(err, &e) && e.Cause == jp1api.CauseAlreadyExists:
		// The ID existed before our first attempt (the client itself recovers when a lost
		// answer of ours registered it). JP1 cannot hand out its secret, so adopting it is
		// the user's decision.
		resp.Diagnostics.AddError(fmt.Sprintf("IM client %q is already registered in JP1", id),
			errorDetail(err)+"\n\n"+createBeforeDestroyParagraph(r.data, id)+importAdvice(id, "client_id")+"\n\n"+imported)
		return
	}
	if err != nil {
		if addCreateError(&resp.Diagnostics, fmt.Sprintf("Could not issue a secret for IM client %q", id), err, imClientPending) {
			plan.ID = plan.ClientID
			plan.ClientSecret = types.StringNull()
			plan.LastUpdateTime = types.StringNull()
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
			setIdentity(ctx, resp.Identity, "client_id", plan.ClientID, &resp.Diagnostics)
		}
		return
	}
	plan.ID = plan.ClientID
	plan.ClientSecret = types.StringValue(issued.ClientSecret)
	plan.LastUpdateTime = types.StringValue(issued.LastUpdateTime)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, "client_id", plan.ClientID, &resp.Diagnostics)
}

func (r *imClientResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state imClientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	// Identity first: a Read that removes the object still answers one.
	setIdentity(ctx, resp.Identity, "client_id", state.ClientID, &resp.Diagnostics)
	if readListed(ctx, resp, "IM client", state.ClientID.ValueString(), client.ListClientIDs) {
		state.ID = state.ClientID
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

// Update only records keepers: every argument that JP1 sees replaces the client, and
// the computed values come from state through UseStateForUnknown.
func (r *imClientResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan imClientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, "client_id", plan.ClientID, &resp.Diagnostics)
}

func (r *imClientResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state imClientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	if err := client.DeleteClientSecret(ctx, state.ClientID.ValueString()); err != nil { // absent counts as deleted
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not delete IM client %q", state.ClientID.ValueString()), err)
		return
	}
	r.data.deleted.add(state.ClientID.ValueString())
}

// createBeforeDestroyParagraph explains the one case in which a create meets
// an ID of its own configuration: a replacement with the same client_id (a
// keepers change) under create_before_destroy, which issues the new client
// before it deletes the old one. The provider cannot tell that case from an ID
// registered outside the configuration: Create receives neither the
// resource's lifecycle nor the private state of its plan, and in the apply a
// replacement's create is planned again as a plain create (Terraform deposes
// the old object first). So the paragraph is worded as a condition, and left
// out when it cannot apply: this process deleted the ID before (the
// replacement deleted first, so someone registered the ID since).
func createBeforeDestroyParagraph(data *providerData, id string) string {
	if data != nil && data.deleted.has(id) {
		return fmt.Sprintf("This apply deleted %q before issuing it again, and JP1 has registered it since: something "+
			"other than this configuration registered it.\n\n", id)
	}
	return "If this resource replaces a client with the same client_id under lifecycle { create_before_destroy = true } " +
		"(after a keepers change, say), the ID JP1 found is that old client: JP1 holds one client per ID, so the new " +
		"one cannot be issued before the old one is deleted. Remove create_before_destroy from this resource (the old " +
		"client is then deleted first), or give the new client another client_id. (The provider cannot see a " +
		"resource's lifecycle, so it cannot tell this case from the next.)\n\nOtherwise the ID was registered " +
		"outside this configuration. "
}

// imClientPending is what happens to a client ID whose issue may have taken
// effect (addCreateError): Delete removes it, absent or not, and Create issues it.
const imClientPending = "Terraform records the IM client as tainted. The next apply deletes the client ID if this " +
	"request registered it (the secret JP1 issued then reached nobody, and JP1 cannot return it), and issues it " +
	"again, with a new secret."

// ImportState takes the client ID (an import ID or an identity); Read then checks that JP1 lists it. The secret and
// its time stay null: JP1 returns them only when it issues them.
func (r *imClientResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByKey(ctx, "client_id", req, resp)
}
