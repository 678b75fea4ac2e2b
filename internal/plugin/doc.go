// Package plugin runs a provider as a Terraform plugin process: the GC setting
// for a process that lives one Terraform command, quiet logs when Terraform
// would discard them, the workaround for the framework's per-request context
// leak, and the provider's shutdown hook. main.go calls Serve; the benchmark's
// diagnostic providers start through the same Serve. The provider itself
// (internal/provider) knows nothing of how it is served.
package plugin
