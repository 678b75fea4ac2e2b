package e2e

import (
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Deleting an Analytics credential that monitored resources still use is
// allowed (JP1 allows it) but the plan warns first.
func TestE2E_warningBeforeDeletingACredentialInUse(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake, _ := fakejp1test.Start(t)
	w := newWorkspace(t, fake, retryBlock+`
resource "jp1_analytics_credential" "ssh" {
  name = "in-use-ssh"
  ssh {
    user_id  = "jp1"
    password = "In-Use-Ssh-Pass-1"
  }
}
`)
	w.must(nil, "apply", "-auto-approve", "-input=false")
	c, ok := fake.CredentialByName("in-use-ssh")
	if !ok {
		t.Fatal("the credential was not created")
	}

	// Not in use: no warning.
	if out := w.must(nil, "plan", "-destroy", "-input=false"); strings.Contains(out, "Deleting a credential in use") {
		t.Fatalf("a warning for a credential nobody uses:\n%s", out)
	}

	fake.SetRelatedResources(c.InstanceID, 3)
	out := w.must(nil, "plan", "-destroy", "-input=false")
	if !strings.Contains(out, "Deleting a credential in use") || !strings.Contains(out, "used by 3 monitored") {
		t.Fatalf("no warning before deleting a credential used by 3 resources:\n%s", out)
	}
	w.must(nil, "destroy", "-auto-approve", "-input=false")
	if _, ok := fake.CredentialByName("in-use-ssh"); ok {
		t.Fatal("the warning blocked the destroy")
	}
}
