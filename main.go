// Command terraform-provider-jp1 serves the JP1 provider to Terraform and OpenTofu.
package main

import (
	"context"
	"flag"
	"log"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider"
)

// version is set by the release build (goreleaser ldflags: -X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()
	provider.TuneGC()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		provider.SilenceDiscardedLogs() // under -debug the log lines go to the developer's terminal
	}
	// What providerserver.Serve does, with the server that does not keep every
	// request in memory (see provider.NewProtocol6Server).
	err := tf6server.Serve(provider.Address, provider.NewProtocol6Server(version), opts...)
	// Terraform has stopped the plugin: end the IM login sessions this process opened,
	// within the grace period Terraform gives a plugin before it kills it.
	closeCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	provider.CloseSessions(closeCtx)
	cancel()
	if err != nil {
		log.Fatal(err.Error())
	}
}
