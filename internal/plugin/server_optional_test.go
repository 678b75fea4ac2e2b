package plugin

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Terraform finds list resources, actions and state stores by asking whether
// the server implements tfprotov6.ProviderServerWith…: a wrapper that lacks a
// method the framework's server has hides that feature from Terraform
// ("Provider ValidateListResourceConfig Not Implemented"). This fails when a
// framework upgrade adds an RPC the wrapper does not offer.
func TestReleasingServerOffersEveryFrameworkRPC(t *testing.T) {
	fw := reflect.TypeOf(providerserver.NewProtocol6(emptyProvider{})())
	wrapper := reflect.TypeOf(NewServer(emptyProvider{})())
	for i := range fw.NumMethod() {
		m := fw.Method(i)
		if _, ok := wrapper.MethodByName(m.Name); !ok {
			t.Errorf("the framework's server implements %s, the wrapper does not offer it", m.Name)
		}
	}
	s := NewServer(emptyProvider{})()
	for name, ok := range map[string]bool{
		"ListResourceServer": implements[tfprotov6.ListResourceServer](s),
		"ActionServer":       implements[tfprotov6.ActionServer](s),
		"StateStoreServer":   implements[tfprotov6.StateStoreServer](s),
	} {
		if !ok {
			t.Errorf("the served provider is not a tfprotov6.%s: Terraform would not see that feature", name)
		}
	}
}

func implements[I any](v any) bool { _, ok := v.(I); return ok }

// listingServer answers ListResource with a stream that, like the framework's,
// calls the provider (here: reads the context) only while Terraform reads it.
type listingServer struct {
	frameworkServer
	seen []error // the context's Err at each result
	ctx  context.Context
}

func (s *listingServer) ListResource(ctx context.Context, _ *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	s.ctx = ctx
	return &tfprotov6.ListResourceServerStream{Results: func(push func(tfprotov6.ListResourceResult) bool) {
		for range 3 {
			s.seen = append(s.seen, ctx.Err())
			if ctx.Value(payloadKey{}) == nil {
				s.seen[len(s.seen)-1] = context.Canceled
			}
			if !push(tfprotov6.ListResourceResult{DisplayName: "x"}) {
				return
			}
		}
	}}, nil
}

// A list stream is read after ListResource returned (tf6server sends each
// result as the iterator yields it): its context must live until then, and
// be released once the stream is read.
func TestListStreamKeepsItsContextUntilRead(t *testing.T) {
	for _, stopAfter := range []int{3, 1} {
		inner := &listingServer{}
		s := &releasingServer{frameworkServer: inner}
		ctx := context.WithValue(context.Background(), payloadKey{}, new(int))
		stream, err := s.ListResource(ctx, &tfprotov6.ListResourceRequest{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for range stream.Results {
			if n++; n == stopAfter {
				break
			}
		}
		for i, err := range inner.seen {
			if err != nil {
				t.Errorf("result %d was produced with a released context: %v", i+1, err)
			}
		}
		if len(inner.seen) != stopAfter {
			t.Errorf("%d results produced, want %d", len(inner.seen), stopAfter)
		}
		if inner.ctx.Err() == nil || inner.ctx.Value(payloadKey{}) != nil {
			t.Errorf("after reading %d results the stream's context is still held", stopAfter)
		}
	}
}
