package fakejp1

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

const keyGenerate = "POST /im/api/v1/secret/client/generateInfo"

func TestFaultRespondIM(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.AddFault(Fault{Endpoint: keyGenerate, Status: http.StatusServiceUnavailable, MessageID: msgClientIssueFailed,
		RetryAfter: "2", Times: 1})
	r := c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": "a"})
	e := r.wantIMError(t, http.StatusServiceUnavailable, msgClientIssueFailed, 0)
	if r.header.Get("Retry-After") != "2" || e.Message != messageText(msgClientIssueFailed) || e.Path != pathGenerate {
		t.Errorf("fault answer: headers %v body %s", r.header, r.body)
	}
	if len(s.IMClientIDs()) != 0 {
		t.Error("a FaultRespond must not change state")
	}
	// Times: 1 — the next request is served normally.
	c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": "a"}).wantStatus(t, http.StatusOK)
	if s.Count(keyGenerate) != 2 || s.FaultsInjected() != 1 {
		t.Errorf("Count = %d, FaultsInjected = %d, want 2, 1", s.Count(keyGenerate), s.FaultsInjected())
	}
}

func TestFaultRespondDefaults(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	// Default status 500; proxyUsers messageIds get their documented returnCode;
	// an endpoint without op hits every proxyUsers operation.
	s.AddFault(Fault{Endpoint: "POST /im/api/v1/proxyUsers", MessageID: msgProxyLocked})
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", "")).
		wantIMError(t, http.StatusInternalServerError, msgProxyLocked, rcExclusiveLock)
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("add", "u", "p")).
		wantIMError(t, http.StatusInternalServerError, msgProxyLocked, rcExclusiveLock)
	s.ClearFaults()
	// A returnCode of the fault's own: 255 (system error), or none at all.
	s.AddFault(Fault{Endpoint: "POST /im/api/v1/proxyUsers", MessageID: msgProxyUpdateFailed, ReturnCode: RCSystemError, Times: 1})
	s.AddFault(Fault{Endpoint: "POST /im/api/v1/proxyUsers", MessageID: msgProxyLocked, ReturnCode: RCNone, Times: 1})
	s.AddFault(Fault{Endpoint: "POST /im/api/v1/proxyUsers", MessageID: msgProxyUpdateFailed, Times: 1})
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", "")).
		wantIMError(t, http.StatusInternalServerError, msgProxyUpdateFailed, RCSystemError)
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", "")).
		wantIMError(t, http.StatusInternalServerError, msgProxyLocked, 0)
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", "")).
		wantIMError(t, http.StatusInternalServerError, msgProxyUpdateFailed, rcUpdateFailed)

	// OA paths get the OA error shape; an unknown messageId still gets a message.
	s.AddFault(Fault{Endpoint: "GET /Analytics/v1/objects/Credentials/{id}", Status: http.StatusPreconditionFailed, MessageID: "KNAQ99999-E"})
	r := c.do(http.MethodGet, pathCreds+"/7", authAnalyticsAdmin, nil)
	e := r.wantAnalyticsError(t, http.StatusPreconditionFailed, "KNAQ99999-E")
	if e.ErrorSource != pathCreds+"/7" {
		t.Errorf("errorSource = %q", e.ErrorSource)
	}
	// Other endpoints are not hit.
	c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil).wantStatus(t, http.StatusOK)
}

func TestFaultRawBody(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.AddFault(Fault{Endpoint: "GET /im/api/version", Status: http.StatusBadGateway, Body: "<html>proxy error</html>"})
	s.AddFault(Fault{Endpoint: "GET /Analytics/v1/configuration/version", Status: http.StatusTooManyRequests,
		Body: `{"message":"slow down"}`, RetryAfter: "1"})
	s.AddFault(Fault{Endpoint: pathIMLoginKey, Status: http.StatusServiceUnavailable, Body: "busy", ContentType: "text/html"})

	r := c.do(http.MethodGet, "/im/api/version", "", nil)
	if r.status != http.StatusBadGateway || string(r.body) != "<html>proxy error</html>" ||
		r.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("raw body fault: %d %v %s", r.status, r.header, r.body)
	}
	r = c.do(http.MethodGet, "/Analytics/v1/configuration/version", authAnalyticsAdmin, nil)
	if r.status != http.StatusTooManyRequests || r.header.Get("Content-Type") != "application/json" || r.header.Get("Retry-After") != "1" {
		t.Errorf("JSON raw body fault: %d %v %s", r.status, r.header, r.body)
	}
	r = c.do(http.MethodPost, "/im/api/v1/login", "", map[string]string{"user": "a", "password": "b"})
	if r.header.Get("Content-Type") != "text/html" {
		t.Errorf("ContentType override: %v", r.header)
	}
}

