package jp1api

import (
	"errors"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// A list answer without its list is malformed, never "no objects", and the
// error says what JP1 sent instead and that an empty list is [].
func TestIMListAnswerSaysWhatJP1Sent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ answer, want string }{
		{`{}`, `JP1 sent {}, without the clientIds list`},
		{`{"clientIDs": [], "status": 200}`, `JP1 sent no clientIds list (the answer's members: "clientIDs", "status")`},
		{`{"clientIds": null}`, `JP1 sent "clientIds": null, not a list of strings`},
		{`{"clientIds": {}}`, `JP1 sent "clientIds": {}, not a list of strings`},
		{`{"clientIds": "a"}`, `JP1 sent "clientIds": a string, not a list of strings`},
		{`{"clientIds": ["a", 7]}`, `JP1 sent "clientIds": a list whose item 2 is a number or another value`},
		{`{"clientIds": ["a", null]}`, `item 2 of the clientIds list is null (JP1 sent 2 items)`},
	} {
		t.Run(tc.answer, func(t *testing.T) {
			f := startFake(t)
			f.AddFault(fakejp1.Fault{Endpoint: keyIMList, Status: 200, Body: tc.answer, ContentType: "application/json"})
			ids, err := f.im(testHTTP()).ListClientIDs(ctxTimeout(t))
			if err == nil {
				t.Fatalf("ids %q, no error", ids)
			}
			msg := err.Error()
			if !strings.Contains(msg, "the answer is malformed: "+tc.want) {
				t.Errorf("error %q\nwant it to say %q", msg, tc.want)
			}
			if !strings.Contains(tc.want, "null (JP1 sent") && !strings.Contains(msg, `an empty list must be sent as {"clientIds": []}`) {
				t.Errorf("error %q does not say that an empty list is []", msg)
			}
		})
	}
	// The other two lists say the same, with their own member.
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyProxyList, Status: 200, Body: `{"userIdList": null}`, ContentType: "application/json"})
	f.AddFault(fakejp1.Fault{Endpoint: keySubList, Status: 200, Body: `{}`, ContentType: "application/json"})
	c := f.im(testHTTP())
	if _, err := c.ListProxyUsers(ctxTimeout(t)); err == nil || !strings.Contains(err.Error(), `JP1 sent "userIdList": null`) {
		t.Errorf("proxy users: %v", err)
	}
	if _, err := c.ListLowerManagers(ctxTimeout(t)); err == nil || !strings.Contains(err.Error(), `JP1 sent {}, without the subManagers list`) {
		t.Errorf("lower managers: %v", err)
	}
}

// Whether JP1 compares keys ignoring case is not documented: a create whose
// key JP1 lists in another case is refused before anything is sent, naming
// the listed key. The fake compares exactly, so it would have added the
// second key (or replaced nothing): the refusal is the provider's.
func TestCreateRefusesAKeyListedInAnotherCase(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	secret := f.PutIMClient("Zabbix-Bridge")
	f.PutProxyUser("proxyuser", "theirs")
	f.PutLowerManager("LOWER01.example.com", "theirs")
	c := f.im(testHTTP())
	ctx := ctxTimeout(t)

	_, issueErr := c.IssueClientSecret(ctx, "zabbix-bridge")
	for _, tc := range []struct {
		name, existing string
		err            error
	}{
		{"IM client", "Zabbix-Bridge", issueErr},
		{"proxy user", "proxyuser", c.CreateProxyUser(ctx, "ProxyUser", "mine")},
		{"lower manager", "LOWER01.example.com", c.RegisterLowerManager(ctx, "lower01.example.com", "mine")},
	} {
		var e *APIError
		if !errors.As(tc.err, &e) || e.Cause != CauseAlreadyExists || e.Existing != tc.existing || MayHaveCreated(tc.err) {
			t.Errorf("%s: %v (want CauseAlreadyExists naming %q)", tc.name, tc.err, tc.existing)
			continue
		}
		if !strings.Contains(e.Message, "differs only in case") || !strings.Contains(e.Hint, "ignoring case") {
			t.Errorf("%s: %v", tc.name, tc.err)
		}
	}
	for _, key := range []string{keyIMIssue, keyProxyAdd, keySubCreate} {
		if n := f.Count(key); n != 0 {
			t.Errorf("%s sent %d time(s)", key, n)
		}
	}
	if got, _ := f.IMClientSecret("Zabbix-Bridge"); got != secret || len(f.IMClientIDs()) != 1 {
		t.Errorf("IM clients %v", f.IMClientIDs())
	}
	if pw := f.ProxyUsers()["proxyuser"]; pw != "theirs" || len(f.ProxyUsers()) != 1 {
		t.Errorf("proxy users %v", f.ProxyUsers())
	}
	if hosts := f.LowerManagers(); len(hosts) != 1 {
		t.Errorf("lower managers %v", hosts)
	}

	// A key listed exactly as given is the usual conflict; one that differs in
	// more than case is created.
	if _, err := c.IssueClientSecret(ctx, "Zabbix-Bridge"); MessageID(err) != msgAlreadyRegistered {
		t.Errorf("exact IM client: %v", err)
	}
	if _, err := c.IssueClientSecret(ctx, "zabbix-bridge-2"); err != nil {
		t.Errorf("another IM client: %v", err)
	}
	if err := c.CreateProxyUser(ctx, "proxyuser2", "mine"); err != nil {
		t.Errorf("another proxy user: %v", err)
	}
}

// An issue lists first (from the cache) and keeps the cache fresh: N issues
// and deletes cost one list.
func TestIMIssueListsOnce(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	c := f.im(testHTTP())
	ctx := ctxTimeout(t)
	for _, id := range []string{"c1", "c2", "c3"} {
		if _, err := c.IssueClientSecret(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.DeleteClientSecret(ctx, "c2"); err != nil {
		t.Fatal(err)
	}
	ids, err := c.ListClientIDs(ctx)
	if err != nil || strings.Join(ids, ",") != "c1,c3" {
		t.Fatalf("%v %v", ids, err)
	}
	if n := f.Count(keyIMList); n != 1 {
		t.Fatalf("%d list requests, want 1", n)
	}
}
