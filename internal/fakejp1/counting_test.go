package fakejp1

import (
	"maps"
	"net/http"
	"testing"
)

func TestEndpointKeys(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetProxyProcessingTime(0)
	s.PutCredential(Credential{Name: "x", CredentialType: CredentialTypeWMI})
	tok := c.login(IMAdminUser, IMAdminPassword) // POST /im/api/v1/login/
	requests := []struct {
		method, path string
		body         any
		auth         string
	}{
		{http.MethodPost, "/im/api/v1/logout/", nil, c.login(IMAdminUser, IMAdminPassword)},
		{http.MethodGet, "/im/api/version", nil, ""},
		{http.MethodPost, pathGenerate, map[string]string{"clientId": "a"}, tok},
		{http.MethodGet, pathList + "/", nil, tok},
		{http.MethodPost, pathDelete, map[string][]string{"clientIds": {"a"}}, tok},
		{http.MethodPost, pathProxy, proxyBody("list", "", ""), tok},
		{http.MethodPost, pathProxy, proxyBody("add", "u", "p"), tok},
		{http.MethodPost, pathProxy, proxyBody("rm", "u", ""), tok},
		{http.MethodPost, pathProxy, proxyBody("bogus", "", ""), tok},
		{http.MethodGet, "/im/api/v1/subManagers", nil, tok},
		{http.MethodGet, pathCreds, nil, authAnalyticsAdmin},
		{http.MethodGet, pathCreds + "/1", nil, authAnalyticsAdmin},
		{http.MethodPost, pathCreds, wmiBody("y"), authAnalyticsAdmin},
		{http.MethodPut, pathCreds + "/2", wmiBody("y"), authAnalyticsAdmin},
		{http.MethodDelete, pathCreds + "/2", nil, authAnalyticsAdmin},
		{http.MethodGet, "/Analytics/v1/configuration/version", nil, authAnalyticsAdmin},
		{http.MethodGet, "/no/such/path/", nil, ""},
		{http.MethodDelete, pathList, nil, tok},
	}
	for _, r := range requests {
		c.do(r.method, r.path, r.auth, r.body)
	}
	want := map[string]int{
		"POST /im/api/v1/login":                         2,
		"POST /im/api/v1/logout":                        1,
		"GET /im/api/version":                           1,
		"POST /im/api/v1/secret/client/generateInfo":    1,
		"GET /im/api/v1/secret/client/list":             1,
		"POST /im/api/v1/secret/client/deleteInfo":      1,
		"POST /im/api/v1/proxyUsers list":               1,
		"POST /im/api/v1/proxyUsers add":                1,
		"POST /im/api/v1/proxyUsers rm":                 1,
		"POST /im/api/v1/proxyUsers":                    1, // an invalid op has no op in its key
		"GET /im/api/v1/subManagers":                    1,
		"GET /Analytics/v1/objects/Credentials":         1,
		"GET /Analytics/v1/objects/Credentials/{id}":    1,
		"POST /Analytics/v1/objects/Credentials":        1,
		"PUT /Analytics/v1/objects/Credentials/{id}":    1,
		"DELETE /Analytics/v1/objects/Credentials/{id}": 1,
		"GET /Analytics/v1/configuration/version":       1,
		"GET /no/such/path":                             1,
		"DELETE /im/api/v1/secret/client/list":          1,
	}
	if got := s.Counts(); !maps.Equal(got, want) {
		t.Errorf("Counts() =\n%v\nwant\n%v", got, want)
	}
	if s.TotalRequests() != 20 {
		t.Errorf("TotalRequests() = %d, want 20", s.TotalRequests())
	}

	s.ResetCounts()
	if len(s.Counts()) != 0 || s.TotalRequests() != 0 || s.Logins() != 0 {
		t.Errorf("after ResetCounts: %v, %+v", s.Counts(), s.Stats())
	}
}

func TestCountsAreCopies(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	c.do(http.MethodGet, "/im/api/version", "", nil)
	got := s.Counts()
	got["GET /im/api/version"] = 99
	if s.Count("GET /im/api/version") != 1 {
		t.Error("Counts() must return a copy")
	}
}
