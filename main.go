// Command terraform-provider-jp1 serves the JP1 provider to Terraform and OpenTofu.
package main

import (
	"context"
	"flag"
	"log"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider"
)

// version is set by the release build (goreleaser ldflags: -X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()
	if !debug { // under -debug the log lines go to the developer's terminal
		silenceDiscardedLogs()
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/jp1-terraform/jp1",
		Debug:   debug,
	})
	// Terraform has stopped the plugin: end the IM login sessions this process opened,
	// within the grace period Terraform gives a plugin before it kills it.
	closeCtx, cancel := context.WithTimeout(context.Background(), time.Second)
	provider.CloseSessions(closeCtx)
	cancel()
	if err != nil {
		log.Fatal(err.Error())
	}
}
