package plugin

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Address is the provider's address in the Terraform Registry.
const Address = "registry.terraform.io/jp1-terraform/jp1"

// shutdownGrace bounds the provider's Close: Terraform kills a plugin that
// does not exit soon after it stops it.
const shutdownGrace = time.Second

// Closer is a provider that holds something to end when Terraform stops the
// plugin (the framework has no shutdown hook); Serve calls Close once, after
// serving, within a short grace period.
type Closer interface {
	Close(ctx context.Context)
}

// Serve serves p to Terraform until Terraform stops the plugin: the GC
// setting, quiet logs unless Terraform keeps them (or under debug, where they
// go to the developer's terminal), a server that releases each request's
// context when the RPC returns (see releasingServer), and p's Close at the end
// when p is a Closer.
func Serve(p provider.Provider, debug bool) error {
	tune(debug)
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve(Address, NewServer(p), opts...)
	if c, ok := p.(Closer); ok {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		c.Close(ctx)
	}
	return err
}

// EnvTuning names the environment variable that, set to "off" (or "0",
// "false"), leaves Go's garbage collector and the plugin's loggers as the
// runtime and terraform-plugin-go set them: for a bug report that must rule
// the process tuning out. The releasing server stays (see server.go).
const EnvTuning = "JP1_PROVIDER_TUNING"

// tune applies the process tuning unless EnvTuning switches it off: the GC
// setting (gc.go) and, except under debug, quiet logs (logs.go).
func tune(debug bool) {
	switch strings.ToLower(strings.TrimSpace(os.Getenv(EnvTuning))) {
	case "off", "0", "false":
		return
	}
	tuneGC()
	if !debug {
		silenceDiscardedLogs()
	}
}

// NewServer returns the framework's protocol 6 server for p, wrapped so that
// serving a request does not keep the request in memory afterwards.
func NewServer(p provider.Provider) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		fw, ok := providerserver.NewProtocol6(p)().(frameworkServer)
		if !ok { // a framework that dropped an optional RPC fails every test, never a user's query
			panic("terraform-plugin-framework's server no longer implements every RPC releasingServer forwards")
		}
		return &releasingServer{frameworkServer: fw}
	}
}
