// Package acctest prepares a test process that drives the terraform CLI (the
// acceptance tests in internal/provider and the end-to-end tests in
// internal/e2e). It knows neither JP1 nor the provider.
package acctest

import (
	"errors"
	"os"
	"os/exec"
	"runtime/debug"
)

// Prepare makes a TF_ACC run safe and frugal on machines like CI's, and
// returns the terraform CLI the tests drive:
//   - Terraform is never downloaded: TF_ACC_TERRAFORM_VERSION is dropped and
//     TF_ACC_TERRAFORM_PATH is set to the terraform on PATH when unset;
//   - a TF_CLI_CONFIG_FILE naming a missing file is dropped (Terraform warns
//     on it and OpenTofu fails);
//   - garbage collection is deferred, in the processes the tests start and
//     in the test process itself (see deferGC).
func Prepare() (string, error) {
	os.Unsetenv("TF_ACC_TERRAFORM_VERSION")
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			return "", errors.New("no terraform on PATH; install Terraform >= 1.11 (tests never download it)")
		}
		os.Setenv("TF_ACC_TERRAFORM_PATH", tf)
	}
	if f := os.Getenv("TF_CLI_CONFIG_FILE"); f != "" {
		if _, err := os.Stat(f); err != nil {
			os.Unsetenv("TF_CLI_CONFIG_FILE")
		}
	}
	deferGC()
	return tf, nil
}

// gcMemoryLimit is the heap at which a process collects once deferGC ran.
// One terraform command of a test peaks far below it (about 70 MB of RSS with
// Go's default collection); the test process reaches it and then collects a
// small live heap.
const (
	gcMemoryLimit   = 512 << 20
	childGOMEMLIMIT = "512MiB"
)

// deferGC makes the test process, and the processes it starts (the runtime
// reads GOGC and GOMEMLIMIT at start-up), collect garbage only when their heap
// nears gcMemoryLimit. The suite runs about fifteen hundred terraform commands
// of a few tens of milliseconds each, and serves the provider and the fake in
// the test process: all short-lived, so collecting at every doubling of a
// small heap is wasted work. Measured on two cores, it was a sixth of the CPU
// (the provider package's tests: 96 s → 84 s of CPU, of which terraform's own
// 86 s → 71 s before the chaos and credential tests were merged into fewer
// commands). GOGC or GOMEMLIMIT set by the user win.
func deferGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(gcMemoryLimit)
	os.Setenv("GOGC", "off")
	os.Setenv("GOMEMLIMIT", childGOMEMLIMIT)
}
