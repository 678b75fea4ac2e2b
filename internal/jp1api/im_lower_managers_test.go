package jp1api

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

const lowerSecret = `Init-Secret "7" <q&x>`

// lowerFake serves the subManagers API on top of imFake (login, counting).
// deleteAnswer, when set, replaces the answer of a successful deleteInfo;
// fail answers a call before it is served (nil: serve it).
type lowerFake struct {
	*imFake
	mu           sync.Mutex
	hosts        map[string]string
	deleteAnswer string
	fail         func(w http.ResponseWriter, path string, n int) bool
}

func newLowerFake(t *testing.T, hosts ...string) *lowerFake {
	f := &lowerFake{imFake: newIMFake(t), hosts: map[string]string{}}
	for _, h := range hosts {
		f.hosts[h] = "s"
	}
	f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.fail != nil && f.fail(w, r.URL.Path, n) {
			return true
		}
		switch r.URL.Path {
		case imSubManagersPath:
			list := []string{}
			for h := range f.hosts {
				list = append(list, h)
			}
			writeJSON(w, 200, map[string]any{"subManagers": list})
		case imSubCreatePath:
			f.hosts[body["hostname"].(string)] = body["initialsecret"].(string)
			if f.lose(r.URL.Path, n) {
				dropConnection(t, w)
				return true
			}
			w.WriteHeader(200)
		case imSubDeletePath:
			h := body["subManagers"].([]any)[0].(string)
			if _, ok := f.hosts[h]; !ok {
				imError(w, 400, msgSubUnknownHost, "The specified lower manager is not registered.", 0)
				return true
			}
			delete(f.hosts, h)
			if f.lose(r.URL.Path, n) {
				dropConnection(t, w)
				return true
			}
			if f.deleteAnswer != "" {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(f.deleteAnswer))
				return true
			}
			w.WriteHeader(200)
		default:
			return false
		}
		return true
	}
	return f
}

// lose reports whether the answer of attempt n on path is lost (dropAfter).
func (f *lowerFake) lose(path string, n int) bool {
	f.imFake.mu.Lock()
	defer f.imFake.mu.Unlock()
	return f.dropAfter[path] == n
}

func (f *lowerFake) secret(host string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.hosts[host]
	return s, ok
}

// An answer without the list is an error, never "no lower managers".
func TestListLowerManagersMalformed(t *testing.T) {
	for name, answer := range map[string]string{
		"empty body": "", "empty object": "{}", "null": "null", "null list": `{"subManagers": null}`,
		"wrong type": `{"subManagers": "hostA"}`, "truncated": `{"subManagers": ["hostA"`, "HTML": "<html>ok</html>",
	} {
		t.Run(name, func(t *testing.T) {
			f := newLowerFake(t)
			f.fail = func(w http.ResponseWriter, path string, _ int) bool {
				if path != imSubManagersPath {
					return false
				}
				w.WriteHeader(200)
				_, _ = w.Write([]byte(answer))
				return true
			}
			hosts, err := f.client(testHTTP()).ListLowerManagers(ctxTimeout(t))
			if err == nil || StatusCode(err) != 200 {
				t.Fatalf("hosts %v, err %v; want an error", hosts, err)
			}
		})
	}
	f := newLowerFake(t)
	hosts, err := f.client(testHTTP()).ListLowerManagers(ctxTimeout(t))
	if err != nil || hosts == nil || len(hosts) != 0 {
		t.Fatalf("an empty list: %v %v", hosts, err)
	}
}