const pathIMLoginKey = "POST /im/api/v1/login"

// noRetryClient sends each request on a fresh connection, so the transport
// never silently replays a request whose connection was dropped.
func noRetryClient(c *testClient) *testClient {
	return &testClient{t: c.t, base: c.base, hc: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}}
}

func TestFaultDropBefore(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.AddFault(Fault{Endpoint: keyGenerate, Mode: FaultDropBefore, Times: 1})
	if err := sendExpectingDrop(noRetryClient(c), http.MethodPost, pathGenerate, `{"clientId":"a"}`, authIMAdmin); err != nil {
		t.Fatal(err)
	}
	if len(s.IMClientIDs()) != 0 {
		t.Error("drop before must not apply the change")
	}
	if s.Count(keyGenerate) != 1 || s.FaultsInjected() != 1 {
		t.Errorf("a dropped request must still be counted: Count %d, FaultsInjected %d", s.Count(keyGenerate), s.FaultsInjected())
	}
	c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": "a"}).wantStatus(t, http.StatusOK)
}

func TestFaultDropAfter(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.AddFault(Fault{Endpoint: "POST /Analytics/v1/objects/Credentials", Mode: FaultDropAfter, Times: 1})
	body := `{"name":"n","credentialType":"WMI","userId":"u","passwordNotRequired":true}`
	if err := sendExpectingDrop(noRetryClient(c), http.MethodPost, pathCreds, body, authAnalyticsAdmin); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.CredentialByName("n"); !ok {
		t.Fatal("drop after must apply the change")
	}
	// The retry that follows a lost answer sees the conflict.
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, body).wantAnalyticsError(t, http.StatusConflict, msgAnalyticsConflict)

	// Drop after on proxyUsers: the change is applied under the lock, then the answer is lost.
	s.AddFault(Fault{Endpoint: "POST /im/api/v1/proxyUsers add", Mode: FaultDropAfter})
	if err := sendExpectingDrop(noRetryClient(c), http.MethodPost, pathProxy, `{"op":"add","id":"u","pw":"p"}`, authIMAdmin); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.ProxyPassword("u"); !ok {
		t.Error("drop after on proxyUsers add did not apply the change")
	}
}

// sendExpectingDrop sends a request and fails unless the connection is
// closed without an answer.
func sendExpectingDrop(c *testClient, method, path, body, auth string) error {
	req, _ := http.NewRequest(method, c.base+path, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", auth)
	res, err := c.hc.Do(req)
	if err == nil {
		res.Body.Close()
		return &unexpectedAnswer{res.StatusCode}
	}
	return nil
}

type unexpectedAnswer struct{ status int }

func (u *unexpectedAnswer) Error() string {
	return "got an answer (" + http.StatusText(u.status) + "), want a dropped connection"
}

func TestFaultDropWithoutHijackerAborts(t *testing.T) {
	t.Parallel()
	s := New()
	s.AddFault(Fault{Mode: FaultDropBefore})
	defer func() {
		if r := recover(); r != http.ErrAbortHandler {
			t.Errorf("recover() = %v, want http.ErrAbortHandler", r)
		}
	}()
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/im/api/version", nil))
}

func TestFaultMatchingAndLifetime(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	id := s.AddFault(Fault{Status: http.StatusTeapot}) // "" hits every endpoint
	c.do(http.MethodGet, "/im/api/version", "", nil).wantStatus(t, http.StatusTeapot)
	c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil).wantStatus(t, http.StatusTeapot)
	if !s.RemoveFault(id) || s.RemoveFault(id) {
		t.Error("RemoveFault should succeed once")
	}
	c.do(http.MethodGet, "/im/api/version", "", nil).wantStatus(t, http.StatusOK)

	// Faults are tried in order; an exhausted one gives way to the next.
	s.AddFault(Fault{Endpoint: "GET /im/api/version", Status: http.StatusBadGateway, Times: 2})
	s.AddFault(Fault{Endpoint: "GET /im/api/version", Status: http.StatusGatewayTimeout, Times: 1})
	for _, want := range []int{502, 502, 504, 200} {
		c.do(http.MethodGet, "/im/api/version", "", nil).wantStatus(t, want)
	}

	// Control endpoints are never faulted or counted.
	s.AddFault(Fault{Status: http.StatusTeapot})
	if r := c.do(http.MethodGet, "/_fake/counts", "", nil); r.status != http.StatusOK {
		t.Errorf("/_fake/counts faulted: %d", r.status)
	}
	s.ClearFaults()
	c.do(http.MethodGet, "/im/api/version", "", nil).wantStatus(t, http.StatusOK)
}

