package e2e

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

func concurrentConfig(prefix string) string {
	return retryBlock + fmt.Sprintf(`
resource "jp1_proxy_user" "users" {
  count    = 15
  user_id  = "%[1]s-proxy-${count.index}"
  password = "%[1]s-pw-${count.index}"
}

resource "jp1_im_client" "clients" {
  count     = 5
  client_id = "%[1]s-client-${count.index}"
}

resource "jp1_analytics_credential" "hosts" {
  count = 5
  name  = "%[1]s-host-${count.index}"
  ssh {
    user_id  = "jp1"
    password = "%[1]s-ssh-${count.index}"
  }
}
`, prefix)
}

// Two terraform processes apply at once against one manager (two working
// directories, different objects, proxy users included): both succeed. Each
// provider process serialises its own proxyUsers calls; the calls that collide
// with the other process get KAJY52013-E from JP1 and are retried.
func TestE2E_twoApplyProcessesAtOnce(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake, _ := fakejp1test.Start(t)
	// 15 calls of 20 ms keep each process on the lock for 0.3 s, so the two
	// applies, started together, collide.
	fake.SetProxyProcessingTime(20 * time.Millisecond)
	a := newWorkspace(t, fake, concurrentConfig("alpha"))
	b := newWorkspace(t, fake, concurrentConfig("beta"))

	var wg sync.WaitGroup
	codes := make([]int, 2)
	outs := make([]string, 2)
	for i, w := range []*workspace{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], codes[i] = w.run(nil, "apply", "-auto-approve", "-input=false")
		}()
	}
	wg.Wait()
	for i, code := range codes {
		if code != 0 {
			t.Fatalf("apply %d exited %d:\n%s", i, code, outs[i])
		}
	}
	users := fake.ProxyUsers()
	for _, prefix := range []string{"alpha", "beta"} {
		for i := range 15 {
			if pw := users[fmt.Sprintf("%s-proxy-%d", prefix, i)]; pw != fmt.Sprintf("%s-pw-%d", prefix, i) {
				t.Errorf("proxy user %s-proxy-%d has the wrong password or is missing", prefix, i)
			}
		}
	}
	if n := len(fake.IMClientIDs()); n != 10 {
		t.Errorf("%d IM clients, want 10", n)
	}
	if n := len(fake.Credentials()); n != 10 {
		t.Errorf("%d analytics credentials, want 10", n)
	}
	if n := len(users); n != 30 {
		t.Errorf("%d proxy users, want exactly 30", n)
	}
	// The two processes did contend: JP1 refused some calls with KAJY52013-E, and
	// the applies still succeeded, so those calls were retried.
	if fake.LockErrors() == 0 {
		t.Error("the two applies never collided on the proxyUsers lock: the scenario proved nothing")
	}
	t.Logf("lock errors answered (and retried): %d; overlapping calls refused: %d", fake.LockErrors(), fake.ProxyOverlaps())
	for _, w := range []*workspace{a, b} {
		if _, code := w.run(nil, "plan", "-detailed-exitcode", "-input=false"); code != 0 {
			t.Errorf("plan after the concurrent applies exited %d, want 0", code)
		}
		w.must(nil, "destroy", "-auto-approve", "-input=false")
	}
	if n := len(fake.ProxyUsers()) + len(fake.IMClientIDs()) + len(fake.Credentials()); n != 0 {
		t.Errorf("%d objects left after both destroys", n)
	}
}
