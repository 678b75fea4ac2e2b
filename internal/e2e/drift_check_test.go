package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// examples/ci-drift/drift-check.sh on a runner without registry access: the
// provider comes from a local plugin directory that INIT_ARGS hands to
// terraform init. It exits 2 while the configuration is not applied, 0 once
// JP1 matches it, and 1 (an error, not drift) when the product a resource
// needs is not configured.
func TestDriftCheckScript(t *testing.T) {
	fake := startFake(t)
	w := newWorkspace(t, fake, `
terraform {
  required_providers {
    jp1 = {
      source = "jp1-terraform/jp1"
    }
  }
}

resource "jp1_im_client" "tool" {
  client_id = "drift-check-tool"
}
`)
	const version = "0.0.1"
	plugins := filepath.Join(t.TempDir(), "plugins")
	platform := filepath.Join(plugins, "registry.terraform.io", "jp1-terraform", "jp1", version, runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(platform, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(pluginDir, "terraform-provider-jp1"), filepath.Join(platform, "terraform-provider-jp1_v"+version)); err != nil {
		t.Fatal(err)
	}
	emptyRC := filepath.Join(t.TempDir(), "empty.tfrc") // no dev_overrides: init must install the provider
	if err := os.WriteFile(emptyRC, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("../../examples/ci-drift/drift-check.sh")
	if err != nil {
		t.Fatal(err)
	}
	check := func(env ...string) (string, int) {
		t.Helper()
		cmd := exec.Command("sh", script, w.dir)
		cmd.Env = append(slices.Clone(w.env), "TERRAFORM="+terraformPath, "TF_CLI_CONFIG_FILE="+emptyRC,
			"INIT_ARGS=-plugin-dir="+plugins, "DRIFT_REPORT="+filepath.Join(t.TempDir(), "report.txt"))
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		code := 0
		if exitErr, ok := err.(*exec.ExitError); ok {
			code = exitErr.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		w.logs = append(w.logs, string(out))
		return string(out), code
	}

	if out, code := check(); code != 2 || !strings.Contains(out, "drift-check: DRIFT") {
		t.Fatalf("before the apply: exit %d, want 2:\n%s", code, out)
	}
	// Without IM settings the plan fails: an error, not drift.
	if out, code := check("JP1_IM_ENDPOINT="); code != 1 || !strings.Contains(out, "connection is not configured") {
		t.Fatalf("without JP1_IM_ENDPOINT: exit %d, want 1:\n%s", code, out)
	}
	w.env = append(w.env, "TF_CLI_CONFIG_FILE="+emptyRC) // the providers init installed in the workspace
	w.must(nil, "apply", "-auto-approve", "-input=false")
	if out, code := check(); code != 0 || !strings.Contains(out, "no drift") {
		t.Fatalf("after the apply: exit %d, want 0:\n%s", code, out)
	}
}
