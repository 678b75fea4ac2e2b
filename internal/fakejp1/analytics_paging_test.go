package fakejp1

import (
	"fmt"
	"net/http"
	"testing"
)

type listPage struct {
	Data       []map[string]any `json:"data"`
	Count      int              `json:"count"`
	Pagination *pagination      `json:"pagination"`
}

func seedCredentials(s *Server, n int) {
	for i := range n {
		s.PutCredential(Credential{Name: fmt.Sprintf("cred-%03d", i), CredentialType: CredentialTypeSNMP,
			SNMPVersion: new(SNMPVersionV1V2C), Community: new("public")})
	}
}

func TestAnalyticsListPaging(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	seedCredentials(s, 250)

	var p listPage
	c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil).decode(t, &p)
	if len(p.Data) != defaultPageSize || p.Count != defaultPageSize || p.Pagination != nil {
		t.Errorf("unpaged list: %d items, count %d, pagination %+v; want the first 100 without pagination",
			len(p.Data), p.Count, p.Pagination)
	}
	if p.Data[0]["instanceID"] != 1.0 || p.Data[99]["instanceID"] != 100.0 {
		t.Errorf("unpaged list is not the first 100 by instanceID")
	}

	seen := map[float64]bool{}
	for page, want := range map[int]int{1: 100, 2: 100, 3: 50, 4: 0} {
		var p listPage
		c.do(http.MethodGet, fmt.Sprintf("%s?page=%d&pageSize=100", pathCreds, page), authAnalyticsAdmin, nil).decode(t, &p)
		wantPg := pagination{Page: page, PageSize: 100, NumPages: 3, TotalCount: 250}
		if len(p.Data) != want || p.Count != want || p.Pagination == nil || *p.Pagination != wantPg {
			t.Errorf("page %d: %d items, count %d, pagination %+v", page, len(p.Data), p.Count, p.Pagination)
		}
		for _, d := range p.Data {
			seen[d["instanceID"].(float64)] = true
		}
	}
	if len(seen) != 250 {
		t.Errorf("paging returned %d distinct credentials, want 250", len(seen))
	}

	// Either parameter turns paging on.
	c.do(http.MethodGet, pathCreds+"?pageSize=30", authAnalyticsAdmin, nil).decode(t, &p)
	if len(p.Data) != 30 || *p.Pagination != (pagination{1, 30, 9, 250}) {
		t.Errorf("pageSize only: %d items, %+v", len(p.Data), p.Pagination)
	}
	c.do(http.MethodGet, pathCreds+"?page=3", authAnalyticsAdmin, nil).decode(t, &p)
	if len(p.Data) != 50 || *p.Pagination != (pagination{3, 100, 3, 250}) {
		t.Errorf("page only: %d items, %+v", len(p.Data), p.Pagination)
	}
}

func TestAnalyticsListEmptyAndInvalidPaging(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	r := c.do(http.MethodGet, pathCreds+"?page=1&pageSize=10", authAnalyticsAdmin, nil)
	var p listPage
	r.decode(t, &p)
	if p.Data == nil || len(p.Data) != 0 || *p.Pagination != (pagination{1, 10, 1, 0}) {
		t.Errorf("empty paged list: %s", r.body)
	}
	for _, q := range []string{"page=0", "page=-1", "page=x", "pageSize=0", "pageSize=", "page=1&pageSize=1.5"} {
		c.do(http.MethodGet, pathCreds+"?"+q, authAnalyticsAdmin, nil).wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsInvalid)
	}
}

func TestAnalyticsListHidesSecrets(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, validV3Priv).wantStatus(t, http.StatusCreated)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, with(validSSH, "name", "ssh", "rootPassword", b64("r"), "updateRootPassword", true)).
		wantStatus(t, http.StatusCreated)
	if len(s.Credentials()) != 2 {
		t.Fatal("setup failed")
	}
	var p listPage
	c.do(http.MethodGet, pathCreds, authAnalyticsAdmin, nil).decode(t, &p)
	for _, d := range p.Data {
		for _, secret := range []string{"password", "rootPassword", "authenticationPassphrase", "privacyPassphrase"} {
			if _, ok := d[secret]; ok {
				t.Errorf("list shows %s: %v", secret, d)
			}
		}
	}
}
