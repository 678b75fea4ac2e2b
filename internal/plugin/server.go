package plugin

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// frameworkServer is what terraform-plugin-framework's protocol 6 server
// implements: the required RPCs and every optional interface of
// terraform-plugin-go (list resources, actions, state stores). The wrapper
// offers all of them, so Terraform sees the same capabilities it would see
// without the wrapper (TestReleasingServerOffersEveryFrameworkRPC fails when
// the framework implements an RPC the wrapper does not).
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// releasingServer gives the framework's RPCs a context that forgets the
// request's context when the RPC returns, or, for an RPC that answers with a
// stream (ListResource, InvokeAction, ReadStateBytes), when Terraform has
// consumed the stream: the provider produces its results while the stream is
// read, with the RPC's context.
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
// describes the leak). The RPCs Terraform sends once per process or per
// type (schemas, configure, functions) pass through, and so do those of
// features the jp1 provider has none of (ephemeral resources, the state-store
// RPCs other than ReadStateBytes).
type releasingServer struct{ frameworkServer }

// served runs one RPC with a context that is released when it returns.
func served[Req, Resp any](ctx context.Context, req Req, rpc func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := newReleasableContext(ctx)
	defer rc.release()
	return rpc(rc, req)
}

// streamed runs one RPC that answers with a stream, whose results the provider
// produces while Terraform reads them: the context is released once the
// stream is read to its end or abandoned, or at once when there is no stream.
func streamed[Req, Resp, Item any](ctx context.Context, req Req, rpc func(context.Context, Req) (*Resp, error), seq func(*Resp) *iter.Seq[Item]) (*Resp, error) {
	rc := newReleasableContext(ctx)
	resp, err := rpc(rc, req)
	if err != nil || resp == nil || *seq(resp) == nil {
		rc.release()
		return resp, err
	}
	inner := *seq(resp)
	*seq(resp) = func(yield func(Item) bool) {
		defer rc.release()
		inner(yield)
	}
	return resp, nil
}

func (s *releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return served(ctx, req, s.frameworkServer.ValidateResourceConfig)
}

func (s *releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return served(ctx, req, s.frameworkServer.UpgradeResourceState)
}

func (s *releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return served(ctx, req, s.frameworkServer.UpgradeResourceIdentity)
}

func (s *releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return served(ctx, req, s.frameworkServer.ReadResource)
}

func (s *releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return served(ctx, req, s.frameworkServer.PlanResourceChange)
}

func (s *releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return served(ctx, req, s.frameworkServer.ApplyResourceChange)
}

func (s *releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return served(ctx, req, s.frameworkServer.ImportResourceState)
}

func (s *releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return served(ctx, req, s.frameworkServer.ValidateDataResourceConfig)
}

func (s *releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return served(ctx, req, s.frameworkServer.ReadDataSource)
}

func (s *releasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return served(ctx, req, s.frameworkServer.ValidateListResourceConfig)
}

func (s *releasingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return streamed(ctx, req, s.frameworkServer.ListResource,
		func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] { return &r.Results })
}

func (s *releasingServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return served(ctx, req, s.frameworkServer.ValidateActionConfig)
}

func (s *releasingServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return served(ctx, req, s.frameworkServer.PlanAction)
}

func (s *releasingServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return streamed(ctx, req, s.frameworkServer.InvokeAction,
		func(r *tfprotov6.InvokeActionServerStream) *iter.Seq[tfprotov6.InvokeActionEvent] { return &r.Events })
}

func (s *releasingServer) ReadStateBytes(ctx context.Context, req *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	return streamed(ctx, req, s.frameworkServer.ReadStateBytes,
		func(r *tfprotov6.ReadStateBytesStream) *iter.Seq[tfprotov6.ReadStateByteChunk] { return &r.Chunks })
}
