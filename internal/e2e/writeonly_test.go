package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// writeOnlyConfig takes its secrets from ephemeral variables, as the docs
// recommend: a literal in a .tf file is part of the configuration itself, which
// Terraform copies into every saved plan.
const writeOnlyConfig = retryBlock + `
variable "proxy_password" {
  type      = string
  ephemeral = true
  sensitive = true
}
variable "ssh_password" {
  type      = string
  ephemeral = true
  sensitive = true
}
variable "root_password" {
  type      = string
  ephemeral = true
  sensitive = true
}
variable "auth_phrase" {
  type      = string
  ephemeral = true
  sensitive = true
}
variable "priv_phrase" {
  type      = string
  ephemeral = true
  sensitive = true
}

resource "jp1_proxy_user" "plugin" {
  user_id             = "wo-proxy"
  password_wo         = var.proxy_password
  password_wo_version = 1
}

resource "jp1_analytics_credential" "ssh" {
  name = "wo-ssh"
  ssh {
    user_id                  = "jp1"
    password_wo              = var.ssh_password
    password_wo_version      = 1
    root_password_wo         = var.root_password
    root_password_wo_version = 1
  }
}

resource "jp1_analytics_credential" "snmp3" {
  name = "wo-snmp3"
  snmp_v3 {
    user_name                            = "wouser"
    authentication_protocol              = "MD5"
    authentication_passphrase_wo         = var.auth_phrase
    authentication_passphrase_wo_version = 1
    privacy_protocol                     = "DES"
    privacy_passphrase_wo                = var.priv_phrase
    privacy_passphrase_wo_version        = 1
  }
}
`

// With only write-only arguments, no secret reaches a saved plan file or the state,
// yet JP1 receives every one of them.
func TestE2E_writeOnlySecretsStayOutOfPlanAndState(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake, _ := fakejp1test.Start(t)
	w := newWorkspace(t, fake, writeOnlyConfig)
	secrets := []string{"WoProxyPass-3kQz", "WoSshPass-8dNr", "WoRootPass-2mXe", "WoAuthPhrase-7pLs", "WoPrivPhrase-5tGa"}
	w.env = append(w.env, "TF_VAR_proxy_password="+secrets[0], "TF_VAR_ssh_password="+secrets[1],
		"TF_VAR_root_password="+secrets[2], "TF_VAR_auth_phrase="+secrets[3], "TF_VAR_priv_phrase="+secrets[4])

	w.must(nil, "plan", "-input=false", "-out=saved.tfplan")
	planJSON := w.must(nil, "show", "-json", "saved.tfplan")
	planFile, err := os.ReadFile(filepath.Join(w.dir, "saved.tfplan"))
	if err != nil {
		t.Fatal(err)
	}
	w.must(nil, "apply", "-input=false", "saved.tfplan")
	state, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(planJSON, "wo-ssh") || !strings.Contains(string(state), "wo-ssh") {
		t.Fatal("the plan or state does not describe the resources: the check below would prove nothing")
	}
	for _, s := range secrets {
		for where, text := range map[string]string{"plan JSON": planJSON, "plan file": string(planFile), "state": string(state)} {
			if strings.Contains(text, s) {
				t.Errorf("%s contains the write-only secret starting %q", where, s[:6])
			}
		}
	}
	// JP1 got them all.
	if pw, _ := fake.ProxyPassword("wo-proxy"); pw != "WoProxyPass-3kQz" {
		t.Error("the fake did not receive the proxy password")
	}
	ssh, _ := fake.CredentialByName("wo-ssh")
	snmp, _ := fake.CredentialByName("wo-snmp3")
	for name, got := range map[string]*string{"WoSshPass-8dNr": ssh.Password, "WoRootPass-2mXe": ssh.RootPassword,
		"WoAuthPhrase-7pLs": snmp.AuthenticationPassphrase, "WoPrivPhrase-5tGa": snmp.PrivacyPassphrase} {
		if got == nil || *got != name {
			t.Errorf("the fake did not receive the secret starting %q", name[:6])
		}
	}
	if _, code := w.run(nil, "plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Errorf("plan after apply exited %d, want 0", code)
	}
	w.must(nil, "destroy", "-auto-approve", "-input=false")
}
