package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

var (
	_ datasource.DataSource              = (*analyticsCredentialsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*analyticsCredentialsDataSource)(nil)
)

type analyticsCredentialsDataSource struct {
	data *providerData
}

type analyticsCredentialsModel struct {
	CredentialType types.String               `tfsdk:"credential_type"`
	Credentials    []analyticsCredentialModel `tfsdk:"credentials"`
}

// NewAnalyticsCredentialsDataSource is the factory the provider registers.
func NewAnalyticsCredentialsDataSource() datasource.DataSource {
	return &analyticsCredentialsDataSource{}
}

func (d *analyticsCredentialsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_analytics_credentials"
}

func (d *analyticsCredentialsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *analyticsCredentialsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := analyticsCredentialDataAttributes()
	item["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "The credential's instanceID, as a string."}
	item["name"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the credential."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every JP1/Operations Analytics credential (all pages), optionally of one type. " +
			"Secrets are never returned by JP1.",
		Attributes: map[string]schema.Attribute{
			"credential_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only list credentials of this type: " + enumDoc(credentialTypes) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(credentialTypes...)},
			},
			"credentials": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The credentials, ordered by instanceID.",
				NestedObject:        schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

func (d *analyticsCredentialsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state analyticsCredentialsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.analyticsClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ctx, warnings := jp1api.WithWarnings(ctx)
	all, err := client.ListCredentials(ctx)
	addWarnings(&resp.Diagnostics, warnings)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not list analytics credentials", err)
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].InstanceID < all[j].InstanceID })
	state.Credentials = make([]analyticsCredentialModel, 0, len(all))
	for i := range all {
		if state.CredentialType.IsNull() || all[i].CredentialType == state.CredentialType.ValueString() {
			m, err := newAnalyticsCredentialDataModel(&all[i])
			if err != nil {
				resp.Diagnostics.AddError("Unexpected analytics credential", err.Error())
				return
			}
			state.Credentials = append(state.Credentials, m)
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
