// Command terraform-provider-jp1 serves the JP1 provider to Terraform and OpenTofu.
package main

import (
	"flag"
	"log"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/plugin"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider"
)

// version is set by the release build (goreleaser ldflags: -X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()
	if err := plugin.Serve(provider.New(version)(), debug); err != nil {
		log.Fatal(err.Error())
	}
}
