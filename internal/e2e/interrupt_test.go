package e2e

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

const interruptConfig = `
terraform {
  required_providers {
    jp1 = {
      source = "jp1-terraform/jp1"
    }
  }
}

provider "jp1" {
  retry = {
    max_attempts = 10
    min_wait     = "30s"
    max_wait     = "60s"
  }
}

resource "jp1_analytics_credential" "ssh" {
  name = "interrupted"
  ssh {
    user_id  = "jp1"
    password = "pw"
  }
}
`

// Ctrl-C while the provider waits to retry: terraform returns promptly, nothing is
// half-created, and the next apply converges.
func TestE2E_interruptDuringRetryWait(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake, _ := fakejp1test.Start(t)
	w := newWorkspace(t, fake, interruptConfig)
	const create = "POST /Analytics/v1/objects/Credentials"
	fault := fake.AddFault(fakejp1.Fault{Endpoint: create, Status: 503, RetryAfter: "45"})

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd, out := w.start(ctx, nil, "apply", "-auto-approve", "-input=false")
	// Interrupt once the first attempt was answered 503: the provider is then
	// waiting the 45 s JP1 asked for (or about to).
	for fake.Count(create) == 0 {
		select {
		case <-ctx.Done():
			t.Fatalf("the provider never tried to create the credential:\n%s", out)
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	// A wait that ignored the interrupt would end in a second attempt after
	// 45 s, before the context's 2 minutes end terraform: one attempt proves
	// the wait was cut short.
	if n := fake.Count(create); n != 1 {
		t.Errorf("%d create attempts, want 1 (the wait was interrupted):\n%s", n, out)
	}
	if !strings.Contains(out.String(), "Interrupt received") {
		t.Errorf("terraform did not report the interrupt:\n%s", out)
	}

	fake.RemoveFault(fault)
	w.must(nil, "apply", "-auto-approve", "-input=false")
	if n := len(fake.Credentials()); n != 1 {
		t.Errorf("the fake holds %d credentials after the second apply, want 1", n)
	}
	if _, code := w.run(nil, "plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Errorf("plan after the second apply exited %d, want 0", code)
	}
}
