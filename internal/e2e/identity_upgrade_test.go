package e2e

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/acctest"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// needOldTerraform returns a Terraform older than 1.12 (which keeps no
// resource identity): the CLI under test, the one on PATH or one in CLIDir.
func needOldTerraform(t *testing.T) acctest.CLI {
	t.Helper()
	candidates := []string{terraformPath}
	if p, err := exec.LookPath("terraform"); err == nil {
		candidates = append(candidates, p)
	}
	found, _ := filepath.Glob(filepath.Join(acctest.CLIDir(), "terraform-1.1[01].*"))
	for _, p := range append(candidates, found...) {
		if c, err := acctest.DescribeCLI(p); err == nil && !c.OpenTofu && !c.AtLeast("1.12.0") {
			return c
		}
	}
	t.Skip("needs a Terraform older than 1.12, to write state without identity (Terraform 1.11 is the minimum)")
	return acctest.CLI{}
}

// State written by Terraform 1.11, which keeps no identity, gains every
// resource's identity on the first refresh with a Terraform that does, with
// no change planned.
func TestE2E_stateFromTerraform111GainsIdentity(t *testing.T) {
	old := needOldTerraform(t)
	newer := needTerraform(t, "1.12.0", "resource identity")
	fake, _ := fakejp1test.Start(t)
	w := newWorkspace(t, fake, retryBlock+`
resource "jp1_im_client" "tool" {
  client_id = "upgrade-tool"
}
resource "jp1_proxy_user" "user" {
  user_id  = "upgrade-user"
  password = "Upgrade-Proxy-Pw-1"
}
resource "jp1_im_lower_manager" "lm" {
  hostname       = "upgrade-lm.example"
  initial_secret = "Upgrade-Lm-Secret-1"
}
resource "jp1_analytics_credential" "snmp" {
  name = "upgrade-snmp"
  snmp_v1_v2c {
    community = "Upgrade-Community-1"
  }
}
`)
	w.terraform = old.Path
	w.must(nil, "apply", "-input=false", "-auto-approve")
	if ids := stateIdentities(t, w); len(ids) != 0 {
		t.Fatalf("Terraform %s wrote identities: %v", old.Version, ids)
	}
	w.terraform = newer.Path
	if out, code := w.run(nil, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("Terraform %s plans changes to the state Terraform %s wrote (exit %d):\n%s", newer.Version, old.Version, code, out)
	}
	w.must(nil, "apply", "-input=false", "-auto-approve", "-refresh-only")
	cred, _ := fake.CredentialByName("upgrade-snmp")
	want := map[string]map[string]any{
		"jp1_im_client.tool":            {"client_id": "upgrade-tool"},
		"jp1_proxy_user.user":           {"user_id": "upgrade-user"},
		"jp1_im_lower_manager.lm":       {"hostname": "upgrade-lm.example"},
		"jp1_analytics_credential.snmp": {"instance_id": float64(cred.InstanceID)},
	}
	if got := stateIdentities(t, w); !reflect.DeepEqual(got, want) {
		t.Errorf("after a refresh with Terraform %s the identities in state are %v, want %v", newer.Version, got, want)
	}
}

// stateIdentities reads the identity of each resource instance from the
// workspace's state file, by address.
func stateIdentities(t *testing.T, w *workspace) map[string]map[string]any {
	t.Helper()
	var state struct {
		Resources []struct {
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				Identity map[string]any `json:"identity"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(w.dir, "terraform.tfstate"))), &state); err != nil {
		t.Fatal(err)
	}
	ids := map[string]map[string]any{}
	for _, r := range state.Resources {
		for _, inst := range r.Instances {
			if inst.Identity != nil {
				ids[r.Type+"."+r.Name] = inst.Identity
			}
		}
	}
	return ids
}
