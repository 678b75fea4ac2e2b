package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider/planmodifiers"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider/validators"
)

var (
	_ resource.Resource                     = (*imLowerManagerResource)(nil)
	_ resource.ResourceWithConfigure        = (*imLowerManagerResource)(nil)
	_ resource.ResourceWithImportState      = (*imLowerManagerResource)(nil)
	_ resource.ResourceWithIdentity         = (*imLowerManagerResource)(nil)
	_ resource.ResourceWithConfigValidators = (*imLowerManagerResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*imLowerManagerResource)(nil)
)

// lowerManagerObject words the create and update of a lower manager (secret_object.go).
var lowerManagerObject = secretObject{noun: "lower manager", keyAttr: "hostname", secretAttr: "initial_secret", secretNoun: "initial secret",
	pending: "Terraform records the lower manager as tainted. The next apply deletes it from the integration manager if " +
		"this request registered it, and registers it again with the configured initial secret."}

type imLowerManagerResource struct {
	data *providerData
}

type imLowerManagerModel struct {
	ID                     types.String `tfsdk:"id"`
	Hostname               types.String `tfsdk:"hostname"`
	InitialSecret          types.String `tfsdk:"initial_secret"`
	InitialSecretWO        types.String `tfsdk:"initial_secret_wo"`
	InitialSecretWOVersion types.Int64  `tfsdk:"initial_secret_wo_version"`
}

// NewIMLowerManagerResource is the factory the provider registers.
func NewIMLowerManagerResource() resource.Resource { return &imLowerManagerResource{} }

func (r *imLowerManagerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_im_lower_manager"
}

func (r *imLowerManagerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *imLowerManagerResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = keyIdentitySchema("hostname", "The host name of the lower manager.")
}

func (r *imLowerManagerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := secretAttributes("initial_secret", "The initial secret the lower manager was prepared with (printable ASCII, 0x20 to 0x7E)", jp1api.MaxInitialSecretBytes, secretAsIs,
		validators.SecretASCII(0x20))
	attrs["id"] = schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: "The host name of the lower manager (same as `hostname`).",
		PlanModifiers:       []planmodifier.String{planmodifiers.SameAs(path.Root("hostname"))},
	}
	attrs["hostname"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: fmt.Sprintf("The host name of the lower manager, as the integration manager reaches it: "+
			"1 to %d characters. Changing it replaces the lower manager.", jp1api.MaxLowerManagerHostLength),
		Validators:    []validator.String{validators.Length(1, jp1api.MaxLowerManagerHostLength)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A lower manager of a JP1/Integrated Management 3 - Manager that acts as integration " +
			"manager in a manager hierarchy. The provider talks to the integration manager; adding a lower manager " +
			"registers it there, and the lower manager registers the IM client ID `MANAGER_INTEGRATED_<integration " +
			"manager host>` for the integration manager. Give the initial secret that the lower manager was set up " +
			"with as `initial_secret` (kept in state, marked sensitive) or as `initial_secret_wo` with " +
			"`initial_secret_wo_version` (never stored; Terraform 1.11 or later): at most 1024 printable ASCII " +
			"characters (0x20 to 0x7E). JP1 cannot return it, so a change made outside Terraform cannot be seen: " +
			"bump `initial_secret_wo_version` to send it again. The JP1 user needs `JP1_Console_Admin` on JP1 " +
			"resource group `*`.\n\n" +
			"A host that the integration manager already lists is refused (adding it again would replace its " +
			"secret): import it instead. An imported lower manager has no initial secret in state; the first apply " +
			"after the import sends the configured one.\n\n" +
			"When the lower manager cannot be reached, a destroy still removes it from the integration manager, and " +
			"warns that the `MANAGER_INTEGRATED_…` ID may remain on the lower manager.",
		Attributes: attrs,
	}
}

// ConfigValidators makes the initial secret mandatory in one of its two forms; JP1
// cannot add a lower manager without one.
func (r *imLowerManagerResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("initial_secret"), path.MatchRoot("initial_secret_wo")),
	}
}

