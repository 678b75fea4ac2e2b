package jp1api

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	imUser = "jp1admin"
	imPass = "im-Passw0rd-Secret"
)

// imFake is a small JP1/IM Manager for these tests.
type imFake struct {
	t   *testing.T
	srv *httptest.Server

	counts counter

	mu           sync.Mutex
	basicEnabled bool
	tokens       map[string]bool
	issued       []string // every token issued
	clients      map[string]string
	proxy        map[string]string
	hook         func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool
	dropAfter    map[string]int // "path" -> attempt whose answer is lost after the change is committed

	proxyDelay    time.Duration
	proxyBusy     atomic.Bool
	proxyOverlaps atomic.Int32
	proxyLocked   atomic.Int32 // KAJY52013-E answers given
}

func newIMFake(t *testing.T) *imFake {
	f := &imFake{t: t, tokens: map[string]bool{}, clients: map[string]string{}, proxy: map[string]string{}, dropAfter: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *imFake) client(h *HTTP) *IMClient {
	return NewIMClient(h, IMConfig{Endpoint: f.srv.URL, Username: imUser, Password: imPass})
}

func randomToken(prefix string) string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

func (f *imFake) expireTokens() {
	f.mu.Lock()
	f.tokens = map[string]bool{}
	f.mu.Unlock()
}

func (f *imFake) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if path == "/im/api/v1/login" {
		path = imLoginPath
	}
	n := f.counts.inc(path)
	var body map[string]any
	if r.Method == http.MethodPost {
		body = readBody(r)
	}
	if path == imVersionPath {
		writeJSON(w, 200, map[string]any{"productName": "JP1/Integrated Management 3 - Manager", "productVersion": "13-50", "apiVersion": []string{"01.00.00"}})
		return
	}
	if path == imLoginPath {
		if body["user"] != imUser || body["password"] != imPass {
			imError(w, 403, "KAJY52001-E", "The user name or password is invalid.", 1)
			return
		}
		tok := randomToken("im-token-")
		f.mu.Lock()
		f.tokens[tok] = true
		f.issued = append(f.issued, tok)
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"jp1user": imUser, "jp1token": randomToken("jp1-"), "token": tok, "clientId": "x", "permissions": []string{"JP1_Console_Admin"}})
		return
	}
	// authentication
	scheme, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	f.mu.Lock()
	ok := scheme == "Bearer" && f.tokens[cred] ||
		scheme == "Basic" && f.basicEnabled && cred == base64.StdEncoding.EncodeToString([]byte(imUser+":"+imPass))
	if ok && path == imLogoutPath {
		delete(f.tokens, cred)
	}
	hook := f.hook
	f.mu.Unlock()
	if !ok {
		imError(w, 401, "KAJY01001-E", "Authentication failed.", 1)
		return
	}
	if hook != nil && hook(w, r, n, body) {
		return
	}
	lose := func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.dropAfter[path] == n
	}
	switch path {
	case imLogoutPath:
		w.WriteHeader(200)
	case imListPath:
		f.mu.Lock()
		ids := []string{"MANAGER_INTEGRATED_host1"}
		for id := range f.clients {
			ids = append(ids, id)
		}
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{"clientIds": ids})
	case imIssuePath:
		id, _ := body["clientId"].(string)
		f.mu.Lock()
		if _, exists := f.clients[id]; exists {
			f.mu.Unlock()
			imError(w, 400, "KAJY68004-E", "The client ID is already registered.", 1)
			return
		}
		secret := randomToken("")
		f.clients[id] = secret
		f.mu.Unlock()
		if lose() {
			dropConnection(f.t, w)
			return
		}
		writeJSON(w, 200, map[string]any{"clientSecret": secret, "lastUpdateTime": "2022-10-20T12:25:45Z"})
	case imDeletePath:
		ids, _ := body["clientIds"].([]any)
		f.mu.Lock()
		for _, id := range ids {
			if _, exists := f.clients[id.(string)]; !exists {
				f.mu.Unlock()
				imError(w, 500, "KAJY68007-E", "Failed to delete an IM client secret.", 2)
				return
			}
		}
		for _, id := range ids {
			delete(f.clients, id.(string))
		}
		f.mu.Unlock()
		w.WriteHeader(200) // 0-byte body
	case imProxyUsersPath:
		f.proxyUsers(w, body)
	default:
		w.WriteHeader(404)
	}
}

func (f *imFake) proxyUsers(w http.ResponseWriter, body map[string]any) {
	if !f.proxyBusy.CompareAndSwap(false, true) {
		f.proxyOverlaps.Add(1)
		f.proxyLocked.Add(1)
		imError(w, 500, "KAJY52013-E", "The exclusive lock could not be obtained.", 7)
		return
	}
	defer f.proxyBusy.Store(false)
	time.Sleep(f.proxyDelay)
	id, _ := body["id"].(string)
	f.mu.Lock()
	defer f.mu.Unlock()
	switch body["op"] {
	case "list":
		ids := []string{}
		for u := range f.proxy {
			ids = append(ids, u)
		}
		slices.Sort(ids)
		writeJSON(w, 200, map[string]any{"userIdList": ids})
	case "add":
		pw, _ := body["pw"].(string)
		if id == "" || pw == "" {
			imError(w, 400, "KAJY52012-E", "Invalid parameter.", 3)
			return
		}
		f.proxy[id] = pw
		w.WriteHeader(200)
	case "rm":
		if _, ok := f.proxy[id]; !ok {
			imError(w, 400, "KAJY52012-E", "Invalid parameter.", 3)
			return
		}
		delete(f.proxy, id)
		w.WriteHeader(200)
	default:
		imError(w, 400, "KAJY52012-E", "Invalid parameter.", 3)
	}
}

