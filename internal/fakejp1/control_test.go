package fakejp1

import (
	"net/http"
	"testing"
)

func TestControlEndpoints(t *testing.T) {
	t.Parallel()
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

// The state endpoints do what only JP1 itself can: mark a credential in use,
// register a system client ID.
func TestControlStateEndpoints(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	id := s.PutCredential(Credential{Name: "c", CredentialType: "SSH"})
	c.do(http.MethodPost, "/_fake/related-resources", "", map[string]int64{"instanceID": id, "numOfRelatedResources": 3}).
		wantStatus(t, http.StatusNoContent)
	if got, _ := s.Credential(id); got.NumOfRelatedResources != 3 {
		t.Errorf("numOfRelatedResources = %d, want 3", got.NumOfRelatedResources)
	}
	c.do(http.MethodPost, "/_fake/related-resources", "", map[string]int64{"instanceID": id + 1, "numOfRelatedResources": 1}).
		wantStatus(t, http.StatusNotFound)
	for _, body := range []string{`{"instanceID": 1}`, `{"instanceID": 1, "numOfRelatedResources": -1}`, `{"instanceId": 1, "numOfRelatedResources": 1}`} {
		c.do(http.MethodPost, "/_fake/related-resources", "", body).wantStatus(t, http.StatusBadRequest)
	}

	for _, id := range []string{"AGENT_host1", "MANAGER_INTEGRATED_host2"} {
		c.do(http.MethodPost, "/_fake/system-client", "", map[string]string{"clientId": id}).wantStatus(t, http.StatusNoContent)
	}
	for _, id := range []string{"tool", "AGENT_", "MANAGER_a:b"} {
		c.do(http.MethodPost, "/_fake/system-client", "", map[string]string{"clientId": id}).wantStatus(t, http.StatusBadRequest)
	}
	if got := s.IMClientIDs(); len(got) != 2 || got[0] != "AGENT_host1" || got[1] != "MANAGER_INTEGRATED_host2" {
		t.Errorf("client IDs = %v", got)
	}
	c.do(http.MethodGet, "/_fake/system-client", "", nil).wantStatus(t, http.StatusMethodNotAllowed)
	if s.TotalRequests() != 0 {
		t.Error("control requests must not be counted")
	}
}
