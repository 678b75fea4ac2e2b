package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// The list blocks of the three IM objects (list_keyed.go does the listing).

// NewIMClientListResource lists IM client IDs; JP1's own IDs only when asked.
func NewIMClientListResource() list.ListResource {
	return &keyedListResource{
		typeSuffix: "_im_client",
		noun:       "IM client IDs",
		keyAttr:    "client_id",
		doc: "Lists the IM client IDs registered on JP1/Integrated Management 3 - Manager, for `terraform query` " +
			"(Terraform 1.14 or later). JP1 never returns a client secret: an imported client has none in state " +
			"until `keepers` change and a new one is issued.",
		filters: map[string]listschema.Attribute{
			"include_system": listschema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Whether to list the `" + jp1api.ClientIDPrefixIntegrated + "<host>` IDs, which " +
					"an integration manager `<host>` registered on this (lower) manager: they can be imported and " +
					"destroyed, never issued. JP1's other own IDs (beginning with `" + jp1api.ClientIDPrefixAgent +
					"` or `" + jp1api.ClientIDPrefixManager + "`) are never listed, since `jp1_im_client` cannot " +
					"manage them. Defaults to `false`.",
			},
		},
		list: func(c *jp1api.IMClient) func(context.Context) ([]string, error) { return c.ListClientIDs },
		keep: func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) func(string) bool {
			var includeSystem types.Bool
			diags.Append(config.GetAttribute(ctx, path.Root("include_system"), &includeSystem)...)
			return func(id string) bool {
				if !jp1api.IsSystemClientID(id) {
					return true
				}
				return includeSystem.ValueBool() && jp1api.IsIntegrationManagerClientID(id)
			}
		},
	}
}

// NewProxyUserListResource lists the proxy users.
func NewProxyUserListResource() list.ListResource {
	return &keyedListResource{
		typeSuffix: "_proxy_user",
		noun:       "proxy users",
		keyAttr:    "user_id",
		doc: "Lists the proxy users of JP1/Integrated Management - Manager, for `terraform query` (Terraform 1.14 " +
			"or later). JP1 never returns a password: give each imported user its password in the configuration, " +
			"and the first apply sends it.",
		list: func(c *jp1api.IMClient) func(context.Context) ([]string, error) { return c.ListProxyUsers },
	}
}

// NewIMLowerManagerListResource lists the lower managers of the integration manager.
func NewIMLowerManagerListResource() list.ListResource {
	return &keyedListResource{
		typeSuffix: "_im_lower_manager",
		noun:       "lower managers",
		keyAttr:    "hostname",
		doc: "Lists the lower managers of a JP1/Integrated Management 3 - Manager acting as integration manager, " +
			"for `terraform query` (Terraform 1.14 or later). JP1 never returns an initial secret: give each " +
			"imported lower manager its secret in the configuration, and the first apply sends it.",
		list: func(c *jp1api.IMClient) func(context.Context) ([]string, error) { return c.ListLowerManagers },
	}
}
