package fakejp1

import (
	"net/http"
	"testing"
)

func TestUnknownPathAndMethod(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	r := c.do(http.MethodGet, "/im/api/v1/nothing", authIMAdmin, nil)
	e := r.wantIMError(t, http.StatusNotFound, "", 0)
	if e.Path != "/im/api/v1/nothing" {
		t.Errorf("path = %q", e.Path)
	}
	c.do(http.MethodGet, "/Analytics/v1/nothing", authAnalyticsAdmin, nil).wantAnalyticsError(t, http.StatusNotFound, "")

	r = c.do(http.MethodPatch, pathCreds+"/1", authAnalyticsAdmin, nil)
	r.wantAnalyticsError(t, http.StatusMethodNotAllowed, "")
	if got := r.header.Get("Allow"); got != "DELETE, GET, PUT" {
		t.Errorf("Allow = %q", got)
	}
	r = c.do(http.MethodGet, "/im/api/v1/login", "", nil)
	r.wantIMError(t, http.StatusMethodNotAllowed, "", 0)
	if got := r.header.Get("Allow"); got != "POST" {
		t.Errorf("Allow = %q", got)
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	s := New()
	tests := []struct {
		method, path string
		pattern      string // "" = no route
		known        bool
		id           string
	}{
		{http.MethodGet, "/Analytics/v1/objects/Credentials/42", pathAnalyticsCredential, true, "42"},
		{http.MethodPut, "/Analytics/v1/objects/Credentials/x", pathAnalyticsCredential, true, "x"},
		{http.MethodGet, "/Analytics/v1/objects/Credentials", pathAnalyticsCredentials, true, ""},
		{http.MethodPatch, "/Analytics/v1/objects/Credentials", "", true, ""},
		{http.MethodGet, "/Analytics/v1/objects/Credentials/1/extra", "", false, ""},
		{http.MethodPost, "/im/api/v1/proxyUsers", pathIMProxyUsers, true, ""},
		{http.MethodPost, "/im/api/v1/proxyusers", "", false, ""}, // paths are case-sensitive
		{http.MethodGet, "/", "", false, ""},
	}
	for _, tt := range tests {
		rt, known, id := s.match(tt.method, tt.path)
		pattern := ""
		if rt != nil {
			pattern = rt.pattern
		}
		if pattern != tt.pattern || known != tt.known || id != tt.id {
			t.Errorf("match(%s %s) = %q, %v, %q; want %q, %v, %q", tt.method, tt.path, pattern, known, id, tt.pattern, tt.known, tt.id)
		}
	}
}

func TestEveryRouteHasAHandler(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, rt := range New().routes {
		key := rt.method + " " + rt.pattern
		if rt.handler == nil || seen[key] {
			t.Errorf("route %s: nil handler or duplicate", key)
		}
		seen[key] = true
	}
}