// Register refuses a listed host (no createInfo sent, an import hint); the list
// comes from the cache, and a write invalidates it.
func TestRegisterLowerManager(t *testing.T) {
	f := newLowerFake(t, "taken")
	c := f.client(testHTTP())
	ctx := ctxTimeout(t)
	if _, err := c.ListLowerManagers(ctx); err != nil {
		t.Fatal(err)
	}
	err := c.RegisterLowerManager(ctx, "taken", lowerSecret)
	var e *APIError
	if !errors.As(err, &e) || e.Cause != CauseAlreadyExists || e.Existing != "taken" || MayHaveCreated(err) {
		t.Fatalf("conflict: %v", err)
	}
	if n := f.counts.get(imSubCreatePath); n != 0 {
		t.Fatalf("createInfo sent %d time(s) for a listed host", n)
	}
	if err := c.RegisterLowerManager(ctx, "lower01", lowerSecret); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.secret("lower01"); s != lowerSecret {
		t.Fatalf("the fake holds %q", s)
	}
	if n := f.counts.get(imSubManagersPath); n != 1 {
		t.Fatalf("%d list calls, want 1 (cached)", n)
	}
	hosts, err := c.ListLowerManagers(ctx)
	if slices.Sort(hosts); err != nil || !slices.Equal(hosts, []string{"lower01", "taken"}) || f.counts.get(imSubManagersPath) != 2 {
		t.Fatalf("after the write: %v %v, %d list calls", hosts, err, f.counts.get(imSubManagersPath))
	}
	if err := c.SetLowerManagerSecret(ctx, "lower01", "second"); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.secret("lower01"); s != "second" {
		t.Fatalf("the fake holds %q", s)
	}
}

// A lost createInfo answer is retried (an upsert) and is no conflict; when every
// answer is lost, the error says the host may be registered, and never shows the secret.
func TestRegisterLowerManagerLostAnswers(t *testing.T) {
	f := newLowerFake(t)
	f.dropAfter[imSubCreatePath] = 1
	if err := f.client(testHTTP()).RegisterLowerManager(ctxTimeout(t), "lower01", lowerSecret); err != nil {
		t.Fatal(err)
	}
	if n := f.counts.get(imSubCreatePath); n != 2 {
		t.Fatalf("%d createInfo calls, want 2", n)
	}

	f = newLowerFake(t)
	f.fail = func(w http.ResponseWriter, path string, _ int) bool {
		if path != imSubCreatePath {
			return false
		}
		dropConnection(t, w)
		return true
	}
	err := f.client(testHTTP()).RegisterLowerManager(ctxTimeout(t), "lower01", lowerSecret)
	if !MayHaveCreated(err) || !strings.Contains(err.Error(), "may be registered now") || strings.Contains(err.Error(), "Init-Secret") {
		t.Fatalf("%v", err)
	}
	if n := f.counts.get(imSubCreatePath); n != 5 {
		t.Fatalf("%d createInfo calls, want 5", n)
	}
}

