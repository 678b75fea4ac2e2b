package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*proxyUsersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*proxyUsersDataSource)(nil)
)

type proxyUsersDataSource struct {
	data *providerData
}

type proxyUsersModel struct {
	UserIDs []string `tfsdk:"user_ids"`
}

// NewProxyUsersDataSource is the factory the provider registers.
func NewProxyUsersDataSource() datasource.DataSource { return &proxyUsersDataSource{} }

func (d *proxyUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxy_users"
}

func (d *proxyUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *proxyUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the proxy-server users of JP1/Integrated Management 3 - Manager. Passwords are never " +
			"returned by JP1. The JP1 user needs `JP1_Console_Admin` or `JP1_Console_Operator`.",
		Attributes: map[string]schema.Attribute{
			"user_ids": schema.ListAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "The proxy user IDs, sorted.",
			},
		},
	}
}

func (d *proxyUsersDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client := d.data.imClient(&resp.Diagnostics)
	if client == nil {
		return
	}
	ids, err := client.ListProxyUsers(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not list proxy users", err)
		return
	}
	// A copy, because the list is the client's shared cache; never nil, so "none" is an empty list, not null.
	state := proxyUsersModel{UserIDs: append([]string{}, ids...)}
	slices.Sort(state.UserIDs)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
