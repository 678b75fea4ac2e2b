package fakejp1

import (
	"maps"
	"net/http"
	"slices"
	"testing"
)

func TestCredentialStateAccess(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	id := s.PutCredential(Credential{Name: "a", CredentialType: CredentialTypeSSH, UserID: new("u"), Password: new("p")})
	if id != 1 {
		t.Fatalf("first id = %d", id)
	}
	// Explicit IDs are kept and later IDs go past them.
	if got := s.PutCredential(Credential{InstanceID: 10, Name: "b", CredentialType: CredentialTypeWMI}); got != 10 {
		t.Errorf("explicit id = %d", got)
	}
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, wmiBody("c")).wantStatus(t, http.StatusCreated)
	if _, ok := s.CredentialByName("c"); !ok || s.Credentials()[2].InstanceID != 11 {
		t.Errorf("created after explicit id: %+v", s.Credentials())
	}

	// Returned values are deep copies.
	got, _ := s.Credential(1)
	*got.UserID = "changed"
	list := s.Credentials()
	*list[0].Password = "changed"
	if again, _ := s.Credential(1); deref(again.UserID) != "u" || deref(again.Password) != "p" {
		t.Errorf("state shared pointers with a caller: %+v", again)
	}

	// Out-of-band change is what the API then shows (drift).
	got, _ = s.Credential(1)
	got.UserID = new("drifted")
	s.PutCredential(got)
	s.SetRelatedResources(1, 4)
	m := decodeMap(t, c.do(http.MethodGet, pathCreds+"/1", authAnalyticsAdmin, nil))
	if m["userId"] != "drifted" || m["numOfRelatedResources"] != 4.0 {
		t.Errorf("GET after out-of-band change: %v", m)
	}

	if !s.DeleteCredential(1) || s.DeleteCredential(1) {
		t.Error("DeleteCredential should succeed once")
	}
	if _, ok := s.Credential(1); ok {
		t.Error("deleted credential still present")
	}
	if _, ok := s.CredentialByName("nope"); ok {
		t.Error("CredentialByName found a ghost")
	}
	s.SetRelatedResources(99, 1) // unknown: no effect, no panic
}

func TestIMStateAccess(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	sec := s.PutIMClient("MANAGER_INTEGRATED_host1")
	if got, ok := s.IMClientSecret("MANAGER_INTEGRATED_host1"); !ok || got != sec || len(sec) != 43 {
		t.Errorf("PutIMClient secret %q, stored %q", sec, got)
	}
	if sec2 := s.PutIMClient("MANAGER_INTEGRATED_host1"); sec2 == sec {
		t.Error("PutIMClient must register a fresh secret")
	}
	if !s.DeleteIMClient("MANAGER_INTEGRATED_host1") || s.DeleteIMClient("MANAGER_INTEGRATED_host1") {
		t.Error("DeleteIMClient should succeed once")
	}
	if _, ok := s.IMClientSecret("MANAGER_INTEGRATED_host1"); ok {
		t.Error("deleted client still present")
	}

	s.PutProxyUser("u1", "p1")
	users := s.ProxyUsers()
	users["u2"] = "x"
	if !maps.Equal(s.ProxyUsers(), map[string]string{"u1": "p1"}) {
		t.Errorf("ProxyUsers() must return a copy: %v", s.ProxyUsers())
	}
	var list struct {
		UserIDList []string `json:"userIdList"`
	}
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", "")).decode(t, &list)
	if !slices.Equal(list.UserIDList, []string{"u1"}) {
		t.Errorf("API list after PutProxyUser: %v", list.UserIDList)
	}
	if !s.DeleteProxyUser("u1") || s.DeleteProxyUser("u1") {
		t.Error("DeleteProxyUser should succeed once")
	}
	if _, ok := s.ProxyPassword("u1"); ok {
		t.Error("deleted proxy user still present")
	}
}