func TestDeleteLowerManager(t *testing.T) {
	ctx := ctxTimeout(t)
	t.Run("done", func(t *testing.T) {
		f := newLowerFake(t, "lower01")
		d, err := f.client(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if err != nil || d.Unreached || len(d.Messages) != 0 {
			t.Fatalf("%+v %v", d, err)
		}
	})
	t.Run("unreachable: done with warnings", func(t *testing.T) {
		f := newLowerFake(t, "lower01")
		f.deleteAnswer = `{"errhostlist": ["lower01"], "messageList": [{"messageId": " KAJY68204-W ", "message": "The lower manager could not be reached."}]}`
		d, err := f.client(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if err != nil || !d.Unreached || !slices.Equal(d.Messages, []string{"KAJY68204-W: The lower manager could not be reached."}) {
			t.Fatalf("%+v %v", d, err)
		}
	})
	t.Run("lost answer: KAJY68013-E on the retry, confirmed by a list", func(t *testing.T) {
		f := newLowerFake(t, "lower01", "lower02")
		f.dropAfter[imSubDeletePath] = 1
		c := f.client(testHTTP())
		d, err := c.DeleteLowerManager(ctx, "lower01")
		if err != nil || d.Unreached {
			t.Fatalf("%+v %v", d, err)
		}
		if f.counts.get(imSubDeletePath) != 2 || f.counts.get(imSubManagersPath) != 1 {
			t.Fatalf("counts %v", f.counts.m)
		}
		if hosts, _ := c.ListLowerManagers(ctx); !slices.Equal(hosts, []string{"lower02"}) || f.counts.get(imSubManagersPath) != 1 {
			t.Fatalf("the confirming list was not cached: %v, %v", hosts, f.counts.m)
		}
	})
	t.Run("KAJY68013-E but still listed", func(t *testing.T) {
		f := newLowerFake(t, "lower01")
		f.fail = func(w http.ResponseWriter, path string, _ int) bool {
			if path != imSubDeletePath {
				return false
			}
			imError(w, 400, msgSubUnknownHost, "The specified lower manager is not registered.", 0)
			return true
		}
		_, err := f.client(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if MessageID(err) != msgSubUnknownHost || !strings.Contains(err.Error(), "still lists it") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("KAJY68013-E and the list fails too", func(t *testing.T) {
		f := newLowerFake(t, "lower01")
		f.fail = func(w http.ResponseWriter, path string, _ int) bool {
			switch path {
			case imSubDeletePath:
				imError(w, 400, msgSubUnknownHost, "The specified lower manager is not registered.", 0)
			case imSubManagersPath:
				w.WriteHeader(200)
				_, _ = w.Write([]byte("{}"))
			default:
				return false
			}
			return true
		}
		_, err := f.client(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if MessageID(err) != msgSubUnknownHost || !strings.Contains(err.Error(), "listing the lower managers to check the deletion failed too") {
			t.Fatalf("%v", err)
		}
	})
}

// The errors of jp1-api.md 1.5: which are retried, and what each says to do.
func TestLowerManagerErrors(t *testing.T) {
	cases := []struct {
		name, path, messageID string
		status, attempts      int
		hint                  string
	}{
		{"permission", imSubManagersPath, "KAJY01000-E", 403, 1, "JP1_Console_Admin on JP1 resource group '*'"},
		{"bad parameter", imSubCreatePath, msgSubInvalidParam, 400, 1, "1 to 1024 printable ASCII"},
		{"DB error on create", imSubCreatePath, "KAJY68501-E", 500, 3, "database error"},
		{"update failure on create", imSubCreatePath, "KAJY68017-E", 500, 3, "could not update its lower manager definition"},
		{"delete failure", imSubDeletePath, "KAJY68203-E", 500, 3, "could not update its lower manager definition"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newLowerFake(t, "lower01")
			f.fail = func(w http.ResponseWriter, path string, _ int) bool {
				if path != tc.path {
					return false
				}
				imError(w, tc.status, tc.messageID, "refused", 0)
				return true
			}
			c := f.client(testHTTP())
			var err error
			switch tc.path {
			case imSubManagersPath:
				_, err = c.ListLowerManagers(ctxTimeout(t))
			case imSubCreatePath:
				err = c.SetLowerManagerSecret(ctxTimeout(t), "lower01", lowerSecret)
			case imSubDeletePath:
				_, err = c.DeleteLowerManager(ctxTimeout(t), "lower01")
			}
			var e *APIError
			if !errors.As(err, &e) || e.MessageID != tc.messageID || !strings.Contains(e.Hint, tc.hint) || MayHaveCreated(err) {
				t.Fatalf("%v", err)
			}
			if n := f.counts.get(tc.path); n != tc.attempts {
				t.Fatalf("%d attempt(s), want %d", n, tc.attempts)
			}
		})
	}
}

// A new initial secret whose every answer is lost is no pending create: the host
// was registered before.
func TestSetLowerManagerSecretLostAnswers(t *testing.T) {
	f := newLowerFake(t, "lower01")
	f.fail = func(w http.ResponseWriter, path string, _ int) bool {
		if path != imSubCreatePath {
			return false
		}
		dropConnection(t, w)
		return true
	}
	err := f.client(testHTTP()).SetLowerManagerSecret(ctxTimeout(t), "lower01", lowerSecret)
	if err == nil || MayHaveCreated(err) || !strings.Contains(err.Error(), "the next apply sends it again") {
		t.Fatalf("%v", err)
	}
}
