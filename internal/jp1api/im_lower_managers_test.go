package jp1api

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

const (
	lowerSecret = `Init-Secret "7" <q&x>`

	keySubList   = "GET " + imLowerManagersPath
	keySubCreate = "POST " + imSubCreatePath
	keySubDelete = "POST " + imSubDeletePath
)

// An answer without the list is an error, never "no lower managers".
func TestListLowerManagersMalformed(t *testing.T) {
	t.Parallel()
	for name, answer := range map[string]string{
		"empty object": "{}", "null": "null", "null list": `{"subManagers": null}`,
		"wrong type": `{"subManagers": "hostA"}`, "truncated": `{"subManagers": ["hostA"`, "HTML": "<html>ok</html>",
	} {
		t.Run(name, func(t *testing.T) {
			f := startFake(t)
			f.AddFault(fakejp1.Fault{Endpoint: keySubList, Status: 200, Body: answer, ContentType: "application/json"})
			hosts, err := f.im(testHTTP()).ListLowerManagers(ctxTimeout(t))
			if err == nil || StatusCode(err) != 200 {
				t.Fatalf("hosts %v, err %v; want an error", hosts, err)
			}
		})
	}
	f := startFake(t)
	hosts, err := f.im(testHTTP()).ListLowerManagers(ctxTimeout(t))
	if err != nil || hosts == nil || len(hosts) != 0 {
		t.Fatalf("an empty list: %v %v", hosts, err)
	}
}

// Register refuses a listed host (no createInfo sent, CauseAlreadyExists); the
// list comes from the cache, and a write invalidates it.
func TestRegisterLowerManager(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.PutLowerManager("taken", "s")
	c := f.im(testHTTP())
	ctx := ctxTimeout(t)
	if _, err := c.ListLowerManagers(ctx); err != nil {
		t.Fatal(err)
	}
	err := c.RegisterLowerManager(ctx, "taken", lowerSecret)
	var e *APIError
	if !errors.As(err, &e) || e.Cause != CauseAlreadyExists || e.Existing != "taken" || MayHaveCreated(err) {
		t.Fatalf("conflict: %v", err)
	}
	if n := f.Count(keySubCreate); n != 0 {
		t.Fatalf("createInfo sent %d time(s) for a listed host", n)
	}
	if err := c.RegisterLowerManager(ctx, "lower01", lowerSecret); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.LowerManagerSecret("lower01"); s != lowerSecret {
		t.Fatalf("the fake holds %q", s)
	}
	if n := f.Count(keySubList); n != 1 {
		t.Fatalf("%d list calls, want 1 (cached)", n)
	}
	hosts, err := c.ListLowerManagers(ctx)
	if slices.Sort(hosts); err != nil || !slices.Equal(hosts, []string{"lower01", "taken"}) || f.Count(keySubList) != 2 {
		t.Fatalf("after the write: %v %v, %d list calls", hosts, err, f.Count(keySubList))
	}
	if err := c.SetLowerManagerSecret(ctx, "lower01", "second"); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.LowerManagerSecret("lower01"); s != "second" {
		t.Fatalf("the fake holds %q", s)
	}
}

// A lost createInfo answer is retried (an upsert) and is no conflict; when every
// answer is lost, the error says the host may be registered, and never shows the secret.
func TestRegisterLowerManagerLostAnswers(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keySubCreate, Mode: fakejp1.FaultDropAfter, Times: 1})
	if err := f.im(testHTTP()).RegisterLowerManager(ctxTimeout(t), "lower01", lowerSecret); err != nil {
		t.Fatal(err)
	}
	if n := f.Count(keySubCreate); n != 2 {
		t.Fatalf("%d createInfo calls, want 2", n)
	}

	f = startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keySubCreate, Mode: fakejp1.FaultDropAfter})
	err := f.im(testHTTP()).RegisterLowerManager(ctxTimeout(t), "lower01", lowerSecret)
	if !MayHaveCreated(err) || !strings.Contains(err.Error(), "may be registered now") || strings.Contains(err.Error(), "Init-Secret") {
		t.Fatalf("%v", err)
	}
	if n := f.Count(keySubCreate); n != 5 {
		t.Fatalf("%d createInfo calls, want 5", n)
	}
}

// A new initial secret whose every answer is lost is no pending create: the host
// was registered before.
func TestSetLowerManagerSecretLostAnswers(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.PutLowerManager("lower01", "s")
	f.AddFault(fakejp1.Fault{Endpoint: keySubCreate, Mode: fakejp1.FaultDropBefore})
	err := f.im(testHTTP()).SetLowerManagerSecret(ctxTimeout(t), "lower01", lowerSecret)
	if err == nil || MayHaveCreated(err) || !strings.Contains(err.Error(), "the next apply sends it again") {
		t.Fatalf("%v", err)
	}
}

