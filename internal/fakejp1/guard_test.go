package fakejp1

import (
	"net/http"
	"strings"
	"testing"
)

// rawControl sends body to a control endpoint with the given headers (a
// header with an empty value is not sent).
func (c *testClient) rawControl(method, path, body string, header map[string]string) testResponse {
	c.t.Helper()
	var rd *strings.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	var req *http.Request
	var err error
	if rd != nil {
		req, err = http.NewRequest(method, c.base+path, rd)
	} else {
		req, err = http.NewRequest(method, c.base+path, nil)
	}
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	return c.send(req)
}

// A control request body is bounded by maxBodyBytes like an API one: a
// 1.3 GiB estate request must not be read into memory.
func TestControlBodyTooLarge(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	// Valid JSON, padded with blanks beyond the limit.
	big := `{"prefix":"big","count":1` + strings.Repeat(" ", maxBodyBytes) + `}`
	r := c.rawControl(http.MethodPost, pathControlEstate, big, map[string]string{"Content-Type": "application/json"})
	r.wantStatus(t, http.StatusRequestEntityTooLarge)
	if n := len(s.Credentials()); n != 0 {
		t.Errorf("an oversized estate request made %d credentials", n)
	}
	// Just under the limit is still served.
	ok := `{"prefix":"ok","count":1` + strings.Repeat(" ", maxBodyBytes-100) + `}`
	c.rawControl(http.MethodPost, pathControlEstate, ok, map[string]string{"Content-Type": "application/json"}).
		wantStatus(t, http.StatusOK)
}

// Control POSTs must be JSON: a web page can send text/plain (or a form)
// cross-origin without a preflight, but not application/json.
func TestControlRequiresJSON(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	body := `{"clientId":"AGENT_webpage"}`
	for _, ct := range []string{"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""} {
		c.rawControl(http.MethodPost, pathControlSystemClient, body, map[string]string{"Content-Type": ct}).
			wantStatus(t, http.StatusUnsupportedMediaType)
	}
	if _, ok := s.IMClientSecret("AGENT_webpage"); ok {
		t.Fatal("a non-JSON control request registered a client ID")
	}
	c.rawControl(http.MethodPost, pathControlSystemClient, body, map[string]string{"Content-Type": "application/json; charset=utf-8"}).
		wantStatus(t, http.StatusNoContent)

	// reset-counts takes no body: a bare POST (as internal/bench sends) is
	// served, a text/plain one is not.
	c.do(http.MethodGet, "/im/api/version", "", nil)
	c.rawControl(http.MethodPost, pathControlResetCounts, "x", map[string]string{"Content-Type": "text/plain"}).
		wantStatus(t, http.StatusUnsupportedMediaType)
	if s.TotalRequests() != 1 {
		t.Errorf("a text/plain reset-counts reset the counts")
	}
	c.rawControl(http.MethodPost, pathControlResetCounts, "", nil).wantStatus(t, http.StatusNoContent)
	if s.TotalRequests() != 0 {
		t.Errorf("a bare reset-counts did not reset the counts")
	}
}

// A request from a web page carries its Origin: only loopback origins may
// drive the control endpoints.
func TestControlRefusesForeignOrigin(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	json := map[string]string{"Content-Type": "application/json"}
	with := func(origin string) map[string]string {
		return map[string]string{"Content-Type": "application/json", "Origin": origin}
	}
	for _, origin := range []string{"https://attacker.example", "http://127.0.0.1.attacker.example", "null", "file://", "http://10.0.0.1:8080"} {
		c.rawControl(http.MethodPost, pathControlSystemClient, `{"clientId":"AGENT_evil"}`, with(origin)).
			wantStatus(t, http.StatusForbidden)
		c.rawControl(http.MethodPost, pathControlEstate, `{"prefix":"evil","count":1}`, with(origin)).
			wantStatus(t, http.StatusForbidden)
		c.rawControl(http.MethodGet, pathControlCounts, "", map[string]string{"Origin": origin}).
			wantStatus(t, http.StatusForbidden)
	}
	if _, ok := s.IMClientSecret("AGENT_evil"); ok || len(s.Credentials()) != 0 {
		t.Fatal("a foreign origin drove a control endpoint")
	}
	for i, origin := range []string{"http://127.0.0.1:8080", "http://localhost:3000", "https://[::1]", "http://LOCALHOST", ""} {
		id := "AGENT_local" + string(rune('a'+i))
		c.rawControl(http.MethodPost, pathControlSystemClient, `{"clientId":"`+id+`"}`, with(origin)).
			wantStatus(t, http.StatusNoContent)
	}
	c.rawControl(http.MethodGet, pathControlCounts, "", json).wantStatus(t, http.StatusOK)
}

