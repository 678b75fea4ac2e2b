package fakejp1

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// testClient talks to a fake served by httptest.
type testClient struct {
	t    *testing.T
	base string
	hc   *http.Client
}

type testResponse struct {
	status int
	header http.Header
	body   []byte
}

// newTestServer returns a fresh fake behind httptest and a client for it.
func newTestServer(t *testing.T) (*Server, *testClient) {
	t.Helper()
	s := New()
	// Handler tests authenticate IM requests with Basic so that each request
	// stands alone; TestIMBasicAuth covers the product default (off).
	s.SetIMBasicAuth(true)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, &testClient{t: t, base: ts.URL, hc: ts.Client()}
}

func basic(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

var (
	authIMAdmin        = basic(IMAdminUser, IMAdminPassword)
	authIMOperator     = basic(IMOperatorUser, IMOperatorPassword)
	authIMUser         = basic(IMUserUser, IMUserPassword)
	authAnalyticsAdmin = basic(AnalyticsAdminUser, AnalyticsAdminPassword)
	authAnalyticsUser  = basic(AnalyticsUserUser, AnalyticsUserPassword)
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// do sends a request. body may be nil (no body), a string (raw JSON) or any
// value to encode as JSON; auth is the whole Authorization header value.
func (c *testClient) do(method, path, auth string, body any) testResponse {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return c.send(req)
}

func (c *testClient) send(req *http.Request) testResponse {
	c.t.Helper()
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return testResponse{status: res.StatusCode, header: res.Header, body: b}
}

// login logs in to IM and returns the bearer header value.
func (c *testClient) login(user, password string) string {
	c.t.Helper()
	r := c.do(http.MethodPost, "/im/api/v1/login/", "", map[string]string{"user": user, "password": password})
	r.wantStatus(c.t, http.StatusOK)
	var lr loginResponse
	r.decode(c.t, &lr)
	return "Bearer " + lr.Token
}

func (r testResponse) wantStatus(t *testing.T, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body: %s", r.status, status, r.body)
	}
}

func (r testResponse) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %q: %v", r.body, err)
	}
}

// wantIMError checks status, messageId and returnCode (0: absent) of an IM error.
func (r testResponse) wantIMError(t *testing.T, status int, messageID string, returnCode int) imErrorBody {
	t.Helper()
	r.wantStatus(t, status)
	var e imErrorBody
	r.decode(t, &e)
	if e.MessageID != messageID {
		t.Errorf("messageId = %q, want %q (body %s)", e.MessageID, messageID, r.body)
	}
	switch {
	case returnCode == 0 && e.ReturnCode != nil:
		t.Errorf("returnCode = %d, want absent", *e.ReturnCode)
	case returnCode != 0 && (e.ReturnCode == nil || *e.ReturnCode != returnCode):
		t.Errorf("returnCode = %v, want %d", e.ReturnCode, returnCode)
	}
	if e.Status != status || e.Error != http.StatusText(status) || e.Timestamp == 0 || e.Message == "" || e.Path == "" {
		t.Errorf("incomplete IM error body: %s", r.body)
	}
	return e
}

// wantAnalyticsError checks status and messageID of an OA error.
func (r testResponse) wantAnalyticsError(t *testing.T, status int, messageID string) analyticsErrorBody {
	t.Helper()
	r.wantStatus(t, status)
	var e analyticsErrorBody
	r.decode(t, &e)
	if e.MessageID != messageID {
		t.Errorf("messageID = %q, want %q (body %s)", e.MessageID, messageID, r.body)
	}
	if e.Application != "Analytics" || e.ErrorSource == "" || e.Message == "" {
		t.Errorf("incomplete OA error body: %s", r.body)
	}
	return e
}

// testSeed chooses the seed of a test's fault draws (a fresh one each run, or
// JP1_FAKE_SEED to replay one) and logs it, so a failure shows how to replay
// it. The same helper for other packages is fakejp1test.Seed.
func testSeed(t *testing.T) int64 {
	t.Helper()
	seed, err := ChooseSeed()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fault seed %d (replay: %s=%d go test -run '^%s$')", seed, SeedEnv, seed, t.Name())
	return seed
}
