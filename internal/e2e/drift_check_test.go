package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/acctest"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// driftCheck runs examples/ci-drift/drift-check.sh on a workspace as a runner
// without registry access would: the provider comes from a local plugin
// directory that INIT_ARGS hands to terraform init, and the CLI configuration
// has no dev_overrides.
type driftCheck struct {
	t       *testing.T
	w       *workspace
	plugins string // the local plugin directory
	emptyRC string // a CLI configuration without dev_overrides
	script  string
	report  string // DRIFT_REPORT of the last run
}

func newDriftCheck(t *testing.T, w *workspace) *driftCheck {
	t.Helper()
	const version = "0.0.1"
	d := &driftCheck{t: t, w: w, plugins: filepath.Join(t.TempDir(), "plugins"), emptyRC: filepath.Join(t.TempDir(), "empty.tfrc")}
	// Both registry hosts: OpenTofu resolves "jp1-terraform/jp1" to registry.opentofu.org.
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		platform := filepath.Join(d.plugins, host, "jp1-terraform", "jp1", version, runtime.GOOS+"_"+runtime.GOARCH)
		if err := os.MkdirAll(platform, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(pluginDir, "terraform-provider-jp1"), filepath.Join(platform, "terraform-provider-jp1_v"+version)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(d.emptyRC, nil, 0o600); err != nil { // no dev_overrides: init must install the provider
		t.Fatal(err)
	}
	var err error
	if d.script, err = filepath.Abs("../../examples/ci-drift/drift-check.sh"); err != nil {
		t.Fatal(err)
	}
	return d
}

// addQueryFile copies examples/ci-drift/unmanaged.tfquery.hcl into the workspace.
func (d *driftCheck) addQueryFile() {
	d.t.Helper()
	raw, err := os.ReadFile("../../examples/ci-drift/unmanaged.tfquery.hcl")
	if err != nil {
		d.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d.w.dir, "unmanaged.tfquery.hcl"), raw, 0o600); err != nil {
		d.t.Fatal(err)
	}
}

// run runs the script with the workspace's CLI and returns its output and exit code.
func (d *driftCheck) run(env ...string) (string, int) {
	d.t.Helper()
	d.report = filepath.Join(d.t.TempDir(), "report.txt")
	cmd := exec.Command("sh", d.script, d.w.dir)
	cmd.Env = append(slices.Clone(d.w.env), "TERRAFORM="+d.w.terraform, "TF_CLI_CONFIG_FILE="+d.emptyRC,
		"INIT_ARGS=-plugin-dir="+d.plugins, "DRIFT_REPORT="+d.report, "UNMANAGED_CHECK=", "DRIFT_WEBHOOK_URL=")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else if err != nil {
		d.t.Fatal(err)
	}
	d.w.logs = append(d.w.logs, string(out))
	if report, err := os.ReadFile(d.report); err == nil {
		d.w.logs = append(d.w.logs, string(report))
	}
	return string(out), code
}

// examples/ci-drift/drift-check.sh exits 2 while the configuration is not
// applied, 0 once JP1 matches it, and 1 (an error, not drift) when the product
// a resource needs is not configured. A CLI without `terraform query` (older
// than Terraform 1.14, or OpenTofu) runs the plan check alone and says so.
func TestDriftCheckScript(t *testing.T) {
	fake, _ := fakejp1test.Start(t)
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
	d := newDriftCheck(t, w)
	d.addQueryFile()
	cli, err := acctest.DescribeCLI(w.terraform)
	if err != nil {
		t.Fatal(err)
	}
	// What the script says about the unmanaged-objects check after a plan that did not fail.
	unmanagedLine := "drift-check: the unmanaged-objects check needs Terraform 1.14 or later (terraform query), not "
	if cli.AtLeast("1.14.0") {
		unmanagedLine = "drift-check: no unmanaged objects"
	}

	if out, code := d.run(); code != 2 || !strings.Contains(out, "drift-check: DRIFT") || !strings.Contains(out, unmanagedLine) {
		t.Fatalf("before the apply: exit %d, want 2 and %q:\n%s", code, unmanagedLine, out)
	}
	// Without IM settings the plan fails: an error, not drift.
	if out, code := d.run("JP1_IM_ENDPOINT="); code != 1 || !strings.Contains(out, "connection is not configured") {
		t.Fatalf("without JP1_IM_ENDPOINT: exit %d, want 1:\n%s", code, out)
	}
	w.env = append(w.env, "TF_CLI_CONFIG_FILE="+d.emptyRC) // the providers init installed in the workspace
	w.must(nil, "apply", "-auto-approve", "-input=false")
	if out, code := d.run(); code != 0 || !strings.Contains(out, "no drift") || !strings.Contains(out, unmanagedLine) {
		t.Fatalf("after the apply: exit %d, want 0 and %q:\n%s", code, unmanagedLine, out)
	}
}