// DNS rebinding: a page on attacker.example whose name now resolves to
// 127.0.0.1 reaches the fake with Host: attacker.example. Every endpoint
// refuses a Host that is not a loopback name or address.
func TestForeignHostRefused(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	port := c.base[strings.LastIndex(c.base, ":"):]
	jsonCT := map[string]string{"Content-Type": "application/json"}
	withHost := func(host string) map[string]string {
		return map[string]string{"Content-Type": "application/json", "Host": host}
	}
	for _, host := range []string{"attacker.example" + port, "attacker.example", "127.0.0.1.nip.io" + port, "localhost.attacker.example" + port, "10.1.2.3" + port} {
		r := c.rawControl(http.MethodPost, pathIMLogin, `{"user":"`+IMAdminUser+`","password":"`+IMAdminPassword+`"}`, withHost(host))
		r.wantIMError(t, http.StatusForbidden, "", 0)
		req, _ := http.NewRequest(http.MethodGet, c.base+pathAnalyticsCredentials, nil)
		req.Host = host
		req.Header.Set("Authorization", authAnalyticsAdmin)
		c.send(req).wantAnalyticsError(t, http.StatusForbidden, "")
		c.rawControl(http.MethodGet, pathControlCounts, "", withHost(host)).wantStatus(t, http.StatusForbidden)
		c.rawControl(http.MethodPost, pathControlEstate, `{"prefix":"rebound","count":1}`, withHost(host)).
			wantStatus(t, http.StatusForbidden)
	}
	if st := s.Stats(); st.Logins != 0 || s.TotalRequests() != 0 || len(s.Credentials()) != 0 {
		t.Fatalf("requests with a foreign Host were served: %+v, %d requests, %d credentials",
			st, s.TotalRequests(), len(s.Credentials()))
	}
	for _, host := range []string{"127.0.0.1" + port, "localhost" + port, "LocalHost" + port, "localhost", "127.1.2.3" + port, "[::1]" + port, "[::1]"} {
		c.rawControl(http.MethodPost, pathIMLogin, `{"user":"`+IMAdminUser+`","password":"`+IMAdminPassword+`"}`, withHost(host)).
			wantStatus(t, http.StatusOK)
		c.rawControl(http.MethodGet, pathControlCounts, "", map[string]string{"Host": host}).wantStatus(t, http.StatusOK)
	}
	c.rawControl(http.MethodPost, pathControlResetCounts, "", jsonCT).wantStatus(t, http.StatusNoContent)
}

// A fake that serves the network on purpose (SetAllowAnyHost, set by the
// command when it listens beyond loopback) takes the names the machine has.
func TestAllowAnyHost(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetAllowAnyHost(true)
	c.rawControl(http.MethodGet, pathControlCounts, "", map[string]string{"Host": "jp1-manager.lan:20703"}).
		wantStatus(t, http.StatusOK)
	// The Origin check stays: a web page is no more welcome.
	c.rawControl(http.MethodGet, pathControlCounts, "", map[string]string{"Origin": "https://attacker.example"}).
		wantStatus(t, http.StatusForbidden)
}

func TestIsLoopbackHost(t *testing.T) {
	t.Parallel()
	for host, want := range map[string]bool{
		"localhost": true, "localhost:1": true, "LOCALHOST:80": true, "localhost.": true,
		"127.0.0.1": true, "127.0.0.1:20703": true, "127.255.0.9:1": true,
		"[::1]": true, "[::1]:443": true, "::1": true, "[::ffff:127.0.0.1]:8": true,
		"": false, "localhost.example": false, "example.com": false, "10.0.0.1": false, "0.0.0.0:1": false,
		"[::]:1": false, "127.0.0.1.nip.io": false, "[fe80::1]:1": false, "127.1": false,
	} {
		if got := isLoopbackHost(host); got != want {
			t.Errorf("isLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}
