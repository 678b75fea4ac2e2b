package e2e

import (
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Destroying a lower manager that the integration manager cannot reach succeeds, and
// warns that the MANAGER_INTEGRATED_ ID may remain on the lower manager, saying how
// to remove it there.
func TestE2E_warningWhenALowerManagerIsUnreachable(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake, w := appliedLowerManager(t, "branch-mgr01", "Branch-Initial-Secret-7")
	fake.SetLowerManagerUnreachable("branch-mgr01", true)
	out := w.must(nil, "destroy", "-auto-approve", "-input=false")
	destroyWarned(t, fake, out, "Branch-Initial-Secret-7",
		`Warning: Lower manager "branch-mgr01" removed, but JP1 could not reach it`,
		"KAJY68204-W",
		"import it into a jp1_im_client resource")
}

// A delete whose answer was lost, retried and found done, warns the same way:
// the lost answer may have said that JP1 could not reach the lower manager.
func TestE2E_warningWhenADeleteAnswerIsLost(t *testing.T) {
	t.Parallel()
	fake, w := appliedLowerManager(t, "branch-mgr02", "Branch-Initial-Secret-8")
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/subManagers/deleteInfo", Mode: fakejp1.FaultDropAfter, Times: 1})
	out := w.must(nil, "destroy", "-auto-approve", "-input=false")
	destroyWarned(t, fake, out, "Branch-Initial-Secret-8",
		`Warning: Lower manager "branch-mgr02" removed, but JP1's answer was lost`,
		"whether JP1 reached it (or warned that it could not) is unknown")
	if n := fake.Count("POST /im/api/v1/subManagers/deleteInfo"); n != 2 {
		t.Errorf("%d deletes, want 2 (the lost one and its retry)", n)
	}
}

// appliedLowerManager applies a configuration of one lower manager.
func appliedLowerManager(t *testing.T, host, secret string) (*fakejp1.Server, *workspace) {
	t.Helper()
	fake, _ := fakejp1test.Start(t)
	w := newWorkspace(t, fake, retryBlock+`
resource "jp1_im_lower_manager" "branch" {
  hostname       = "`+host+`"
  initial_secret = "`+secret+`"
}
`)
	w.must(nil, "apply", "-auto-approve", "-input=false")
	return fake, w
}

// destroyWarned checks a destroy's output: it succeeded, warned with want and
// the way to remove MANAGER_INTEGRATED_ on the lower manager, and showed no
// secret; the integration manager lists no lower manager.
func destroyWarned(t *testing.T, fake *fakejp1.Server, out, secret string, want ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(out), " ")
	for _, w := range append(want, "MANAGER_INTEGRATED_<integration manager host>", "Destroy complete! Resources: 1 destroyed.") {
		if !strings.Contains(flat, w) {
			t.Errorf("the destroy output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, secret) {
		t.Error("the output shows the initial secret")
	}
	if hosts := fake.LowerManagers(); len(hosts) != 0 {
		t.Errorf("the integration manager still lists %v", hosts)
	}
}
