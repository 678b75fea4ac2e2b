package fakejp1

import (
	"net/http"
	"testing"
)

func TestControlEndpoints(t *testing.T) {
	s, c := newTestServer(t)
	c.do(http.MethodGet, "/im/api/version", "", nil)
	c.login(IMAdminUser, IMAdminPassword)

	var counts map[string]int
	c.do(http.MethodGet, "/_fake/counts", "", nil).decode(t, &counts)
	if counts["GET /im/api/version"] != 1 || counts["POST /im/api/v1/login"] != 1 || len(counts) != 2 {
		t.Errorf("/_fake/counts = %v", counts)
	}
	var st Stats
	c.do(http.MethodGet, "/_fake/stats", "", nil).decode(t, &st)
	if st != (Stats{TotalRequests: 2, Logins: 1}) {
		t.Errorf("/_fake/stats = %+v", st)
	}

	c.do(http.MethodPost, "/_fake/reset-counts", "", nil).wantStatus(t, http.StatusNoContent)
	if s.TotalRequests() != 0 || len(s.Counts()) != 0 {
		t.Errorf("reset-counts left %v", s.Counts())
	}
	c.do(http.MethodGet, "/_fake/reset-counts", "", nil).wantStatus(t, http.StatusMethodNotAllowed)
	c.do(http.MethodPost, "/_fake/counts", "", nil).wantStatus(t, http.StatusMethodNotAllowed)
	c.do(http.MethodGet, "/_fake/nothing", "", nil).wantStatus(t, http.StatusNotFound)
	if s.TotalRequests() != 0 {
		t.Error("control requests must not be counted")
	}
}
