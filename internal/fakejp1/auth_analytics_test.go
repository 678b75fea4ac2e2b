package fakejp1

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

const pathCreds = "/Analytics/v1/objects/Credentials"

// hsso returns the token of the WWW-Authenticate: HSSO header.
func hsso(t *testing.T, r testResponse) string {
	t.Helper()
	v := r.header.Get("WWW-Authenticate")
	tok, ok := strings.CutPrefix(v, "HSSO ")
	if !ok || tok == "" {
		t.Fatalf("WWW-Authenticate = %q, want HSSO <token>", v)
	}
	return tok
}

func TestAnalyticsBasicAndHSSO(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	r := c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil)
	r.wantStatus(t, http.StatusOK)
	tok := hsso(t, r)

	r = c.do(http.MethodGet, pathCreds, "HSSO "+tok, nil)
	r.wantStatus(t, http.StatusOK)
	if got := hsso(t, r); got != tok {
		t.Errorf("HSSO request answered with token %q, want the same %q", got, tok)
	}
	r = c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil)
	if hsso(t, r) == tok {
		t.Error("a Basic request should mint a new token")
	}
}

// Tests prove re-authentication with these counters.
func TestAnalyticsAuthenticationCounters(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	tok := hsso(t, c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil))
	c.do(http.MethodGet, pathCreds, "HSSO "+tok, nil).wantStatus(t, http.StatusOK)
	c.do(http.MethodGet, pathCreds, "HSSO "+tok, nil).wantStatus(t, http.StatusOK)
	s.ExpireAnalyticsTokens()
	c.do(http.MethodGet, pathCreds, "HSSO "+tok, nil).wantStatus(t, http.StatusUnauthorized)
	c.do(http.MethodGet, pathCreds, "HSSO never-issued", nil).wantStatus(t, http.StatusUnauthorized)
	st := s.Stats()
	if st.AnalyticsBasicAuths != 1 || st.AnalyticsHSSOAuths != 2 || st.AnalyticsTokensRefused != 2 {
		t.Errorf("Basic %d, HSSO %d, refused %d; want 1, 2, 2", st.AnalyticsBasicAuths, st.AnalyticsHSSOAuths, st.AnalyticsTokensRefused)
	}
	s.ResetCounts()
	if st := s.Stats(); st.AnalyticsBasicAuths+st.AnalyticsHSSOAuths+st.AnalyticsTokensRefused != 0 {
		t.Errorf("ResetCounts left %+v", st)
	}
}

func TestAnalyticsAuthFailures(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	tok := hsso(t, c.do(http.MethodGet, pathAnalyticsVersion, authAnalyticsAdmin, nil))
	for name, auth := range map[string]string{
		"none":            "",
		"wrong password":  basic(AnalyticsAdminUser, "wrong"),
		"unknown user":    basic("ghost", "x"),
		"unknown token":   "HSSO nope",
		"bearer":          "Bearer " + tok,
		"IM user":         basic(IMAdminUser, IMAdminPassword),
		"malformed basic": "Basic !!!",
	} {
		t.Run(name, func(t *testing.T) {
			r := c.do(http.MethodGet, pathCreds, auth, nil)
			r.wantAnalyticsError(t, http.StatusUnauthorized, msgAnalyticsUnauthorized)
			if strings.HasPrefix(r.header.Get("WWW-Authenticate"), "HSSO") {
				t.Error("a 401 must not hand out a token")
			}
		})
	}
	s.ExpireAnalyticsTokens()
	c.do(http.MethodGet, pathCreds, "HSSO "+tok, nil).wantAnalyticsError(t, http.StatusUnauthorized, msgAnalyticsUnauthorized)
}

func TestAnalyticsTokenLifetime(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	now := time.Now()
	s.mu.Lock()
	s.now = func() time.Time { return now }
	s.mu.Unlock()
	tok := hsso(t, c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil))

	s.mu.Lock()
	s.now = func() time.Time { return now.Add(999 * time.Second) }
	s.mu.Unlock()
	c.do(http.MethodGet, pathCreds, "HSSO "+tok, nil).wantStatus(t, http.StatusOK)

	s.mu.Lock()
	s.now = func() time.Time { return now.Add(1000 * time.Second) } // DOC: valid for 1,000 s
	s.mu.Unlock()
	c.do(http.MethodGet, pathCreds, "HSSO "+tok, nil).wantAnalyticsError(t, http.StatusUnauthorized, msgAnalyticsUnauthorized)
	// Basic still works and falls back cleanly.
	c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil).wantStatus(t, http.StatusOK)

	s.mu.Lock()
	s.now = time.Now
	s.mu.Unlock()
	tok = hsso(t, c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil))
	s.SetAnalyticsTokenLifetime(time.Nanosecond)
	c.do(http.MethodGet, pathCreds, "HSSO "+tok, nil).wantAnalyticsError(t, http.StatusUnauthorized, msgAnalyticsUnauthorized)
}

func TestAnalyticsPermissions(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	id := s.PutCredential(Credential{Name: "x", CredentialType: CredentialTypeWMI})
	one := pathCreds + "/" + itoa64(id)
	for _, req := range []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, pathCreds, nil},
		{http.MethodGet, one, nil},
		{http.MethodPost, pathCreds, wmiBody("y")},
		{http.MethodPut, one, wmiBody("x")},
		{http.MethodDelete, one, nil},
	} {
		r := c.do(req.method, req.path, authAnalyticsUser, req.body)
		r.wantAnalyticsError(t, http.StatusForbidden, msgAnalyticsForbidden)
		hsso(t, r) // authentication itself succeeded
	}
	if len(s.Credentials()) != 1 {
		t.Errorf("forbidden calls changed state: %+v", s.Credentials())
	}
	// Any authenticated user may read the version.
	c.do(http.MethodGet, pathAnalyticsVersion, authAnalyticsUser, nil).wantStatus(t, http.StatusOK)
	s.AddAnalyticsUser("admin2", "pw", true)
	c.do(http.MethodGet, pathCreds, basic("admin2", "pw"), nil).wantStatus(t, http.StatusOK)
}

func TestAnalyticsTokenTableIsBounded(t *testing.T) {
	t.Parallel()
	s := New()
	s.SetAnalyticsTokenLifetime(time.Nanosecond) // every token is expired at once
	for range minAnalyticsSweep + 10 {
		s.mu.Lock()
		_, _, ok := s.analyticsCaller(mustRequest(authAnalyticsAdmin))
		s.mu.Unlock()
		if !ok {
			t.Fatal("Basic auth failed")
		}
	}
	s.mu.Lock()
	n := len(s.analyticsTokens)
	s.mu.Unlock()
	if n > minAnalyticsSweep {
		t.Errorf("%d tokens kept, want at most %d", n, minAnalyticsSweep)
	}
}

func mustRequest(auth string) *http.Request {
	r, _ := http.NewRequest(http.MethodGet, "http://fake"+pathCreds, nil)
	r.Header.Set("Authorization", auth)
	return r
}
