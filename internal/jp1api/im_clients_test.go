package jp1api

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestIMIssueAndList(t *testing.T) {
	f := newIMFake(t)
	c := f.client(testHTTP())
	s, err := c.IssueClientSecret(ctxTimeout(t), "client1")
	if err != nil {
		t.Fatal(err)
	}
	if s.ClientSecret != f.clients["client1"] || s.LastUpdateTime != "2022-10-20T12:25:45Z" {
		t.Fatalf("%+v", s)
	}
	ids, err := c.ListClientIDs(ctxTimeout(t))
	if err != nil || !slices.Contains(ids, "client1") || !slices.Contains(ids, "MANAGER_INTEGRATED_host1") {
		t.Fatalf("%v %v", ids, err)
	}
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	if n := f.counts.get(imListPath); n != 1 {
		t.Fatalf("%d list requests, want 1 (cache)", n)
	}
	// a write invalidates the cache
	if _, err := c.IssueClientSecret(ctxTimeout(t), "client2"); err != nil {
		t.Fatal(err)
	}
	ids, err = c.ListClientIDs(ctxTimeout(t))
	if err != nil || !slices.Contains(ids, "client2") || f.counts.get(imListPath) != 2 {
		t.Fatalf("%v %v", ids, err)
	}
	if err := c.DeleteClientSecret(ctxTimeout(t), "client2"); err != nil {
		t.Fatal(err)
	}
	ids, err = c.ListClientIDs(ctxTimeout(t))
	if err != nil || slices.Contains(ids, "client2") || f.counts.get(imListPath) != 3 {
		t.Fatalf("%v %v", ids, err)
	}
}

// Lost answer: the first attempt registered the ID but its answer was lost;
// the retry answers KAJY68004-E; the client deletes the ID and issues once
// more, and returns the secret the manager now holds.
func TestIMIssueLostAnswer(t *testing.T) {
	f := newIMFake(t)
	f.dropAfter[imIssuePath] = 1
	s, err := f.client(testHTTP()).IssueClientSecret(ctxTimeout(t), "client1")
	if err != nil {
		t.Fatal(err)
	}
	if s.ClientSecret != f.clients["client1"] {
		t.Fatal("the secret returned is not the one registered")
	}
	if n := f.counts.get(imIssuePath); n != 3 {
		t.Fatalf("%d issue requests, want 3", n)
	}
	if n := f.counts.get(imDeletePath); n != 1 {
		t.Fatalf("%d delete requests, want 1", n)
	}
}

func TestIMIssueAlreadyRegistered(t *testing.T) {
	f := newIMFake(t)
	f.clients["my client"] = "old"
	_, err := f.client(testHTTP()).IssueClientSecret(ctxTimeout(t), "my client")
	if !IsConflict(err) {
		t.Fatalf("%v", err)
	}
	var e *APIError
	errors.As(err, &e)
	if e.Cause != CauseAlreadyExists || e.MayHaveCreated || !strings.Contains(e.Hint, `"my client"`) {
		t.Fatalf("hint %q", e.Hint)
	}
	if f.counts.get(imIssuePath) != 1 || f.counts.get(imDeletePath) != 0 || f.clients["my client"] != "old" {
		t.Fatal("KAJY68004-E on the first attempt must not delete anything")
	}
}

func TestIMIssueRetries(t *testing.T) {
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
			f := newIMFake(t)
			f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
				if r.URL.Path == imIssuePath && n == 1 {
					if tc.messageID == "" {
						w.WriteHeader(tc.status)
					} else {
						imError(w, tc.status, tc.messageID, "x", 2)
					}
					return true
				}
				return false
			}
			_, err := f.client(testHTTP()).IssueClientSecret(ctxTimeout(t), "c1")
			if (err == nil) != tc.ok || f.counts.get(imIssuePath) != tc.wantSent {
				t.Fatalf("sent %d, err %v", f.counts.get(imIssuePath), err)
			}
		})
	}
}

// KAJY68007-E for an absent ID: a fresh list shows it gone: deleted.
func TestIMDeleteAbsent(t *testing.T) {
	f := newIMFake(t)
	c := f.client(testHTTP())
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil { // fill the cache
		t.Fatal(err)
	}
	if err := c.DeleteClientSecret(ctxTimeout(t), "gone"); err != nil {
		t.Fatal(err)
	}
	if f.counts.get(imDeletePath) != 1 || f.counts.get(imListPath) != 2 {
		t.Fatalf("delete %d, list %d", f.counts.get(imDeletePath), f.counts.get(imListPath))
	}
}

// KAJY68007-E while the ID is still listed: a DB error, retried a few times.
func TestIMDeleteStillListed(t *testing.T) {
	f := newIMFake(t)
	f.clients["c1"] = "s"
	f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
		if r.URL.Path == imDeletePath {
			imError(w, 500, "KAJY68007-E", "Failed to delete an IM client secret.", 2)
			return true
		}
		return false
	}
	err := f.client(testHTTP()).DeleteClientSecret(ctxTimeout(t), "c1")
	var e *APIError
	if !errors.As(err, &e) || e.MessageID != "KAJY68007-E" || e.Attempts != 3 || !strings.Contains(e.Hint, "still registered") {
		t.Fatalf("%v", err)
	}
	if f.counts.get(imDeletePath) != 3 || f.counts.get(imListPath) != 3 {
		t.Fatalf("delete %d, list %d", f.counts.get(imDeletePath), f.counts.get(imListPath))
	}
	// the second attempt succeeds
	f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
		if r.URL.Path == imDeletePath && n == 4 {
			imError(w, 500, "KAJY68007-E", "Failed to delete an IM client secret.", 2)
			return true
		}
		return false
	}
	if err := f.client(testHTTP()).DeleteClientSecret(ctxTimeout(t), "c1"); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.clients["c1"]; ok {
		t.Fatal("not deleted")
	}
}
