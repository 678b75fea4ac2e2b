// Package acctest prepares a test process that drives the terraform CLI (the
// acceptance tests in internal/provider and the end-to-end tests in
// internal/e2e). It knows neither JP1 nor the provider.
package acctest

import (
	"errors"
	"os"
	"os/exec"
)

// Prepare makes a TF_ACC run safe and frugal on machines like CI's, and
// returns the terraform CLI the tests drive:
//   - Terraform is never downloaded: TF_ACC_TERRAFORM_VERSION is dropped and
//     TF_ACC_TERRAFORM_PATH is set to the terraform on PATH when unset;
//   - a TF_CLI_CONFIG_FILE naming a missing file is dropped (Terraform warns
//     on it and OpenTofu fails);
//   - the garbage collection of the processes the tests start is deferred
//     (see childGC).
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
	childGC()
	return tf, nil
}

// childMemoryLimit is the heap at which a process the tests start collects.
// One terraform command of a test peaks far below it (about 70 MB of RSS).
const childMemoryLimit = "512MiB"

// childGC sets GOGC=off with a soft memory limit for the processes this one
// starts (the runtime reads both at start-up, so the test process itself is
// unaffected). The suite runs about two thousand terraform commands of a few
// tens of milliseconds each; collecting their garbage is a sixth of the
// suite's CPU on two cores (measured: 86 s → 71 s of terraform CPU), and none
// of them lives long enough to need it. GOGC or GOMEMLIMIT set by the user win.
func childGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	os.Setenv("GOGC", "off")
	os.Setenv("GOMEMLIMIT", childMemoryLimit)
}
