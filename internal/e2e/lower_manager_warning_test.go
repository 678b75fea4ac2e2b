package e2e

import (
	"strings"
	"testing"
)

// Destroying a lower manager that the integration manager cannot reach succeeds, and
// warns that the MANAGER_INTEGRATED_ ID may remain on the lower manager, saying how
// to remove it there.
func TestE2E_warningWhenALowerManagerIsUnreachable(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake := startFake(t)
	w := newWorkspace(t, fake, retryBlock+`
resource "jp1_im_lower_manager" "branch" {
  hostname       = "branch-mgr01"
  initial_secret = "Branch-Initial-Secret-7"
}
`)
	w.must(nil, "apply", "-auto-approve", "-input=false")
	fake.SetLowerManagerUnreachable("branch-mgr01", true)
	out := w.must(nil, "destroy", "-auto-approve", "-input=false")
	for _, want := range []string{
		`Warning: Lower manager "branch-mgr01" removed, but JP1 could not reach it`,
		"KAJY68204-W",
		"MANAGER_INTEGRATED_<integration manager host>",
		"import it into a jp1_im_client resource",
		"Destroy complete! Resources: 1 destroyed.",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("the destroy output lacks %q:\n%s", want, out)
		}
	}
	if hosts := fake.SubManagers(); len(hosts) != 0 {
		t.Errorf("the integration manager still lists %v", hosts)
	}
	if strings.Contains(out, "Branch-Initial-Secret-7") {
		t.Error("the output shows the initial secret")
	}
}
