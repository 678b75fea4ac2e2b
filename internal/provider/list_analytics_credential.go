package provider

import (
	"context"
	"maps"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider/validators"
)

var _ list.ListResourceWithConfigure = (*analyticsCredentialListResource)(nil)

// analyticsCredentialListResource is the list block of jp1_analytics_credential
// (`terraform query`, Terraform >= 1.14): the paged credential list, read once
// per query, filtered by type and name. Each result is the credential's name
// as display name, its instanceID as identity and, with include_resource, the
// state a Read after `import` writes (every member JP1 returns), less the
// secrets: JP1 returns none but the SNMP community, which the list leaves out.
type analyticsCredentialListResource struct {
	data *providerData
}

type analyticsCredentialListModel struct {
	CredentialType types.String `tfsdk:"credential_type"`
	NameRegex      types.String `tfsdk:"name_regex"`
}

// NewAnalyticsCredentialListResource is the factory the provider registers.
func NewAnalyticsCredentialListResource() list.ListResource {
	return &analyticsCredentialListResource{}
}

func (l *analyticsCredentialListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_analytics_credential"
}

func (l *analyticsCredentialListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (l *analyticsCredentialListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists the JP1/Operations Analytics credentials (all pages, read once per query), for " +
			"`terraform query` (Terraform 1.14 or later), ordered by instanceID. JP1 never returns a secret: give " +
			"each imported credential its secrets in the configuration, and the first apply sends them.",
		Attributes: map[string]listschema.Attribute{
			"credential_type": listschema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only list credentials of this type: " + enumDoc(credentialTypes) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(credentialTypes...)},
			},
			"name_regex": listschema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only list credentials whose name matches this regular expression (RE2 " +
					"syntax, unanchored: `^win-` for names beginning with `win-`).",
				Validators: []validator.String{validators.Regexp()},
			},
		},
	}
}

func (l *analyticsCredentialListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var config analyticsCredentialListModel
	diags.Append(req.Config.Get(ctx, &config)...)
	var name *regexp.Regexp
	if !diags.HasError() && !config.NameRegex.IsNull() {
		var err error
		if name, err = regexp.Compile(config.NameRegex.ValueString()); err != nil { // the validator said so at validate
			diags.AddAttributeError(path.Root("name_regex"), "Invalid regular expression", err.Error())
		}
	}
	client := l.data.analyticsClient(&diags)
	if diags.HasError() || client == nil {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		ctx, warnings := jp1api.WithWarnings(ctx)
		all, err := client.ListCredentials(ctx)
		addWarnings(&diags, warnings)
		if err != nil {
			addAPIError(&diags, "Could not list analytics credentials", err)
			push(list.ListResult{Diagnostics: diags})
			return
		}
		if len(diags) > 0 && !push(list.ListResult{Diagnostics: diags}) { // JP1's warnings
			return
		}
		sort.Slice(all, func(i, j int) bool { return all[i].InstanceID < all[j].InstanceID })
		push = limited(req.Limit, push)
		for i := range all {
			c := &all[i]
			if config.keeps(c, name) && !push(credentialListResult(ctx, req, c)) {
				return
			}
		}
	}
}

// keeps reports whether the list block's filters select c.
func (m *analyticsCredentialListModel) keeps(c *jp1api.Credential, name *regexp.Regexp) bool {
	return (m.CredentialType.IsNull() || c.CredentialType == m.CredentialType.ValueString()) &&
		(name == nil || name.MatchString(c.Name))
}

// credentialListResult is one listed credential, as `terraform query` shows and imports it.
func credentialListResult(ctx context.Context, req list.ListRequest, c *jp1api.Credential) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = c.Name
	r.Diagnostics.Append(r.Identity.SetAttribute(ctx, path.Root(instanceIDAttr), c.InstanceID)...)
	if req.IncludeResource {
		var m analyticsCredentialModel
		if err := m.fromAPI(c, true); err != nil {
			r.Diagnostics.AddError("Unexpected analytics credential", err.Error())
			return r
		}
		r.Diagnostics.Append(m.withoutReturnedSecrets(ctx)...)
		r.Diagnostics.Append(r.Resource.Set(ctx, &m)...)
	}
	return r
}

// withoutReturnedSecrets nulls the secrets JP1 returns (memberSensitive: the
// SNMP community), which a Read after import records: Terraform prints list
// results in plain text (`terraform query -json`, Terraform 1.14 and 1.15),
// sensitive or not, and `-generate-config-out` writes null for them anyway.
// It goes by the member table, in every block that holds a value, so a
// returned secret added to the table is left out of list results too.
func (m *analyticsCredentialModel) withoutReturnedSecrets(ctx context.Context) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, blk := range credentialBlocks {
		o := m.block(blk.name)
		if o.IsNull() || o.IsUnknown() {
			continue
		}
		attrs, attrTypes := maps.Clone(o.Attributes()), o.AttributeTypes(ctx)
		for _, mem := range membersOf(blk.name) {
			if mem.kind != memberSensitive {
				continue
			}
			null, err := attrTypes[mem.name].ValueFromTerraform(ctx, tftypes.NewValue(attrTypes[mem.name].TerraformType(ctx), nil))
			if err != nil {
				diags.AddError("Unexpected analytics credential", err.Error())
				return diags
			}
			attrs[mem.name] = null
		}
		without, d := basetypes.NewObjectValue(attrTypes, attrs)
		diags.Append(d...)
		if !d.HasError() {
			*o = without
		}
	}
	return diags
}
