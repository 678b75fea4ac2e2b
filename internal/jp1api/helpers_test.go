package jp1api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// The users the clients log in as; strong passwords, so a leak check cannot
// mistake an ordinary word in a log line for one.
const (
	imUser        = "jp1admin"
	imPass        = "im-Passw0rd-Secret"
	analyticsUser = "admin"
	analyticsPass = "oa-Passw0rd-Secret"
)

// Endpoint keys the fake counts requests under (fakejp1.Server.Count).
const (
	keyIMLogin         = "POST /im/api/v1/login"
	keyIMLogout        = "POST /im/api/v1/logout"
	keyIMIssue         = "POST " + imIssuePath
	keyIMList          = "GET " + imListPath
	keyIMDelete        = "POST " + imDeletePath
	keyProxyAdd        = "POST " + imProxyUsersPath + " add"
	keyProxyRm         = "POST " + imProxyUsersPath + " rm"
	keyProxyList       = "POST " + imProxyUsersPath + " list"
	keyProxyAny        = "POST " + imProxyUsersPath // a fault key hitting every operation
	keyAnalyticsList   = "GET " + analyticsCredentialsPath
	keyAnalyticsCreate = "POST " + analyticsCredentialsPath
)

// fakeJP1 is the fake JP1 (internal/fakejp1) a test's clients talk to, served
// on loopback with the users above.
type fakeJP1 struct {
	*fakejp1.Server
	url string
}

func startFake(t *testing.T) *fakeJP1 { return startFakeBehind(t, nil) }

// startFakeBehind serves the fake behind front, which sees every request
// first: for what no fake of JP1 does (record a query string, add a header,
// change the server's state between two attempts of one call).
func startFakeBehind(t *testing.T, front func(w http.ResponseWriter, r *http.Request, fake http.Handler)) *fakeJP1 {
	t.Helper()
	var wrapped func(w http.ResponseWriter, r *http.Request, fake *fakejp1.Server)
	if front != nil {
		wrapped = func(w http.ResponseWriter, r *http.Request, fake *fakejp1.Server) { front(w, r, fake) }
	}
	fake, url := fakejp1test.StartBehind(t, wrapped)
	fake.AddIMUser(imUser, imPass, fakejp1.PermConsoleAdmin)
	fake.AddAnalyticsUser(analyticsUser, analyticsPass, true)
	return &fakeJP1{Server: fake, url: url}
}

func (f *fakeJP1) im(h *HTTP) *IMClient {
	return NewIMClient(h, IMConfig{Endpoint: f.url, Username: imUser, Password: imPass})
}

func (f *fakeJP1) oa(h *HTTP) *AnalyticsClient {
	return NewAnalyticsClient(h, AnalyticsConfig{Endpoint: f.url + "/", Username: analyticsUser, Password: analyticsPass})
}

// proxyCalls counts the proxyUsers calls of every operation.
func (f *fakeJP1) proxyCalls() int {
	return f.Count(keyProxyAdd) + f.Count(keyProxyRm) + f.Count(keyProxyList)
}

// putSSH stores an SSH credential as another JP1 user would have created it.
func (f *fakeJP1) putSSH(name string) int64 {
	return f.PutCredential(fakejp1.Credential{Name: name, CredentialType: "SSH", UserID: fakejp1test.Ptr("root")})
}

// testOptions keeps waits tiny so the package's tests run in a few seconds.
func testOptions() Options {
	return Options{
		RequestTimeout: 2 * time.Second,
		MaxAttempts:    5,
		MinWait:        time.Millisecond,
		MaxWait:        5 * time.Millisecond,
		UserAgent:      "terraform-provider-jp1/test",
	}
}

func testHTTP() *HTTP { return NewHTTP(testOptions()) }

// dropConnection ends the exchange without an answer (a lost answer).
func dropConnection(t *testing.T, w http.ResponseWriter) {
	t.Helper()
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Fatal("the test server cannot hijack connections")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Fatalf("hijack: %v", err)
	}
	_ = conn.Close()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// imError writes an IM error body (messageId padded as in the seed example).
func imError(w http.ResponseWriter, status int, messageID, message string, returnCode int) {
	writeJSON(w, status, map[string]any{
		"timestamp": 1585561108345, "status": status, "error": http.StatusText(status),
		"message": message, "path": " /im/api/v1/x ", "messageId": " " + messageID + " ", "returnCode": returnCode,
	})
}

func readBody(r *http.Request) map[string]any {
	data, _ := io.ReadAll(r.Body)
	out := map[string]any{}
	_ = json.Unmarshal(data, &out)
	return out
}

// syncBuffer is a bytes.Buffer safe for concurrent writers (log output).
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func ctxTimeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}
