package e2e

import (
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// A credential whose create had an unknown outcome is tainted; someone runs
// `terraform untaint` on it. The next apply plans an update of an object with
// no instanceID: the provider adopts the credential the lost request made
// (same name and type), secrets included, instead of failing or duplicating it.
func TestE2E_untaintedPendingCredentialIsAdopted(t *testing.T) {
	fake, _ := fakejp1test.Start(t)
	w := newWorkspace(t, fake, retryBlock+`
resource "jp1_analytics_credential" "ssh" {
  name = "untainted"
  ssh {
    user_id  = "jp1"
    password = "Untaint-Pass-1"
  }
}
`)
	const create = "POST /Analytics/v1/objects/Credentials"
	fake.AddFault(fakejp1.Fault{Endpoint: create, Mode: fakejp1.FaultDropAfter, Times: 1})
	fake.AddFault(fakejp1.Fault{Endpoint: create, Mode: fakejp1.FaultDropBefore})
	if out, code := w.run(nil, "apply", "-auto-approve", "-input=false"); code == 0 || !strings.Contains(out, "tainted") {
		t.Fatalf("the lost create did not fail as tainted (exit %d):\n%s", code, out)
	}
	fake.ClearFaults()
	made, ok := fake.CredentialByName("untainted")
	if !ok {
		t.Fatal("the lost create made no credential")
	}
	changed := made
	changed.Password = fakejp1test.Ptr("stale")
	fake.PutCredential(changed)

	w.must(nil, "untaint", "jp1_analytics_credential.ssh")
	w.must(nil, "apply", "-auto-approve", "-input=false")
	got, _ := fake.CredentialByName("untainted")
	if len(fake.Credentials()) != 1 || got.InstanceID != made.InstanceID || got.Password == nil || *got.Password != "Untaint-Pass-1" {
		t.Fatalf("not adopted: %d credential(s), instanceID %d (was %d), password set to the configured one: %v",
			len(fake.Credentials()), got.InstanceID, made.InstanceID, got.Password != nil && *got.Password == "Untaint-Pass-1")
	}
	if _, code := w.run(nil, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adopting is not empty (exit %d)", code)
	}
}
