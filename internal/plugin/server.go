package plugin

import (
	"context"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// releasingServer gives the framework's resource and data source RPCs a
// context that forgets the request's context when the RPC returns.
//
// It works around terraform-plugin-framework v1.19.0, internal/proto6server,
// Server.registerContext
// (https://github.com/hashicorp/terraform-plugin-framework/blob/v1.19.0/internal/proto6server/serve.go#L24-L30):
// it derives a cancelable context from every request's context and appends
// the cancel function to a slice that only StopProvider empties (same file,
// L32-L46), and Terraform sends StopProvider only on an interrupt. Each entry
// pins the request's whole context chain: the gRPC stream and the per-request
// loggers and fields of terraform-plugin-log, about 24 KB, so a plan of 900
// resources (2,700 RPCs) kept about 30 MB live until the process ended and the
// GC goal, hence the RSS, grew with it. What the framework keeps is now about
// 100 bytes per request. Remove this wrapper when registerContext no longer
// keeps every cancel function (TestReleasingServerForgetsRequestContext
// describes the leak).
//
// The wrapper embeds tfprotov6.ProviderServer, so the framework server's
// optional interfaces (list resources, actions, state stores) are not offered
// to Terraform; the jp1 provider has none of them.
type releasingServer struct{ tfprotov6.ProviderServer }

// served runs one RPC with a context that is released when it returns.
func served[Req, Resp any](ctx context.Context, req Req, rpc func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := newReleasableContext(ctx)
	defer rc.release()
	return rpc(rc, req)
}

func (s *releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return served(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s *releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return served(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s *releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return served(ctx, req, s.ProviderServer.ReadResource)
}

func (s *releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return served(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s *releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return served(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s *releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return served(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s *releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return served(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s *releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return served(ctx, req, s.ProviderServer.ReadDataSource)
}
