package jp1api

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

func TestIMIssueAndList(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.PutIMClient("MANAGER_INTEGRATED_host1") // a lower manager's, listed like any other
	c := f.im(testHTTP())
	s, err := c.IssueClientSecret(ctxTimeout(t), "client1")
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := f.IMClientSecret("client1"); s.ClientSecret != want || s.LastUpdateTime == "" {
		t.Fatalf("%+v", s)
	}
	ids, err := c.ListClientIDs(ctxTimeout(t))
	if err != nil || !slices.Contains(ids, "client1") || !slices.Contains(ids, "MANAGER_INTEGRATED_host1") {
		t.Fatalf("%v %v", ids, err)
	}
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	if n := f.Count(keyIMList); n != 1 {
		t.Fatalf("%d list requests, want 1 (cache)", n)
	}
	// the client's own writes are recorded in the cache
	if _, err := c.IssueClientSecret(ctxTimeout(t), "client2"); err != nil {
		t.Fatal(err)
	}
	ids, err = c.ListClientIDs(ctxTimeout(t))
	if err != nil || !slices.Contains(ids, "client2") || f.Count(keyIMList) != 1 {
		t.Fatalf("%v %v", ids, err)
	}
	if err := c.DeleteClientSecret(ctxTimeout(t), "client2"); err != nil {
		t.Fatal(err)
	}
	ids, err = c.ListClientIDs(ctxTimeout(t))
	if err != nil || slices.Contains(ids, "client2") || f.Count(keyIMList) != 1 {
		t.Fatalf("%v %v", ids, err)
	}
	// a write whose outcome is unknown drops it
	f.AddFault(fakejp1.Fault{Endpoint: keyIMIssue, Status: 400, MessageID: "KAJY68002-E", Times: 1})
	if _, err := c.IssueClientSecret(ctxTimeout(t), "client3"); err == nil {
		t.Fatal("the fault did not hit")
	}
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil || f.Count(keyIMList) != 2 {
		t.Fatalf("%v, %d lists", err, f.Count(keyIMList))
	}
}

// Lost answer: the first attempt registered the ID but its answer was lost;
// the retry answers KAJY68004-E; the client deletes the ID and issues once
// more, and returns the secret the manager now holds.
func TestIMIssueLostAnswer(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyIMIssue, Mode: fakejp1.FaultDropAfter, Times: 1})
	s, err := f.im(testHTTP()).IssueClientSecret(ctxTimeout(t), "client1")
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := f.IMClientSecret("client1"); s.ClientSecret != want {
		t.Fatal("the secret returned is not the one registered")
	}
	if n := f.Count(keyIMIssue); n != 3 {
		t.Fatalf("%d issue requests, want 3", n)
	}
	if n := f.Count(keyIMDelete); n != 1 {
		t.Fatalf("%d delete requests, want 1", n)
	}
}

func TestIMIssueAlreadyRegistered(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	old := f.PutIMClient("my client")
	_, err := f.im(testHTTP()).IssueClientSecret(ctxTimeout(t), "my client")
	if !isConflict(err) {
		t.Fatalf("%v", err)
	}
	var e *APIError
	errors.As(err, &e)
	if e.Cause != CauseAlreadyExists || e.MayHaveCreated || !strings.Contains(e.Hint, `"my client"`) {
		t.Fatalf("hint %q", e.Hint)
	}
	if f.Count(keyIMIssue) != 1 || f.Count(keyIMDelete) != 0 || func() bool { s, _ := f.IMClientSecret("my client"); return s != old }() {
		t.Fatal("KAJY68004-E on the first attempt must not delete anything")
	}
}

func TestIMIssueRetries(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		status    int
		messageID string
		wantSent  int
		ok        bool
	}{
		{"DB error then success", 500, "KAJY68008-E", 2, true},
		{"other 500 not re-sent", 500, "KAJY99999-E", 1, false},
		{"503 then success", 503, "", 2, true},
		{"invalid parameter", 400, "KAJY68002-E", 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := startFake(t)
			f.AddFault(fakejp1.Fault{Endpoint: keyIMIssue, Status: tc.status, MessageID: tc.messageID, Times: 1})
			_, err := f.im(testHTTP()).IssueClientSecret(ctxTimeout(t), "c1")
			if (err == nil) != tc.ok || f.Count(keyIMIssue) != tc.wantSent {
				t.Fatalf("sent %d, err %v", f.Count(keyIMIssue), err)
			}
		})
	}
}

// KAJY68007-E for an absent ID: a fresh list shows it gone: deleted.
func TestIMDeleteAbsent(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	c := f.im(testHTTP())
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil { // fill the cache
		t.Fatal(err)
	}
	if err := c.DeleteClientSecret(ctxTimeout(t), "gone"); err != nil {
		t.Fatal(err)
	}
	if f.Count(keyIMDelete) != 1 || f.Count(keyIMList) != 2 {
		t.Fatalf("delete %d, list %d", f.Count(keyIMDelete), f.Count(keyIMList))
	}
}

// KAJY68007-E while the ID is still listed: a DB error, retried a few times.
func TestIMDeleteStillListed(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.PutIMClient("c1")
	fault := f.AddFault(fakejp1.Fault{Endpoint: keyIMDelete, Status: 500, MessageID: "KAJY68007-E"})
	err := f.im(testHTTP()).DeleteClientSecret(ctxTimeout(t), "c1")
	var e *APIError
	if !errors.As(err, &e) || e.MessageID != "KAJY68007-E" || e.Attempts != 3 || !strings.Contains(e.Hint, "still registered") {
		t.Fatalf("%v", err)
	}
	if f.Count(keyIMDelete) != 3 || f.Count(keyIMList) != 3 {
		t.Fatalf("delete %d, list %d", f.Count(keyIMDelete), f.Count(keyIMList))
	}
	// the second attempt succeeds
	f.RemoveFault(fault)
	f.AddFault(fakejp1.Fault{Endpoint: keyIMDelete, Status: 500, MessageID: "KAJY68007-E", Times: 1})
	if err := f.im(testHTTP()).DeleteClientSecret(ctxTimeout(t), "c1"); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.IMClientSecret("c1"); ok {
		t.Fatal("not deleted")
	}
}
