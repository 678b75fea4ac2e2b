package jp1api

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// proxyUsersFake serves a fresh fakejp1 (proxyUsers calls atomic, so only the
// injected faults fail) and returns it with a client logged in as its admin.
func proxyUsersFake(t *testing.T) (*fakejp1.Server, *IMClient) {
	t.Helper()
	fake := fakejp1.New()
	fake.SetProxyProcessingTime(0)
	url, err := fake.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	return fake, NewIMClient(testHTTP(), IMConfig{Endpoint: url, Username: fakejp1.IMAdminUser, Password: fakejp1.IMAdminPassword})
}

// The returnCode decides over the messageId: 2 and 7 are the lock (the full
// budget of 5 attempts), 13 and 255 server faults (a few attempts, then
// reported with their remedy).
func TestProxyUsersReturnCodes(t *testing.T) {
	t.Parallel()
	const endpoint = "POST /im/api/v1/proxyUsers add"
	cases := []struct {
		name      string
		messageID string
		rc        int // fakejp1.Fault.ReturnCode
		attempts  int
		hint      string
	}{
		{"lock, rc 2", "KAJY52013-E", 2, 5, "proxyUsers lock"},
		{"lock, rc 7", "KAJY52013-E", 7, 5, "proxyUsers lock"},
		{"lock without returnCode", "KAJY52013-E", fakejp1.RCNone, 5, "proxyUsers lock"},
		{"rc 2 under another messageId", "KAJY52014-E", 2, 5, "proxyUsers lock"},
		{"rc 7 without messageId", "", 7, 5, "proxyUsers lock"},
		{"update failure, rc 13", "KAJY52014-E", 13, 3, "returnCode 13"},
		{"rc 13 under the lock's messageId", "KAJY52013-E", 13, 3, "returnCode 13"},
		{"system error, rc 255", "KAJY52014-E", fakejp1.RCSystemError, 3, "returnCode 255"},
		{"system error without messageId", "", fakejp1.RCSystemError, 3, "returnCode 255"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake, c := proxyUsersFake(t)
			fake.AddFault(fakejp1.Fault{Endpoint: endpoint, MessageID: tc.messageID, ReturnCode: tc.rc})
			err := c.AddProxyUser(ctxTimeout(t), "u1", "pw1")
			var e *APIError
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an APIError", err)
			}
			if got := fake.Count(endpoint); got != tc.attempts || e.Attempts != tc.attempts {
				t.Errorf("%d attempts (error says %d), want %d", got, e.Attempts, tc.attempts)
			}
			if !strings.Contains(e.Hint, tc.hint) {
				t.Errorf("hint = %q, want it to mention %q", e.Hint, tc.hint)
			}
		})
	}
	// A fault that clears within the budget is not reported.
	fake, c := proxyUsersFake(t)
	fake.AddFault(fakejp1.Fault{Endpoint: endpoint, MessageID: "KAJY52014-E", ReturnCode: fakejp1.RCSystemError, Times: 2})
	if err := c.AddProxyUser(ctxTimeout(t), "u1", "pw1"); err != nil {
		t.Fatal(err)
	}
	if pw, _ := fake.ProxyPassword("u1"); pw != "pw1" || fake.Count(endpoint) != 3 {
		t.Errorf("password %q after %d attempts, want pw1 after 3", pw, fake.Count(endpoint))
	}
}

