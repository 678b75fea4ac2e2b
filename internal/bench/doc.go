// Package bench measures the jp1 provider against the two limits it cannot go
// below: Terraform's own cost per resource (the same number of built-in
// terraform_data resources, measured in the same run) and JP1's serial
// proxyUsers API (N changes take at least N calls' processing time).
//
// It drives the real terraform CLI against the standalone fake JP1
// (internal/fakejp1/cmd/fakejp1) on loopback, with the provider installed
// through dev_overrides. Its command is internal/bench/cmd/jp1bench, run by
// `make bench`; README.md beside this file explains the scenarios and keeps
// the latest table.
package bench