// The unmanaged-objects check (Terraform >= 1.14): with objects made by hand
// beside the managed ones, drift-check.sh exits 2 and names exactly the
// objects no resource in state manages, by type and key (also for state
// written before Terraform 1.12, which keeps no identity); once they are
// adopted or gone it exits 0. UNMANAGED_CHECK=0 turns the check off. No
// secret of the managed or the hand-made objects is ever printed.
func TestDriftCheckScript_unmanagedObjects(t *testing.T) {
	cli, ok := acctest.FindTerraform("1.14.0")
	if !ok {
		t.Skip("needs Terraform >= 1.14 (terraform query); build one with ../shared/tools/build-cli.sh and put it in JP1_CLI_DIR")
	}
	fake, _ := fakejp1test.Start(t)
	const managed = `
terraform {
  required_providers {
    jp1 = {
      source = "jp1-terraform/jp1"
    }
  }
}

resource "jp1_im_client" "ops" {
  client_id = "ops-client"
}

resource "jp1_proxy_user" "ops" {
  user_id  = "ops-proxy"
  password = "Ops-Proxy-Pw-7hTz"
}

resource "jp1_im_lower_manager" "ops" {
  hostname       = "ops-lm.example"
  initial_secret = "Ops-Lm-Secret-3kWq"
}

resource "jp1_analytics_credential" "ops" {
  name = "ops-ssh"
  ssh {
    user_id  = "jp1"
    password = "Ops-Ssh-Pw-5rNc"
  }
}
`
	w := newWorkspace(t, fake, managed)
	w.terraform = cli.Path
	d := newDriftCheck(t, w)
	d.addQueryFile()
	w.env = append(w.env, "TF_CLI_CONFIG_FILE="+d.emptyRC)
	w.must(nil, "init", "-input=false", "-plugin-dir="+d.plugins)
	w.must(nil, "apply", "-input=false", "-auto-approve")
	opsCredential, ok := fake.CredentialByName("ops-ssh")
	if !ok {
		t.Fatal("the apply made no credential ops-ssh")
	}

	estate := fake.SeedEstate("gui", 2)
	var want []string
	for i := 1; i <= 2; i++ {
		want = append(want, fmt.Sprintf("jp1_im_client gui-client-%d", i), fmt.Sprintf("jp1_proxy_user gui-proxy-%d", i),
			fmt.Sprintf("jp1_im_lower_manager gui-lm-%d.example", i))
	}
	for _, c := range estate.Credentials {
		want = append(want, fmt.Sprintf("jp1_analytics_credential %d (%s)", c.InstanceID, c.Name))
	}
	slices.Sort(want)
	unmanagedLines := func(out string) []string {
		var got []string
		for line := range strings.Lines(out) {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "unmanaged: "); ok {
				got = append(got, rest)
			}
		}
		slices.Sort(got)
		return got
	}

	var (
		mu    sync.Mutex
		posts []string
	)
	webhook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		posts = append(posts, string(body))
		mu.Unlock()
	}))
	defer webhook.Close()
	out, code := d.run("DRIFT_WEBHOOK_URL=" + webhook.URL)
	mu.Lock()
	wantPost := `{"text": "JP1 objects not managed by Terraform found in ` + filepath.Base(w.dir) + `: run the drift check there to list them"}`
	if !slices.Equal(posts, []string{wantPost}) {
		t.Errorf("the webhook got %q, want only %q", posts, wantPost)
	}
	mu.Unlock()
	if code != 2 || !strings.Contains(out, "drift-check: no drift") ||
		!strings.Contains(out, "drift-check: UNMANAGED: 16 of the 20 objects in JP1 are not managed") {
		t.Fatalf("with 16 objects made by hand: exit %d, want 2 (no drift, 16 of 20 unmanaged):\n%s", code, out)
	}
	if got := unmanagedLines(out); !slices.Equal(got, want) {
		t.Errorf("the unmanaged objects named:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if report, err := os.ReadFile(d.report); err != nil || !slices.Equal(unmanagedLines(string(report)), want) {
		t.Errorf("the report does not list the unmanaged objects (%v):\n%s", err, report)
	}

	// State written before Terraform 1.12 keeps no identity: the script
	// takes each resource's id, the same key.
	statePath := filepath.Join(w.dir, "terraform.tfstate")
	withIdentity, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(statePath, stripIdentities(t, withIdentity), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, code := d.run(); code != 2 || !slices.Equal(unmanagedLines(out), want) {
		t.Errorf("state without identities: exit %d, want 2 naming the same objects:\n%s", code, out)
	}
	if err := os.WriteFile(statePath, withIdentity, 0o600); err != nil {
		t.Fatal(err)
	}

	if out, code := d.run("UNMANAGED_CHECK=0"); code != 0 || len(unmanagedLines(out)) != 0 ||
		!strings.Contains(out, "the unmanaged-objects check is turned off (UNMANAGED_CHECK=0)") {
		t.Errorf("UNMANAGED_CHECK=0: exit %d, want 0 and the check turned off:\n%s", code, out)
	}

	// Adopt one object of each kind (import by identity); the rest is removed in JP1.
	adopted, ok := fake.CredentialByName("gui-snmpv2-1")
	if !ok {
		t.Fatal("the estate has no credential gui-snmpv2-1")
	}
	w.write(managed + fmt.Sprintf(`
import {
  to       = jp1_im_client.adopted
  identity = { client_id = "gui-client-1" }
}

resource "jp1_im_client" "adopted" {
  client_id = "gui-client-1"
}

import {
  to       = jp1_proxy_user.adopted
  identity = { user_id = "gui-proxy-1" }
}

resource "jp1_proxy_user" "adopted" {
  user_id  = "gui-proxy-1"
  password = %q
}

import {
  to       = jp1_im_lower_manager.adopted
  identity = { hostname = "gui-lm-1.example" }
}

resource "jp1_im_lower_manager" "adopted" {
  hostname       = "gui-lm-1.example"
  initial_secret = %q
}

import {
  to       = jp1_analytics_credential.adopted
  identity = { instance_id = %d }
}

resource "jp1_analytics_credential" "adopted" {
  name = "gui-snmpv2-1"
  snmp_v1_v2c {
    community = %q
  }
}
`, estate.ProxyUsers["gui-proxy-1"], estate.LowerManagers["gui-lm-1.example"], adopted.InstanceID, *adopted.Community))
	w.must(nil, "apply", "-input=false", "-auto-approve")
	fake.DeleteIMClient("gui-client-2")
	fake.DeleteProxyUser("gui-proxy-2")
	fake.DeleteLowerManager("gui-lm-2.example")
	for _, c := range estate.Credentials {
		if c.InstanceID != adopted.InstanceID {
			fake.DeleteCredential(c.InstanceID)
		}
	}
	if out, code := d.run(); code != 0 || len(unmanagedLines(out)) != 0 ||
		!strings.Contains(out, "drift-check: no unmanaged objects: the state manages all 8 objects the list blocks found") {
		t.Errorf("with every object managed: exit %d, want 0:\n%s", code, out)
	}
	if _, ok := fake.Credential(opsCredential.InstanceID); !ok {
		t.Error("the managed credential is gone")
	}

	secrets := []string{imPassword, analyticsPassword, "Ops-Proxy-Pw-7hTz", "Ops-Lm-Secret-3kWq", "Ops-Ssh-Pw-5rNc"}
	for _, v := range estate.AdoptionSecrets() {
		secrets = append(secrets, v)
	}
	for _, id := range []string{"ops-client", "gui-client-1"} {
		if s, ok := fake.IMClientSecret(id); ok && s != "" {
			secrets = append(secrets, s)
		}
	}
	secrets = append(secrets, imUser+":"+imPassword, analyticsUser+":"+analyticsPassword)
	for _, log := range w.logs {
		if f := leakedForm(log, secrets...); f != "" {
			t.Fatalf("a secret was printed (a form of %d characters, starting %q)", len(f), f[:4])
		}
	}
}

// stripIdentities removes every resource instance's identity from a state
// file, as Terraform before 1.12 wrote it.
func stripIdentities(t *testing.T, state []byte) []byte {
	t.Helper()
	var s map[string]any
	if err := json.Unmarshal(state, &s); err != nil {
		t.Fatal(err)
	}
	resources, _ := s["resources"].([]any)
	stripped := 0
	for _, r := range resources {
		instances, _ := r.(map[string]any)["instances"].([]any)
		for _, i := range instances {
			inst := i.(map[string]any)
			if _, ok := inst["identity"]; ok {
				stripped++
			}
			delete(inst, "identity")
			delete(inst, "identity_schema_version")
		}
	}
	if stripped == 0 {
		t.Fatal("the state holds no identity to strip")
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
