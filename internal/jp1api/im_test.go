package jp1api

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

func TestIMOneLoginForConcurrentCallers(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	c := f.im(testHTTP())
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.IssueClientSecret(ctxTimeout(t), fmt.Sprintf("client%d", i))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.Logins(); n != 1 {
		t.Fatalf("%d logins", n)
	}
	if err := c.Close(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	if n := f.Count(keyIMLogout); n != 1 {
		t.Fatalf("%d logouts", n)
	}
	if err := c.Close(ctxTimeout(t)); err != nil || f.Count(keyIMLogout) != 1 {
		t.Fatal("a second Close logs out again")
	}
}

func TestIMReloginOnExpiredToken(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	c := f.im(testHTTP())
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	f.ExpireIMTokens()
	if _, err := c.IssueClientSecret(ctxTimeout(t), "c1"); err != nil {
		t.Fatal(err)
	}
	if n := f.Logins(); n != 2 {
		t.Fatalf("%d logins", n)
	}
	if n := f.Count(keyIMIssue); n != 2 {
		t.Fatalf("%d issue requests", n)
	}
}

// A 401 on the token issued for the replay is an error: one relogin, no loop.
func TestIMReloginExactlyOnce(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyIMList, Status: 401, MessageID: "KAJY01001-E"})
	_, err := f.im(testHTTP()).ListClientIDs(ctxTimeout(t))
	if StatusCode(err) != 401 {
		t.Fatalf("%v", err)
	}
	if n := f.Logins(); n != 2 {
		t.Fatalf("%d logins, want 2", n)
	}
	if n := f.Count(keyIMList); n != 2 {
		t.Fatalf("%d list requests, want 2", n)
	}
}

func TestIMBasic(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.SetIMBasicAuth(false) // jp1.imdd.authBasic=false
	c := NewIMClient(testHTTP(), IMConfig{Endpoint: f.url, Username: imUser, Password: imPass, AuthMethod: "basic"})
	_, err := c.ListClientIDs(ctxTimeout(t))
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != 401 || e.Hint != hintIMBasic || e.Attempts != 1 {
		t.Fatalf("%v", err)
	}
	if !strings.Contains(err.Error(), "jp1.imdd.authBasic=true") {
		t.Fatalf("%q", err.Error())
	}
	f.SetIMBasicAuth(true)
	if _, err := c.ListClientIDs(ctxTimeout(t)); err == nil || f.Count(keyIMList) != 1 {
		t.Fatalf("a refused authentication is remembered for the client's life: %v", err)
	}
	c = NewIMClient(testHTTP(), IMConfig{Endpoint: f.url, Username: imUser, Password: imPass, AuthMethod: "basic"})
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	if f.Count(keyIMLogin) != 0 {
		t.Fatal("basic logs in")
	}
	if err := c.Close(ctxTimeout(t)); err != nil || f.Count(keyIMLogout) != 0 {
		t.Fatal("basic logs out")
	}
}

func TestIMLoginBadPassword(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	c := NewIMClient(testHTTP(), IMConfig{Endpoint: f.url, Username: imUser, Password: "wrong"})
	_, err := c.ListProxyUsers(ctxTimeout(t))
	var e *APIError
	if !errors.As(err, &e) || e.MessageID != "KAJY52001-E" || e.Hint != hintIMCredentials || e.Endpoint != imLoginPath {
		t.Fatalf("%v", err)
	}
	if f.Count(keyIMLogin) != 1 || f.proxyCalls() != 0 {
		t.Fatal("a failed login is retried, or the call was sent")
	}
}

func TestIMPermissionHints(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	// A user who may log in but not manage secrets or proxy users: the fake's own 403.
	f.AddIMUser(imUser, imPass, fakejp1.PermConsoleUser)
	c := f.im(testHTTP())
	_, err := c.ListClientIDs(ctxTimeout(t))
	if err == nil || !strings.HasPrefix(err.Error(), "GET /im/api/v1/secret/client/list: HTTP 403 KAJY01000-E: ") ||
		!strings.HasSuffix(err.Error(), "(after 1 attempt). the JP1 user needs JP1_Console_Admin on JP1 resource group '*'") {
		t.Fatalf("%v", err)
	}
	err = c.AddProxyUser(ctxTimeout(t), "u", "p")
	var e *APIError
	if !errors.As(err, &e) || e.Hint != "the JP1 user needs JP1_Console_Admin or JP1_Console_Operator" {
		t.Fatalf("%v", err)
	}
}

func TestIMVersion(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	v, err := f.im(testHTTP()).Version(ctxTimeout(t))
	if err != nil || v["productVersion"] != fakejp1.IMProductVersion || f.Count(keyIMLogin) != 0 {
		t.Fatalf("%v %v", v, err)
	}
}