func TestFaultProbability(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	seed := testSeed(t)
	s.AddFault(Fault{Endpoint: "GET /im/api/version", Status: http.StatusServiceUnavailable, Probability: 0.5, Seed: seed})
	const n = 200
	hit := 0
	for range n {
		if c.do(http.MethodGet, "/im/api/version", "", nil).status == http.StatusServiceUnavailable {
			hit++
		}
	}
	if hit < n/5 || hit > n*4/5 || s.FaultsInjected() != hit {
		t.Errorf("seed %d: probability 0.5 hit %d of %d (FaultsInjected %d)", seed, hit, n, s.FaultsInjected())
	}
}

// A mix hits the same share of every endpoint, however many of its faults
// match there, and only ever with faults that match.
func TestFaultMixHitsOneShareEverywhere(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	seed := testSeed(t)
	s.AddFaultMix(seed, 0.3,
		Fault{Status: http.StatusServiceUnavailable},
		Fault{Status: http.StatusPreconditionFailed},
		Fault{Endpoint: "GET /im/api/version", Status: http.StatusTeapot},
	)
	const n = 400
	for _, ep := range []struct {
		path, auth string
		allowed    map[int]bool
	}{
		{"/im/api/version", "", map[int]bool{503: true, 412: true, 418: true}},
		{pathCreds, authAnalyticsAdmin, map[int]bool{503: true, 412: true}},
	} {
		hit := 0
		for range n {
			st := c.do(http.MethodGet, ep.path, ep.auth, nil).status
			switch {
			case st == http.StatusOK:
			case ep.allowed[st]:
				hit++
			default:
				t.Fatalf("seed %d: %s: status %d from a fault that does not match it", seed, ep.path, st)
			}
		}
		// 0.3 ± 4 standard deviations of a binomial of 400
		if hit < 90 || hit > 150 {
			t.Errorf("seed %d: %s: the mix hit %d of %d requests, want about 120", seed, ep.path, hit, n)
		}
	}
	if s.FaultsInjected() == 0 {
		t.Error("FaultsInjected did not count the mix")
	}
}

// MaxPerRequest bounds how often a fault hits one request (method, path and
// body), alone or in a mix: the retries of one call never meet it more often.
func TestFaultMaxPerRequest(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.AddFault(Fault{Endpoint: keyGenerate, MessageID: msgClientIssueFailed, MaxPerRequest: 2})
	issue := func(id string) int {
		return c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": id}).status
	}
	for i, want := range []int{500, 500, 200} {
		if got := issue("a"); got != want {
			t.Errorf("request %d for a: status %d, want %d", i+1, got, want)
		}
	}
	if got := issue("b"); got != 500 {
		t.Errorf("first request for b: status %d, want 500 (another request)", got)
	}
	s.ClearFaults()
	// In a mix that hits every request, the bounded fault gives way to the others.
	s.AddFaultMix(0, 1, // probability 1: the seed only picks among the faults
		Fault{Endpoint: keyGenerate, MessageID: msgClientIssueFailed, MaxPerRequest: 2},
		Fault{Status: http.StatusServiceUnavailable})
	statuses := map[int]int{}
	for range 50 {
		statuses[issue("c")]++
	}
	if statuses[500] != 2 || statuses[503] != 48 {
		t.Errorf("statuses %v, want exactly 2 × 500 and 48 × 503", statuses)
	}
}

func TestFaultModeString(t *testing.T) {
	t.Parallel()
	for m, want := range map[FaultMode]string{FaultRespond: "respond", FaultDropBefore: "drop-before", FaultDropAfter: "drop-after", 9: "FaultMode(?)"} {
		if m.String() != want {
			t.Errorf("%d.String() = %q", m, m.String())
		}
	}
}

// The same seed hits the same arrivals of the same requests, in whatever order
// the requests come: a failed run replays from its seed.
func TestFaultDrawsReplayBySeed(t *testing.T) {
	t.Parallel()
	seed := testSeed(t)
	outcomes := func(reverse bool) map[string]int {
		s := New()
		s.AddFaultMix(seed, 0.5, Fault{Status: 503}, Fault{Status: 412})
		s.AddFault(Fault{Status: 418, Probability: 0.5, Seed: seed})
		got := map[string]int{}
		for i := range 100 {
			if reverse {
				i = 99 - i
			}
			request := fmt.Sprintf("GET /im/api/version %d", i%20)
			s.mu.Lock()
			f := s.pickFault("GET /im/api/version", request)
			s.mu.Unlock()
			if f != nil {
				got[request] = got[request]*1000 + f.Status
			}
		}
		return got
	}
	if a, b := outcomes(false), outcomes(true); !reflect.DeepEqual(a, b) {
		t.Errorf("seed %d: the draws depend on the order of the requests:\n%v\n%v", seed, a, b)
	}
}
