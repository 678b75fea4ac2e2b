// Command noopprovider is a diagnostic provider for jp1bench -noop: it serves
// the jp1 provider's own schemas (provider, jp1_im_client, jp1_proxy_user,
// jp1_analytics_credential, with their schema validators and plan modifiers)
// on terraform-plugin-framework, but its resources do nothing: create stores
// the plan, read keeps the state, delete forgets. Timing it separates what
// Terraform and the framework cost for these schemas from what the jp1
// provider's own code (API calls, models, ValidateConfig, ModifyPlan) adds.
// Never released.
package main

import (
	"context"
	"log"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	jp1 "github.com/jp1-terraform/terraform-provider-jp1/internal/provider"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &noopProvider{real: jp1.New("noop")()} },
		providerserver.ServeOpts{Address: "registry.terraform.io/jp1-terraform/jp1"})
	if err != nil {
		log.Fatal(err.Error())
	}
}

type noopProvider struct{ real provider.Provider }

func (p *noopProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p *noopProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (p *noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *noopProvider) Resources(context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, f := range []func() resource.Resource{jp1.NewIMClientResource, jp1.NewProxyUserResource, jp1.NewAnalyticsCredentialResource} {
		out = append(out, func() resource.Resource { return &noopResource{real: f()} })
	}
	return out
}

func (p *noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// noopResource has the real resource's name and schema and nothing else.
type noopResource struct{ real resource.Resource }

func (r *noopResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r *noopResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

func (r *noopResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := known(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("noop", err.Error())
		return
	}
	resp.State.Raw = v
}

func (r *noopResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *noopResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := known(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("noop", err.Error())
		return
	}
	resp.State.Raw = v
}

func (r *noopResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// known replaces the unknown values of a plan (computed attributes) with
// fixed ones, as a create that learned them from the API would.
func known(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		switch t := v.Type(); {
		case t.Is(tftypes.String):
			return tftypes.NewValue(t, "noop"), nil
		case t.Is(tftypes.Number):
			return tftypes.NewValue(t, big.NewFloat(1)), nil
		case t.Is(tftypes.Bool):
			return tftypes.NewValue(t, false), nil
		default:
			return tftypes.NewValue(t, nil), nil
		}
	})
}
