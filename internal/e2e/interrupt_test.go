package e2e

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
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
	fake := startFake(t)
	w := newWorkspace(t, fake, interruptConfig)
	const create = "POST /Analytics/v1/objects/Credentials"
	fault := fake.AddFault(fakejp1.Fault{Endpoint: create, Status: 503, RetryAfter: "45"})

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd, out := w.start(ctx, nil, "apply", "-auto-approve", "-input=false")
	// Wait until the provider is in its retry wait: the first attempt was answered 503.
	deadline := time.Now().Add(30 * time.Second)
	for fake.Count(create) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the provider never tried to create the credential:\n%s", out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	took := time.Since(sent)
	t.Logf("terraform exited %s after SIGINT; %d create attempt(s)", took.Round(time.Millisecond), fake.Count(create))
	if took > 2*time.Second {
		t.Errorf("terraform took %s to stop after SIGINT, want under 2s:\n%s", took, out)
	}
	if n := fake.Count(create); n != 1 {
		t.Errorf("%d create attempts, want 1 (the wait was interrupted)", n)
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
