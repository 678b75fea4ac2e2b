package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// keyedListResource is the list block (`terraform query`, Terraform >= 1.14) of
// an IM object that JP1 lists under one string key and never returns more of:
// IM client IDs, proxy users, lower managers. One list call serves the whole
// query (the client caches it per process, shared with the resources' Reads).
// Each result is the key as display name and identity and, with
// include_resource, the state a Read after `import` writes: id and the key, the
// rest null (JP1 returns no secret).
type keyedListResource struct {
	data       *providerData
	typeSuffix string // the resource's type name after "jp1"
	noun       string // "IM client IDs", for messages
	keyAttr    string // the identity attribute, also a state attribute
	doc        string
	filters    map[string]listschema.Attribute
	list       func(*jp1api.IMClient) func(context.Context) ([]string, error)
	// keep returns the filter the list block's configuration asks for.
	keep func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) func(key string) bool
}

var _ list.ListResourceWithConfigure = (*keyedListResource)(nil)

func (l *keyedListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.typeSuffix
}

func (l *keyedListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (l *keyedListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := l.filters
	if attrs == nil {
		attrs = map[string]listschema.Attribute{}
	}
	resp.Schema = listschema.Schema{MarkdownDescription: l.doc, Attributes: attrs}
}

func (l *keyedListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	keep := func(string) bool { return true }
	if l.keep != nil {
		keep = l.keep(ctx, req.Config, &diags)
	}
	client := l.data.imClient(&diags)
	if diags.HasError() || client == nil {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		keys, err := l.list(client)(ctx)
		if err != nil {
			addAPIError(&diags, "Could not list "+l.noun, err)
			push(list.ListResult{Diagnostics: diags})
			return
		}
		sorted := slices.Clone(keys) // the list is the client's shared cache
		slices.Sort(sorted)
		push = limited(req.Limit, push)
		for _, key := range sorted {
			if keep(key) && !push(l.result(ctx, req, key)) {
				return
			}
		}
	}
}

// limited passes at most limit results on (the list block's `limit`, which
// Terraform sets to 100 unless told otherwise; 0 means no limit) and then
// tells the producer to stop.
func limited(limit int64, push func(list.ListResult) bool) func(list.ListResult) bool {
	n := int64(0)
	return func(r list.ListResult) bool {
		if limit > 0 && n >= limit {
			return false
		}
		n++
		return push(r) && (limit <= 0 || n < limit)
	}
}

// result is one listed object, as `terraform query` shows and imports it.
func (l *keyedListResource) result(ctx context.Context, req list.ListRequest, key string) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = key
	r.Diagnostics.Append(r.Identity.SetAttribute(ctx, path.Root(l.keyAttr), key)...)
	if req.IncludeResource {
		r.Diagnostics.Append(r.Resource.SetAttribute(ctx, path.Root("id"), key)...)
		r.Diagnostics.Append(r.Resource.SetAttribute(ctx, path.Root(l.keyAttr), key)...)
	}
	return r
}
