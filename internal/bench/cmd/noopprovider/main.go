// Command noopprovider is a diagnostic provider for jp1bench -noop. It serves
// jp1_minimal, a resource of terraform_data's shape (id, input) that does
// nothing: what Terraform spends on any plugin provider's resource beyond its
// built-in one. And it serves the jp1 provider's own schemas (provider, jp1_im_client, jp1_proxy_user,
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
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/plugin"
	jp1 "github.com/jp1-terraform/terraform-provider-jp1/internal/provider"
)

func main() {
	// Served through the real provider's entry point (main.go).
	if err := plugin.Serve(&noopProvider{real: jp1.New("noop")()}, false); err != nil {
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

func (p *noopProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, f := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return &noopResource{real: f()} })
	}
	return append(out, func() resource.Resource { return &noopResource{real: minimalResource{}} })
}

// minimalResource only names itself and its schema; noopResource does the rest.
type minimalResource struct{ resource.Resource }

func (minimalResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_minimal"
}

func (minimalResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"input": schema.StringAttribute{Optional: true},
	}}
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
