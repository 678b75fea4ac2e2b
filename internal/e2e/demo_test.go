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
)

// TestE2E_demo runs `make demo`'s script as a new user would, with secrets
// known to the test: it must walk every step to "demo: OK" and print none of
// them, in plain or Base64 form.
func TestE2E_demo(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to drive the terraform CLI")
	}
	env := append(os.Environ(), "TERRAFORM="+terraformPath, "CHECKPOINT_DISABLE=1")
	var secrets []string
	for i, name := range []string{"proxy_collector_password", "proxy_notifier_password", "wmi_password",
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
	for _, want := range []string{
		"Apply complete! Resources: 12 added",
		"expect exit code 0 (no changes)",
		"portNumber 22 -> 2222",
		"expect exit code 2 (drift: port 2222 -> 22)",
		"1 changed, 0 destroyed",
		"Destroy complete! Resources: 12 destroyed.",
		"PUT /Analytics/v1/objects/Credentials/{id}",
		"demo: OK",
	} {
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
