package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/acctest"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// needTerraform returns a Terraform of version version or newer, or skips the test
// naming the version it needs.
func needTerraform(t *testing.T, version, why string) acctest.CLI {
	t.Helper()
	cli, ok := acctest.FindTerraform(version)
	if !ok {
		t.Skipf("needs Terraform >= %s (%s): neither the CLI under test nor one in %s is; build one with "+
			"../shared/tools/build-cli.sh", version, why, acctest.CLIDir())
	}
	return cli
}

// jp1Holdings is everything the fake holds that adoption must leave as it was.
type jp1Holdings struct {
	IMClients     map[string]string // ID → secret
	ProxyUsers    map[string]string
	LowerManagers map[string]string
	Credentials   []fakejp1.Credential
}

func holdings(fake *fakejp1.Server) jp1Holdings {
	h := jp1Holdings{IMClients: map[string]string{}, ProxyUsers: fake.ProxyUsers(), LowerManagers: map[string]string{},
		Credentials: fake.Credentials()}
	for _, id := range fake.IMClientIDs() {
		h.IMClients[id], _ = fake.IMClientSecret(id)
	}
	for _, host := range fake.LowerManagers() {
		h.LowerManagers[host], _ = fake.LowerManagerSecret(host)
	}
	return h
}

// The whole estate an operator made by hand (3 objects of each kind, 15
// credentials of the five kinds) is adopted in one command: `terraform query
// -generate-config-out` writes a resource and an identity import block for
// every object, examples/adopt-estate/fill-secrets.sh points their secrets at
// one variable, the plan shows only the imports and the secrets to send, the
// apply succeeds, the next plan is empty, and JP1 holds exactly what it held:
// nothing re-created (same instanceIDs), the IM client secrets untouched.
func TestE2E_adoptEstateWithQuery(t *testing.T) {
	cli := needTerraform(t, "1.14.0", "terraform query")
	fake, _ := fakejp1test.Start(t)
	estate := fake.SeedEstate("gui", 3)
	before := holdings(fake)
	w := newWorkspace(t, fake, "")
	w.terraform = cli.Path
	for _, f := range []string{"main.tf", "estate.tfquery.hcl", "fill-secrets.sh"} {
		copyFile(t, filepath.Join("../../examples/adopt-estate", f), filepath.Join(w.dir, f))
	}

	fake.ResetCounts()
	w.must(nil, "query", "-generate-config-out=estate.tf")
	for _, ep := range []string{"GET /im/api/v1/secret/client/list", "POST /im/api/v1/proxyUsers list",
		"GET /im/api/v1/subManagers", "GET /Analytics/v1/objects/Credentials"} {
		if n := fake.Count(ep); n != 1 {
			t.Errorf("the query called %s %d times, want once", ep, n)
		}
	}
	generated := readFile(t, filepath.Join(w.dir, "estate.tf"))
	for typ, want := range map[string]int{"jp1_im_client": 3, "jp1_proxy_user": 3, "jp1_im_lower_manager": 3, "jp1_analytics_credential": 15} {
		resources := regexp.MustCompile(`(?m)^resource "`+typ+`" `).FindAllString(generated, -1)
		imports := regexp.MustCompile(`(?m)^  to\s+= `+typ+`\.`).FindAllString(generated, -1)
		if len(resources) != want || len(imports) != want {
			t.Errorf("%s: %d resource blocks and %d import blocks generated, want %d of each", typ, len(resources), len(imports), want)
		}
	}
	if n := strings.Count(generated, "identity = {"); n != 24 {
		t.Errorf("%d identity import blocks generated, want 24", n)
	}

	w.runScript("sh", "fill-secrets.sh", "estate.tf")
	w.must(nil, "fmt")
	secrets, err := json.Marshal(estate.AdoptionSecrets())
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"TF_VAR_jp1_secrets=" + string(secrets)}
	out, code := w.run(env, "plan", "-input=false", "-detailed-exitcode")
	// Per index: a proxy user, a lower manager, and the WMI, SSH, WBEM and
	// SNMPv3 credentials send their secrets; the SNMP v1/v2c community is read
	// back, so that credential and the IM clients are imported only.
	if want := "Plan: 24 to import, 0 to add, 18 to change, 0 to destroy."; code != 2 || !strings.Contains(out, want) {
		t.Fatalf("the plan of the filled-in configuration (exit %d) does not say %q:\n%s", code, want, out)
	}
	w.must(env, "apply", "-input=false", "-auto-approve")
	if out, code := w.run(env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("after adopting the estate the plan is not empty (exit %d):\n%s", code, out)
	}
	if after := holdings(fake); !reflect.DeepEqual(before, after) {
		t.Errorf("adoption changed what JP1 holds:\nbefore %+v\nafter  %+v", before, after)
	}
	estateSecrets := append(mapValues(estate.AdoptionSecrets()), mapValues(before.IMClients)...)
	for _, log := range w.logs {
		if f := leakedForm(log, estateSecrets...); f != "" {
			t.Fatalf("a secret of the estate was printed (a form of %d characters, starting %q)", len(f), f[:4])
		}
	}
}

func mapValues(m map[string]string) []string {
	vs := make([]string, 0, len(m))
	for _, v := range m {
		vs = append(vs, v)
	}
	return vs
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	if err := os.WriteFile(to, []byte(readFile(t, from)), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// runScript runs a command other than terraform in the workspace.
func (w *workspace) runScript(name string, args ...string) {
	w.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = w.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		w.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}
