package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve serves the provider to Terraform until Terraform stops the plugin, the
// way the released binary runs: the GC setting, quiet logs unless Terraform
// keeps them (or under -debug, where they go to the developer's terminal), the
// server that releases each request (what providerserver.Serve does, without
// its memory growth), and a logout of the IM sessions at the end, within the
// grace period Terraform gives a plugin before it kills it. wrap, when not nil,
// wraps the server (the benchmark counts RPCs in flight with it).
func Serve(version string, debug bool, wrap func(tfprotov6.ProviderServer) tfprotov6.ProviderServer) error {
	TuneGC()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		SilenceDiscardedLogs()
	}
	server := NewProtocol6Server(version)
	if wrap != nil {
		server = func() tfprotov6.ProviderServer { return wrap(NewProtocol6Server(version)()) }
	}
	err := tf6server.Serve(Address, server, opts...)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	CloseSessions(ctx)
	return err
}
