package fakejp1

import (
	"maps"
	"testing"
)

// Every route is classified, and only lists, reads, logins, logouts and
// version calls are not writes.
func TestIsWriteEndpoint(t *testing.T) {
	t.Parallel()
	reads := map[string]bool{
		"POST /im/api/v1/login":                      true,
		"POST /im/api/v1/logout":                     true,
		"GET /im/api/version":                        true,
		"GET /im/api/v1/secret/client/list":          true,
		"POST /im/api/v1/proxyUsers list":            true,
		"GET /im/api/v1/subManagers":                 true,
		"GET /Analytics/v1/objects/Credentials":      true,
		"GET /Analytics/v1/objects/Credentials/{id}": true,
		"GET /Analytics/v1/configuration/version":    true,
	}
	s := New()
	for _, rt := range s.routes {
		keys := []string{rt.method + " " + rt.pattern}
		if rt.pattern == pathIMProxyUsers {
			keys = []string{keys[0] + " list", keys[0] + " add", keys[0] + " rm", keys[0]}
		}
		for _, k := range keys {
			if got, want := IsWriteEndpoint(k), !reads[k]; got != want {
				t.Errorf("IsWriteEndpoint(%q) = %v, want %v", k, got, want)
			}
		}
	}
	counts := map[string]int{"GET /im/api/version": 3, "POST /im/api/v1/proxyUsers add": 1, "DELETE /Analytics/v1/objects/Credentials/{id}": 0}
	if got, want := WriteCounts(counts), map[string]int{"POST /im/api/v1/proxyUsers add": 1}; !maps.Equal(got, want) {
		t.Errorf("WriteCounts = %v, want %v", got, want)
	}
}
