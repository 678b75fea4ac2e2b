package e2e

import (
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
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

// A delete whose answer was lost, retried and found done, warns the same way:
// JP1 may have answered that it could not reach the lower manager.
func TestE2E_warningWhenADeleteAnswerIsLost(t *testing.T) {
	t.Parallel()
	fake := startFake(t)
	w := newWorkspace(t, fake, retryBlock+`
resource "jp1_im_lower_manager" "branch" {
  hostname       = "branch-mgr02"
  initial_secret = "Branch-Initial-Secret-8"
}
`)
	w.must(nil, "apply", "-auto-approve", "-input=false")
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/subManagers/deleteInfo", Mode: fakejp1.FaultDropAfter, Times: 1})
	out := w.must(nil, "destroy", "-auto-approve", "-input=false")
	for _, want := range []string{
		`Warning: Lower manager "branch-mgr02" removed, but JP1's answer was lost`,
		"whether JP1 reached it (or warned that it could not) is unknown",
		"MANAGER_INTEGRATED_<integration manager host>",
		"Destroy complete! Resources: 1 destroyed.",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("the destroy output lacks %q:\n%s", want, out)
		}
	}
	if n := fake.Count("POST /im/api/v1/subManagers/deleteInfo"); n != 2 {
		t.Errorf("%d deletes, want 2 (the lost one and its retry)", n)
	}
	if hosts := fake.SubManagers(); len(hosts) != 0 {
		t.Errorf("the integration manager still lists %v", hosts)
	}
}
