package plugin

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// keepingServer keeps every request's context, as the framework's proto6server does.
type keepingServer struct {
	frameworkServer
	kept    []context.Context
	cancels []context.CancelFunc
}

func (s *keepingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	c, cancel := context.WithCancel(ctx)
	s.kept = append(s.kept, c)
	s.cancels = append(s.cancels, cancel) // like the framework's registerContext
	if ctx.Value(payloadKey{}) == nil {
		return nil, errors.New("request value not visible during the RPC")
	}
	return &tfprotov6.ReadResourceResponse{}, nil
}

type payloadKey struct{}

func TestReleasingServerForgetsRequestContext(t *testing.T) {
	inner := &keepingServer{}
	w := serveOne(t, &releasingServer{frameworkServer: inner})
	runtime.GC()
	runtime.GC()
	if w.Value() != nil {
		t.Fatal("the request's context is still reachable from the context the server kept")
	}
	kept := inner.kept[0]
	if kept.Err() == nil || kept.Value(payloadKey{}) != nil {
		t.Fatalf("after the RPC the kept context should be canceled and empty: err %v", kept.Err())
	}
}

// serveOne serves one ReadResource with a value in its context, ends the
// request's context as gRPC does when the RPC returns, and returns a weak
// pointer to the value.
func serveOne(t *testing.T, s tfprotov6.ProviderServer) weak.Pointer[[1 << 16]byte] {
	t.Helper()
	payload := new([1 << 16]byte)
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), payloadKey{}, payload))
	defer cancel()
	if _, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	return weak.Make(payload)
}

// The framework still keeps every request's context; when this fails after a
// framework upgrade, registerContext was fixed: remove releasingServer.
func TestFrameworkStillKeepsRequestContexts(t *testing.T) {
	fw := providerserver.NewProtocol6(emptyProvider{})()
	w := serveOne(t, fw)
	runtime.GC()
	runtime.GC()
	if w.Value() == nil {
		t.Fatal("the framework server no longer keeps the request's context: releasingServer can go")
	}
	runtime.KeepAlive(fw)
}

type emptyProvider struct{}

func (emptyProvider) Metadata(context.Context, provider.MetadataRequest, *provider.MetadataResponse) {
}
func (emptyProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (emptyProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (emptyProvider) Resources(context.Context) []func() resource.Resource       { return nil }
func (emptyProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
