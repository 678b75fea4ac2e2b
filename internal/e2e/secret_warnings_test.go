package e2e

import (
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// What a plan cannot show of a credential's secrets is said as a warning.

const unknownRootWarning = `JP1 may hold a root password for analytics credential "imported-ssh" that the plan cannot show`

// importedSSH imports the credential "imported-ssh" with the given user and,
// when rootPassword is set, a write-only root password.
func importedSSH(user, rootPassword string) string {
	root := ""
	if rootPassword != "" {
		root = "\n    root_password_wo         = \"" + rootPassword + "\"\n    root_password_wo_version = 1"
	}
	return retryBlock + `
import {
  to = jp1_analytics_credential.ssh
  id = "name:imported-ssh"
}

resource "jp1_analytics_credential" "ssh" {
  name = "imported-ssh"
  ssh {
    user_id             = "` + user + `"
    password_wo         = "Imported-Ssh-Pass-1"
    password_wo_version = 1` + root + `
  }
}
`
}

// An imported credential's root password that no configuration names: JP1
// may hold one, and every plan after the first apply would be empty. The
// import plan warns, and so does every later plan that changes the credential.
func TestE2E_importedCredentialWarnsOfAnUnnamedRootPassword(t *testing.T) {
	t.Parallel()
	fake, _ := fakejp1test.Start(t)
	id := fake.PutCredential(fakejp1.Credential{Name: "imported-ssh", CredentialType: "SSH", UserID: fakejp1test.Ptr("jp1"),
		Password: fakejp1test.Ptr("someone-elses"), RootPassword: fakejp1test.Ptr("root-set-by-hand")})
	w := newWorkspace(t, fake, importedSSH("jp1", ""))
	if out := w.must(nil, "plan", "-input=false"); !strings.Contains(squash(out), unknownRootWarning) {
		t.Fatalf("the import plan does not warn of the root password it cannot see:\n%s", out)
	}
	w.must(nil, "apply", "-auto-approve", "-input=false")
	if c, _ := fake.Credential(id); c.RootPassword == nil || *c.RootPassword != "root-set-by-hand" {
		t.Fatal("the apply touched the root password")
	}
	// Nothing to change: no warning, the plan is empty.
	if out, code := w.run(nil, "plan", "-detailed-exitcode", "-input=false"); code != 0 || strings.Contains(squash(out), unknownRootWarning) {
		t.Fatalf("exit %d, want an empty plan without the warning:\n%s", code, out)
	}
	// A change to the credential warns again.
	w.write(importedSSH("jp1-renamed", ""))
	if out := w.must(nil, "plan", "-input=false"); !strings.Contains(squash(out), unknownRootWarning) {
		t.Fatalf("a plan that changes the imported credential does not warn:\n%s", out)
	}
	// Once the configuration gives it, JP1 holds that one: no warning.
	w.write(importedSSH("jp1", "Root-Pass-2"))
	if out := w.must(nil, "apply", "-auto-approve", "-input=false"); strings.Contains(squash(out), unknownRootWarning) {
		t.Fatalf("the configuration gives the root password, yet the plan warns:\n%s", out)
	}
	if c, _ := fake.Credential(id); c.RootPassword == nil || *c.RootPassword != "Root-Pass-2" {
		t.Fatal("the configured root password was not sent")
	}
}

// A root password the configuration stops giving is cleared, while the plan
// shows only root_password_wo_version going to null: the plan warns.
func TestE2E_removingARootPasswordWarnsOfTheClearing(t *testing.T) {
	t.Parallel()
	fake, _ := fakejp1test.Start(t)
	config := func(root string) string {
		extra := ""
		if root != "" {
			extra = "\n    root_password_wo         = \"" + root + "\"\n    root_password_wo_version = 1"
		}
		return retryBlock + `
resource "jp1_analytics_credential" "ssh" {
  name = "cleared-ssh"
  ssh {
    user_id             = "jp1"
    password_wo         = "Cleared-Ssh-Pass-1"
    password_wo_version = 1` + extra + `
  }
}
`
	}
	w := newWorkspace(t, fake, config("Root-Pass-1"))
	w.must(nil, "apply", "-auto-approve", "-input=false")
	w.write(config(""))
	out := squash(w.must(nil, "plan", "-input=false"))
	if !strings.Contains(out, `The root password of analytics credential "cleared-ssh" will be cleared in JP1`) ||
		!strings.Contains(out, "updateRootPassword flag without a value") {
		t.Fatalf("removing the root password is not warned as a clearing:\n%s", out)
	}
	w.must(nil, "apply", "-auto-approve", "-input=false")
	if c, ok := fake.CredentialByName("cleared-ssh"); !ok || c.RootPassword != nil && *c.RootPassword != "" {
		t.Fatalf("the root password was not cleared: %+v", c)
	}
	if out, code := w.run(nil, "plan", "-detailed-exitcode", "-input=false"); code != 0 || strings.Contains(squash(out), "root password") {
		t.Fatalf("exit %d after the clearing, want an empty plan without warnings:\n%s", code, out)
	}
}

// squash joins Terraform's wrapped lines, so a sentence can be searched whole.
func squash(out string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(out, "│", " ")), " ")
}