// CreateProxyUser refuses a user that JP1 already lists, without replacing its
// password, and reads the list from the cache when it is fresh.
func TestCreateProxyUserRefusesExisting(t *testing.T) {
	t.Parallel()
	fake, c := proxyUsersFake(t)
	fake.PutProxyUser("theirs", "their-password")

	err := c.CreateProxyUser(ctxTimeout(t), "theirs", "ours")
	var e *APIError
	if CauseOf(err) != CauseAlreadyExists || !errors.As(err, &e) || e.Existing != "theirs" {
		t.Fatalf("err = %v, want CauseAlreadyExists naming the user", err)
	}
	if pw, _ := fake.ProxyPassword("theirs"); pw != "their-password" {
		t.Errorf("the existing user's password was replaced")
	}
	if got := fake.Counts(); got["POST /im/api/v1/proxyUsers list"] != 1 || got["POST /im/api/v1/proxyUsers add"] != 0 {
		t.Errorf("requests %v, want one list and no add", got)
	}

	// That list is still fresh: the next create costs only its add.
	fake.ResetCounts()
	if err := c.CreateProxyUser(ctxTimeout(t), "mine", "pw"); err != nil {
		t.Fatal(err)
	}
	if got := fake.Counts(); got["POST /im/api/v1/proxyUsers list"] != 0 || got["POST /im/api/v1/proxyUsers add"] != 1 {
		t.Errorf("requests %v, want one add and no list", got)
	}
	// The add wrote "mine" into the fresh list (an apply of N proxy users costs
	// one list, not N): a second create of it is refused, a third user is
	// added, and neither lists again.
	fake.ResetCounts()
	if err := c.CreateProxyUser(ctxTimeout(t), "mine", "pw"); CauseOf(err) != CauseAlreadyExists {
		t.Errorf("second create of the same user: err = %v, want a conflict", err)
	}
	if err := c.CreateProxyUser(ctxTimeout(t), "third", "pw"); err != nil {
		t.Fatal(err)
	}
	if got := fake.Counts(); got["POST /im/api/v1/proxyUsers list"] != 0 || got["POST /im/api/v1/proxyUsers add"] != 1 {
		t.Errorf("requests %v, want one add and no list", got)
	}
	// A removal takes the user out of the fresh list: it may be created again.
	if err := c.RemoveProxyUser(ctxTimeout(t), "mine"); err != nil {
		t.Fatal(err)
	}
	fake.ResetCounts()
	if err := c.CreateProxyUser(ctxTimeout(t), "mine", "pw2"); err != nil {
		t.Fatalf("create after remove: %v", err)
	}
	if got := fake.Counts(); got["POST /im/api/v1/proxyUsers list"] != 0 {
		t.Errorf("requests %v, want no list", got)
	}
	users, err := c.ListProxyUsers(ctxTimeout(t))
	slices.Sort(users)
	if err != nil || !slices.Equal(users, []string{"mine", "theirs", "third"}) {
		t.Errorf("cached list %v (%v), want the users JP1 has", users, err)
	}
}

// A retry of our own add after a lost answer meets our own user: not a conflict.
func TestCreateProxyUserLostAnswer(t *testing.T) {
	t.Parallel()
	fake, c := proxyUsersFake(t)
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/proxyUsers add", Mode: fakejp1.FaultDropAfter, Times: 1})
	if err := c.CreateProxyUser(ctxTimeout(t), "u1", "pw1"); err != nil {
		t.Fatalf("err = %v, want the retried add to succeed", err)
	}
	if n := fake.Count("POST /im/api/v1/proxyUsers add"); n != 2 {
		t.Errorf("%d add calls, want 2 (the lost one and its retry)", n)
	}
	if pw, _ := fake.ProxyPassword("u1"); pw != "pw1" {
		t.Errorf("password %q", pw)
	}
}

// An add whose every answer is lost may still have added the user: a list
// under the same lock tells, so the create succeeds instead of leaving a user
// that the next run would refuse as someone else's.
func TestCreateProxyUserEveryAnswerLost(t *testing.T) {
	t.Parallel()
	fake, c := proxyUsersFake(t)
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/proxyUsers add", Mode: fakejp1.FaultDropAfter})
	if err := c.CreateProxyUser(ctxTimeout(t), "u1", "pw1"); err != nil {
		t.Fatalf("err = %v, want the list to confirm the add", err)
	}
	if got := fake.Counts(); got["POST /im/api/v1/proxyUsers add"] != 5 || got["POST /im/api/v1/proxyUsers list"] != 2 {
		t.Errorf("requests %v, want 5 adds and 2 lists (before and after)", got)
	}
	// When the manager then stops answering altogether, the error says the
	// user may exist.
	fake.ClearFaults()
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/proxyUsers", Mode: fakejp1.FaultDropAfter})
	err := c.CreateProxyUser(ctxTimeout(t), "u2", "pw2")
	if !MayHaveCreated(err) || CauseOf(err) == CauseAlreadyExists {
		t.Fatalf("err = %v, want MayHaveCreated", err)
	}
	// An answer that says the add was refused needs no list.
	fake.ClearFaults()
	fake.ResetCounts()
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/proxyUsers add", Status: 400, MessageID: "KAJY52012-E"})
	if err := c.CreateProxyUser(ctxTimeout(t), "u3", "pw3"); MayHaveCreated(err) || err == nil {
		t.Fatalf("err = %v", err)
	}
	if n := fake.Count("POST /im/api/v1/proxyUsers list"); n != 1 {
		t.Errorf("%d lists, want 1 (the check before the add, none after the 400)", n)
	}
}