func TestIMOneLoginForConcurrentCallers(t *testing.T) {
	f := newIMFake(t)
	c := f.client(testHTTP())
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
	if n := f.counts.get(imLoginPath); n != 1 {
		t.Fatalf("%d logins", n)
	}
	if err := c.Close(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	if n := f.counts.get(imLogoutPath); n != 1 || len(f.tokens) != 0 {
		t.Fatalf("logout: %d, tokens %v", n, f.tokens)
	}
	if err := c.Close(ctxTimeout(t)); err != nil || f.counts.get(imLogoutPath) != 1 {
		t.Fatal("a second Close logs out again")
	}
}

func TestIMReloginOnExpiredToken(t *testing.T) {
	f := newIMFake(t)
	c := f.client(testHTTP())
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	f.expireTokens()
	if _, err := c.IssueClientSecret(ctxTimeout(t), "c1"); err != nil {
		t.Fatal(err)
	}
	if n := f.counts.get(imLoginPath); n != 2 {
		t.Fatalf("%d logins", n)
	}
	if n := f.counts.get(imIssuePath); n != 2 {
		t.Fatalf("%d issue requests", n)
	}
}

// A 401 on the token issued for the replay is an error: one relogin, no loop.
func TestIMReloginExactlyOnce(t *testing.T) {
	f := newIMFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
		imError(w, 401, "KAJY01001-E", "Authentication failed.", 1)
		return true
	}
	_, err := f.client(testHTTP()).ListClientIDs(ctxTimeout(t))
	if StatusCode(err) != 401 {
		t.Fatalf("%v", err)
	}
	if n := f.counts.get(imLoginPath); n != 2 {
		t.Fatalf("%d logins, want 2", n)
	}
	if n := f.counts.get(imListPath); n != 2 {
		t.Fatalf("%d list requests, want 2", n)
	}
}

func TestIMBasic(t *testing.T) {
	f := newIMFake(t)
	c := NewIMClient(testHTTP(), IMConfig{Endpoint: f.srv.URL, Username: imUser, Password: imPass, AuthMethod: "basic"})
	_, err := c.ListClientIDs(ctxTimeout(t))
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != 401 || e.Hint != hintIMBasic || e.Attempts != 1 {
		t.Fatalf("%v", err)
	}
	if !strings.Contains(err.Error(), "jp1.imdd.authBasic=true") {
		t.Fatalf("%q", err.Error())
	}
	f.mu.Lock()
	f.basicEnabled = true
	f.mu.Unlock()
	if _, err := c.ListClientIDs(ctxTimeout(t)); err == nil || f.counts.get(imListPath) != 1 {
		t.Fatalf("a refused authentication is remembered for the client's life: %v", err)
	}
	c = NewIMClient(testHTTP(), IMConfig{Endpoint: f.srv.URL, Username: imUser, Password: imPass, AuthMethod: "basic"})
	if _, err := c.ListClientIDs(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	if f.counts.get(imLoginPath) != 0 {
		t.Fatal("basic logs in")
	}
	if err := c.Close(ctxTimeout(t)); err != nil || f.counts.get(imLogoutPath) != 0 {
		t.Fatal("basic logs out")
	}
}

func TestIMLoginBadPassword(t *testing.T) {
	f := newIMFake(t)
	c := NewIMClient(testHTTP(), IMConfig{Endpoint: f.srv.URL, Username: imUser, Password: "wrong"})
	_, err := c.ListProxyUsers(ctxTimeout(t))
	var e *APIError
	if !errors.As(err, &e) || e.MessageID != "KAJY52001-E" || e.Hint != hintIMCredentials || e.Endpoint != imLoginPath {
		t.Fatalf("%v", err)
	}
	if f.counts.get(imLoginPath) != 1 || f.counts.get(imProxyUsersPath) != 0 {
		t.Fatal("a failed login is retried, or the call was sent")
	}
}

func TestIMPermissionHints(t *testing.T) {
	f := newIMFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
		imError(w, 403, "KAJY01000-E", "You do not have permission.", 1)
		return true
	}
	c := f.client(testHTTP())
	_, err := c.ListClientIDs(ctxTimeout(t))
	if want := "GET /im/api/v1/secret/client/list: HTTP 403 KAJY01000-E: You do not have permission. (after 1 attempt). the JP1 user needs JP1_Console_Admin on JP1 resource group '*'"; err == nil || err.Error() != want {
		t.Fatalf("%v", err)
	}
	err = c.AddProxyUser(ctxTimeout(t), "u", "p")
	var e *APIError
	if !errors.As(err, &e) || e.Hint != "the JP1 user needs JP1_Console_Admin or JP1_Console_Operator" {
		t.Fatalf("%v", err)
	}
}

func TestIMVersion(t *testing.T) {
	f := newIMFake(t)
	v, err := f.client(testHTTP()).Version(ctxTimeout(t))
	if err != nil || v["productVersion"] != "13-50" || f.counts.get(imLoginPath) != 0 {
		t.Fatalf("%v %v", v, err)
	}
}
