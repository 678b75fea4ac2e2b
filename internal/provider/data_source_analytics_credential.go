package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

var (
	_ datasource.DataSource                     = (*analyticsCredentialDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*analyticsCredentialDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*analyticsCredentialDataSource)(nil)
)

// instanceIDPattern is what an Operations Analytics instanceID looks like.
var instanceIDPattern = regexp.MustCompile(`^[0-9]+$`)

type analyticsCredentialDataSource struct {
	data *providerData
}

// NewAnalyticsCredentialDataSource is the factory the provider registers.
func NewAnalyticsCredentialDataSource() datasource.DataSource {
	return &analyticsCredentialDataSource{}
}

func (d *analyticsCredentialDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_analytics_credential"
}

func (d *analyticsCredentialDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *analyticsCredentialDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := analyticsCredentialDataAttributes()
	attrs["id"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "instanceID of the credential to read. Exactly one of `id` and `name` must be set.",
		Validators:          []validator.String{stringvalidator.RegexMatches(instanceIDPattern, "must be an instanceID: a whole number such as \"42\"")},
	}
	attrs["name"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "Name of the credential to read. Exactly one of `id` and `name` must be set.",
		Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, jp1api.MaxCredentialNameLength)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one JP1/Operations Analytics credential by instanceID or name. Secrets are never returned by JP1.",
		Attributes:          attrs,
	}
}

func (d *analyticsCredentialDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *analyticsCredentialDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg analyticsCredentialModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	defer addWarnings(&resp.Diagnostics, warnings)
	var found *jp1api.Credential
	var err error
	if !cfg.ID.IsNull() {
		id, perr := strconv.ParseInt(cfg.ID.ValueString(), 10, 64)
		if perr != nil {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid credential ID",
				fmt.Sprintf("id must be an instanceID (a whole number), got %q.", cfg.ID.ValueString()))
			return
		}
		found, err = client.GetCredential(ctx, id)
	} else {
		found, err = client.FindCredentialByName(ctx, cfg.Name.ValueString())
	}
	if err != nil {
		what := "id " + cfg.ID.ValueString()
		if cfg.ID.IsNull() {
			what = fmt.Sprintf("name %q", cfg.Name.ValueString())
		}
		addAPIError(&resp.Diagnostics, "Could not read the analytics credential with "+what, err)
		return
	}
	state, err := newAnalyticsCredentialDataModel(found)
	if err != nil {
		resp.Diagnostics.AddError("Unexpected analytics credential", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
