package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

var (
	_ datasource.DataSource              = (*imClientsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*imClientsDataSource)(nil)
)

type imClientsDataSource struct {
	data *providerData
}

type imClientsModel struct {
	IncludeSystem types.Bool `tfsdk:"include_system"`
	ClientIDs     []string   `tfsdk:"client_ids"`
}

// NewIMClientsDataSource is the factory the provider registers.
func NewIMClientsDataSource() datasource.DataSource { return &imClientsDataSource{} }

func (d *imClientsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_im_clients"
}

func (d *imClientsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *imClientsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the IM client IDs registered on JP1/Integrated Management 3 - Manager. Secrets are " +
			"never returned by JP1. The JP1 user needs `JP1_Console_Admin` on JP1 resource group `*`.",
		Attributes: map[string]schema.Attribute{
			"include_system": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Whether to list the IDs JP1/IM registers itself, those beginning with `" +
					jp1api.ClientIDPrefixAgent + "` or `" + jp1api.ClientIDPrefixManager + "` (such as `" +
					jp1api.ClientIDPrefixIntegrated + "<host>`, which the integration manager `<host>` registers on " +
					"this manager when it adds it as a lower manager). Defaults to `false`.",
			},
			"client_ids": schema.ListAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "The client IDs, sorted.",
			},
		},
	}
}

func (d *imClientsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state imClientsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := d.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ids, err := client.ListClientIDs(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not list IM clients", err)
		return
	}
	state.ClientIDs = make([]string, 0, len(ids)) // a fresh slice: the list is the client's shared cache
	for _, id := range ids {
		if state.IncludeSystem.ValueBool() || !jp1api.IsSystemClientID(id) {
			state.ClientIDs = append(state.ClientIDs, id)
		}
	}
	slices.Sort(state.ClientIDs)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
