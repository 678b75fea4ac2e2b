package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
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
	_ resource.Resource                     = (*proxyUserResource)(nil)
	_ resource.ResourceWithConfigure        = (*proxyUserResource)(nil)
	_ resource.ResourceWithImportState      = (*proxyUserResource)(nil)
	_ resource.ResourceWithIdentity         = (*proxyUserResource)(nil)
	_ resource.ResourceWithConfigValidators = (*proxyUserResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*proxyUserResource)(nil)
)

// proxyUserObject words the create and update of a proxy user (secret_object.go).
var proxyUserObject = secretObject{noun: "proxy user", keyAttr: "user_id", secretAttr: "password", secretNoun: "password",
	pending: "Terraform records the proxy user as tainted. The next apply removes the user if this request added it, " +
		"and adds it again with the configured password."}

type proxyUserResource struct {
	data *providerData
}

type proxyUserModel struct {
	ID                types.String `tfsdk:"id"`
	UserID            types.String `tfsdk:"user_id"`
	Password          types.String `tfsdk:"password"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
}

// NewProxyUserResource is the factory the provider registers.
func NewProxyUserResource() resource.Resource { return &proxyUserResource{} }

func (r *proxyUserResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxy_user"
}

func (r *proxyUserResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *proxyUserResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = keyIdentitySchema("user_id", "The proxy user ID.")
}

func (r *proxyUserResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := secretAttributes("password", "Password of the proxy user", jp1api.MaxSecretBytes, secretAsIs)
	attrs["id"] = schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: "The proxy user ID (same as `user_id`).",
		PlanModifiers:       []planmodifier.String{planmodifiers.SameAs(path.Root("user_id"))},
	}
	attrs["user_id"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: fmt.Sprintf("The proxy user ID: 1 to %d characters, each printable ASCII other than "+
			"space (0x21 to 0x7E). Changing it replaces the user.", jp1api.MaxProxyUserIDLength),
		Validators:    []validator.String{validators.Length(1, jp1api.MaxProxyUserIDLength), validators.ASCII(0x21, "")},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user of the proxy server, and its password, that user-created plug-ins of " +
			"JP1/Integrated Management 3 - Manager use. Give the password as `password` (kept in state, marked " +
			"sensitive) or as `password_wo` with `password_wo_version` (never stored; Terraform 1.11 or later). " +
			"JP1 cannot return the password, so a change made outside Terraform cannot be seen: bump " +
			"`password_wo_version` to send it again. The JP1 user needs `JP1_Console_Admin` or `JP1_Console_Operator`.\n\n" +
			"JP1 processes one proxy-user request at a time; the provider queues its own requests and retries while " +
			"another program holds the lock, so no `-parallelism` setting is needed.\n\n" +
			"Creating a user that JP1 already lists fails (JP1's add would replace the password that someone else " +
			"set, and a later destroy would remove a user this configuration never made): import it instead, " +
			"with the command the error shows. An imported user has no password in state; the first apply after " +
			"the import sends the configured one.",
		Attributes: attrs,
	}
}

// ConfigValidators makes the password mandatory in one of its two forms; JP1 cannot
// add a proxy user without one.
func (r *proxyUserResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("password"), path.MatchRoot("password_wo")),
	}
}

// ModifyPlan fails the plan, rather than the apply, when IM is not configured,
// so a drift check on a new configuration reports an error, not drift.
func (r *proxyUserResource) ModifyPlan(_ context.Context, _ resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil {
		r.data.imClient(&resp.Diagnostics)
	}
}

func (r *proxyUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config proxyUserModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	plan.ID = plan.UserID
	if proxyUserObject.create(ctx, &resp.Diagnostics, plan.UserID.ValueString(),
		plan.secret(&proxyUserModel{}, &config).toSend(true), client.CreateProxyUser) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		setIdentity(ctx, resp.Identity, "user_id", plan.UserID, &resp.Diagnostics)
	}
}

func (r *proxyUserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state proxyUserModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	// Identity first: a Read that removes the object still answers one.
	setIdentity(ctx, resp.Identity, "user_id", state.UserID, &resp.Diagnostics)
	if readListed(ctx, resp, "proxy user", state.UserID.ValueString(), client.ListProxyUsers) {
		state.ID = state.UserID
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

// Update re-sends the password only when it changed or its write-only version did;
// anything else (such as switching forms with the same version) costs no request.
func (r *proxyUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config proxyUserModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pw := plan.secret(&state, &config).toSend(false); pw != nil {
		client := r.data.imClient(&resp.Diagnostics)
		if client == nil || !proxyUserObject.update(ctx, &resp.Diagnostics, plan.UserID.ValueString(), *pw, client.AddProxyUser) { // add is an upsert
			return
		}
	}
	plan.ID = plan.UserID
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, "user_id", plan.UserID, &resp.Diagnostics)
}

func (r *proxyUserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state proxyUserModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	if err := client.RemoveProxyUser(ctx, state.UserID.ValueString()); err != nil { // absent counts as removed
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Could not remove proxy user %q", state.UserID.ValueString()), err)
	}
}

// ImportState takes the user ID (an import ID or an identity); Read then checks that JP1 lists it. The password
// stays null: JP1 cannot return it.
func (r *proxyUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByKey(ctx, "user_id", req, resp)
}

// secret gathers what decides whether the password goes on the wire; prior is the
// state (empty on create) and config supplies the write-only value.
func (m *proxyUserModel) secret(prior, config *proxyUserModel) secretInputs {
	return secretInputs{
		Value:        m.Password,
		PriorValue:   prior.Password,
		WriteOnly:    config.PasswordWO,
		Version:      m.PasswordWOVersion,
		PriorVersion: prior.PasswordWOVersion,
	}
}
