package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*imLowerManagersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*imLowerManagersDataSource)(nil)
)

type imLowerManagersDataSource struct {
	data *providerData
}

type imLowerManagersModel struct {
	Hostnames types.Set `tfsdk:"hostnames"`
}

// NewIMLowerManagersDataSource is the factory the provider registers.
func NewIMLowerManagersDataSource() datasource.DataSource { return &imLowerManagersDataSource{} }

func (d *imLowerManagersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_im_lower_managers"
}

func (d *imLowerManagersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *imLowerManagersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the lower managers of a JP1/Integrated Management 3 - Manager that acts as " +
			"integration manager. Initial secrets are never returned by JP1. The JP1 user needs `JP1_Console_Admin` " +
			"on JP1 resource group `*`.",
		Attributes: map[string]schema.Attribute{
			"hostnames": schema.SetAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "The host names of the lower managers the integration manager lists.",
			},
		},
	}
}

func (d *imLowerManagersDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	hosts, err := client.ListLowerManagers(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not list lower managers", err)
		return
	}
	set, diags := types.SetValueFrom(ctx, types.StringType, hosts)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &imLowerManagersModel{Hostnames: set})...)
}