func TestDeleteLowerManager(t *testing.T) {
	t.Parallel()
	ctx := ctxTimeout(t)
	t.Run("done", func(t *testing.T) {
		f := startFake(t)
		f.PutLowerManager("lower01", "s")
		d, err := f.im(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if err != nil || d.Unreached || len(d.Messages) != 0 || len(f.LowerManagers()) != 0 {
			t.Fatalf("%+v %v %v", d, err, f.LowerManagers())
		}
	})
	t.Run("unreachable: done with warnings", func(t *testing.T) {
		f := startFake(t)
		f.PutLowerManager("lower01", "s")
		f.SetLowerManagerUnreachable("lower01", true)
		d, err := f.im(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if err != nil || !d.Unreached || len(d.Messages) != 1 || !strings.HasPrefix(d.Messages[0], "KAJY68204-W: ") ||
			!strings.Contains(d.Messages[0], "lower01") || len(f.LowerManagers()) != 0 {
			t.Fatalf("%+v %v", d, err)
		}
	})
	t.Run("control characters in the warning are stripped", func(t *testing.T) {
		f := startFake(t)
		f.PutLowerManager("lower01", "s")
		f.AddFault(fakejp1.Fault{Endpoint: keySubDelete, Status: 200,
			Body: `{"errhostlist": ["lower01"], "messageList": [{"messageId": " KAJY68204-W ", "message": "not\u001b[2J reached"}]}`})
		d, err := f.im(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if err != nil || !slices.Equal(d.Messages, []string{"KAJY68204-W: not[2J reached"}) {
			t.Fatalf("%+v %v", d, err)
		}
	})
	t.Run("lost answer: KAJY68013-E on the retry, confirmed by a list", func(t *testing.T) {
		f := startFake(t)
		f.PutLowerManager("lower01", "s")
		f.PutLowerManager("lower02", "s")
		f.AddFault(fakejp1.Fault{Endpoint: keySubDelete, Mode: fakejp1.FaultDropAfter, Times: 1})
		c := f.im(testHTTP())
		d, err := c.DeleteLowerManager(ctx, "lower01")
		if err != nil || d.Unreached || !d.AnswerLost {
			t.Fatalf("%+v %v, want deleted with the answer lost (whether JP1 reached lower01 is unknown)", d, err)
		}
		if f.Count(keySubDelete) != 2 || f.Count(keySubList) != 1 {
			t.Fatalf("counts %v", f.Counts())
		}
		if hosts, _ := c.ListLowerManagers(ctx); !slices.Equal(hosts, []string{"lower02"}) || f.Count(keySubList) != 1 {
			t.Fatalf("the confirming list was not cached: %v, %v", hosts, f.Counts())
		}
	})
	t.Run("already gone, no answer lost", func(t *testing.T) {
		f := startFake(t)
		d, err := f.im(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if err != nil || d.Unreached || d.AnswerLost {
			t.Fatalf("%+v %v, want deleted, nothing to warn about", d, err)
		}
	})
	t.Run("KAJY68013-E but still listed", func(t *testing.T) {
		f := startFake(t)
		f.PutLowerManager("lower01", "s")
		f.AddFault(fakejp1.Fault{Endpoint: keySubDelete, Status: 400, MessageID: msgSubUnknownHost})
		_, err := f.im(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if MessageID(err) != msgSubUnknownHost || !strings.Contains(err.Error(), "still lists it") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("KAJY68013-E and the list fails too", func(t *testing.T) {
		f := startFake(t)
		f.PutLowerManager("lower01", "s")
		f.AddFault(fakejp1.Fault{Endpoint: keySubDelete, Status: 400, MessageID: msgSubUnknownHost})
		f.AddFault(fakejp1.Fault{Endpoint: keySubList, Status: 200, Body: "{}"})
		_, err := f.im(testHTTP()).DeleteLowerManager(ctx, "lower01")
		if MessageID(err) != msgSubUnknownHost || !strings.Contains(err.Error(), "listing the lower managers to check the deletion failed too") {
			t.Fatalf("%v", err)
		}
	})
}

// The errors of docs/design/jp1-api.md §1.5: which are retried, and what each says to do.
func TestLowerManagerErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, key, messageID string
		status, attempts     int
		hint                 string
	}{
		{"bad parameter", keySubCreate, msgSubInvalidParam, 400, 1, "1 to 1024 printable ASCII"},
		{"DB error on create", keySubCreate, "KAJY68501-E", 500, 3, "database error"},
		{"update failure on create", keySubCreate, "KAJY68017-E", 500, 3, "could not update its lower manager definition"},
		{"delete failure", keySubDelete, "KAJY68203-E", 500, 3, "could not update its lower manager definition"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := startFake(t)
			f.PutLowerManager("lower01", "s")
			f.AddFault(fakejp1.Fault{Endpoint: tc.key, Status: tc.status, MessageID: tc.messageID})
			c := f.im(testHTTP())
			var err error
			if tc.key == keySubDelete {
				_, err = c.DeleteLowerManager(ctxTimeout(t), "lower01")
			} else {
				err = c.SetLowerManagerSecret(ctxTimeout(t), "lower01", lowerSecret)
			}
			var e *APIError
			if !errors.As(err, &e) || e.MessageID != tc.messageID || !strings.Contains(e.Hint, tc.hint) || MayHaveCreated(err) {
				t.Fatalf("%v", err)
			}
			if n := f.Count(tc.key); n != tc.attempts {
				t.Fatalf("%d attempt(s), want %d", n, tc.attempts)
			}
		})
	}
	t.Run("permission", func(t *testing.T) {
		f := startFake(t)
		f.AddIMUser("operator", "operator-pass", fakejp1.PermConsoleOperator)
		c := NewIMClient(testHTTP(), IMConfig{Endpoint: f.url, Username: "operator", Password: "operator-pass"})
		_, err := c.ListLowerManagers(ctxTimeout(t))
		if StatusCode(err) != 403 || MessageID(err) != "KAJY01000-E" || !strings.Contains(err.Error(), "JP1_Console_Admin on JP1 resource group '*'") {
			t.Fatalf("%v", err)
		}
	})
}
