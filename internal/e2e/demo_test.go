package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/acctest"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// TestE2E_demo runs `make demo`'s script as a new user would, with secrets
// known to the test: it must walk every step to "demo: OK" and print none of
// them, in plain or Base64 form. With a Terraform >= 1.14 the demo also adopts
// objects made by hand with `terraform query`; without one it says it skipped
// that part.
func TestE2E_demo(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to drive the terraform CLI")
	}
	env := append(os.Environ(), "TERRAFORM="+terraformPath, "CHECKPOINT_DISABLE=1")
	queryCLI, withQuery := acctest.FindTerraform("1.14.0")
	env = append(env, "QUERY_TERRAFORM="+queryCLI.Path) // empty without one: the demo finds none either
	// The secrets of the objects the demo makes by hand (fakejp1 seed-estate -prefix gui -count 2): the
	// same names, so the same secrets.
	var secrets []string
	for _, s := range fakejp1.New().SeedEstate("gui", 2).AdoptionSecrets() {
		secrets = append(secrets, s, base64.StdEncoding.EncodeToString([]byte(s)))
	}
	for i, name := range []string{"proxy_collector_password", "proxy_notifier_password", "lower_manager_initial_secret", "wmi_password",
		"ssh_password", "ssh_root_password", "wbem_password", "snmp_community", "snmp_auth_passphrase",
		"snmp_privacy_passphrase", "agent_password"} {
		value := fmt.Sprintf("Demo-Secret-%02d-%s", i, strings.Repeat("q", 8))
		env = append(env, "TF_VAR_"+name+"="+value)
		secrets = append(secrets, value, base64.StdEncoding.EncodeToString([]byte(value)))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "../../examples/demo/run.sh", pluginDir)
	cmd.Env = env
	cmd.Stdin = nil
	outBytes, err := cmd.CombinedOutput()
	out := string(outBytes)
	if err != nil {
		t.Fatalf("the demo failed: %v\n%s", err, out)
	}
	wants := []string{
		"Apply complete! Resources: 13 added",
		"expect exit code 0 (no changes)",
		"portNumber 22 -> 2222",
		"expect exit code 2 (drift: port 2222 -> 22)",
		"1 changed, 0 destroyed",
		`Warning: Lower manager "demo-branch-mgr01" removed, but JP1 could not reach it`,
		"KAJY68204-W",
		"Destroy complete! Resources: 13 destroyed.",
		"POST /im/api/v1/subManagers/deleteInfo",
		"PUT /Analytics/v1/objects/Credentials/{id}",
		"demo: OK",
	}
	const skipped = "demo: skipped the terraform query part: it needs Terraform >= 1.14"
	if withQuery {
		t.Logf("the terraform query part runs on %s", queryCLI)
		wants = append(wants,
			"made by hand: 2 IM client IDs, 2 proxy users, 2 lower managers, 10 analytics credentials",
			"user_id=gui-proxy-1",
			"instance_id=",
			"estate.tf: 16 resource blocks, 16 import blocks",
			`password            = lookup(var.jp1_secrets, "jp1_proxy_user.gui-proxy-1.password", null)`,
			"Plan: 16 to import, 0 to add, 12 to change, 0 to destroy.",
			"Apply complete! Resources: 16 imported, 0 added, 12 changed, 0 destroyed.",
			"--- plan exit code 0: JP1 matches the adopted configuration",
			"Destroy complete! Resources: 16 destroyed.",
		)
		if strings.Contains(out, skipped) {
			t.Errorf("the demo skipped the terraform query part although %s has it", queryCLI)
		}
	} else {
		wants = append(wants, skipped)
	}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("the demo's output lacks %q", want)
		}
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the demo printed a secret (%d characters, starting %q)", len(s), s[:6])
		}
	}
	if t.Failed() {
		t.Logf("demo output:\n%s", out)
	}
}