// ModifyPlan fails the plan, rather than the apply, when IM is not configured,
// so a drift check on a new configuration reports an error, not drift.
func (r *imLowerManagerResource) ModifyPlan(_ context.Context, _ resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil {
		r.data.imClient(&resp.Diagnostics)
	}
}

func (r *imLowerManagerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config imLowerManagerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	plan.ID = plan.Hostname
	if lowerManagerObject.create(ctx, &resp.Diagnostics, plan.Hostname.ValueString(),
		plan.secret(&imLowerManagerModel{}, &config).toSend(true), client.RegisterLowerManager) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		setIdentity(ctx, resp.Identity, "hostname", plan.Hostname, &resp.Diagnostics)
	}
}

func (r *imLowerManagerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state imLowerManagerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	// Identity first: a Read that removes the object still answers one.
	setIdentity(ctx, resp.Identity, "hostname", state.Hostname, &resp.Diagnostics)
	if readListed(ctx, resp, "lower manager", state.Hostname.ValueString(), client.ListLowerManagers) {
		state.ID = state.Hostname
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

// Update re-sends createInfo (an upsert) only when the initial secret changed or its
// write-only version did; anything else costs no request.
func (r *imLowerManagerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config imLowerManagerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if secret := plan.secret(&state, &config).toSend(false); secret != nil {
		client := r.data.imClient(&resp.Diagnostics)
		if client == nil || !lowerManagerObject.update(ctx, &resp.Diagnostics, plan.Hostname.ValueString(), *secret, client.SetLowerManagerSecret) {
			return
		}
	}
	plan.ID = plan.Hostname
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, "hostname", plan.Hostname, &resp.Diagnostics)
}

func (r *imLowerManagerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state imLowerManagerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	host := state.Hostname.ValueString()
	deleted, err := client.DeleteLowerManager(ctx, host) // absent counts as deleted
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not delete lower manager %q", host), err)
		return
	}
	if deleted.Unreached || deleted.AnswerLost {
		addUnreachedWarning(&resp.Diagnostics, host, deleted)
	}
}

// addUnreachedWarning says what a delete may have left behind on a lower manager
// that JP1 could not reach (or, when the answer was lost, may not have reached),
// and how to remove it there.
func addUnreachedWarning(diags *diag.Diagnostics, host string, deleted *jp1api.LowerManagerDeleted) {
	summary := fmt.Sprintf("Lower manager %q removed, but JP1 could not reach it", host)
	said := "JP1 reported that it could not reach the lower manager."
	switch {
	case len(deleted.Messages) > 0:
		said = "JP1 answered: " + strings.Join(deleted.Messages, "; ")
	case !deleted.Unreached: // AnswerLost
		summary = fmt.Sprintf("Lower manager %q removed, but JP1's answer was lost", host)
		said = "The answer to the delete was lost, and JP1 no longer lists the lower manager, so whether JP1 " +
			"reached it (or warned that it could not) is unknown."
	}
	diags.AddWarning(summary,
		said+"\n\n"+
			"The integration manager no longer lists "+host+", but the IM client ID "+
			"MANAGER_INTEGRATED_<integration manager host> that the lower manager registered for it may remain on "+host+". "+
			"Once "+host+" is reachable, remove that ID there: in a configuration whose provider im.endpoint points at "+host+
			", import it into a jp1_im_client resource (an import block with id = \"MANAGER_INTEGRATED_<integration manager host>\"), "+
			"apply, then destroy it (remove the resource from the configuration and apply, or terraform destroy -target on it).")
}

// ImportState takes the hostname (an import ID or an identity); Read then checks that JP1 lists it. The initial
// secret stays null: JP1 cannot return it.
func (r *imLowerManagerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByKey(ctx, "hostname", req, resp)
}

// secret gathers what decides whether the initial secret goes on the wire; prior is
// the state (empty on create) and config supplies the write-only value.
func (m *imLowerManagerModel) secret(prior, config *imLowerManagerModel) secretInputs {
	return secretInputs{
		Value:        m.InitialSecret,
		PriorValue:   prior.InitialSecret,
		WriteOnly:    config.InitialSecretWO,
		Version:      m.InitialSecretWOVersion,
		PriorVersion: prior.InitialSecretWOVersion,
	}
}
