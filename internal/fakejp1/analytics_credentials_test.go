package fakejp1

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func wmiBody(name string) map[string]any {
	return map[string]any{
		"name": name, "credentialType": "WMI", "userId": "Administrator",
		"password": b64("wmi-secret"), "updatePassword": true,
	}
}

// decodeMap decodes an answer into a generic map, to see exactly which
// members are present.
func decodeMap(t *testing.T, r testResponse) map[string]any {
	t.Helper()
	var m map[string]any
	r.decode(t, &m)
	return m
}

func wantMembers(t *testing.T, got map[string]any, want map[string]any) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("members = %v, want %v", got, want)
	}
	for k, v := range want {
		gj, _ := json.Marshal(got[k])
		wj, _ := json.Marshal(v)
		if string(gj) != string(wj) {
			t.Errorf("%s = %s, want %s", k, gj, wj)
		}
	}
}

func TestAnalyticsCreateGetDelete(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	r := c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, wmiBody("win01"))
	r.wantStatus(t, http.StatusCreated)
	hsso(t, r)
	got := decodeMap(t, r)
	want := map[string]any{
		"instanceID": 1, "name": "win01", "credentialType": "WMI", "userId": "Administrator",
		"passwordNotRequired": false, "numOfRelatedResources": 0,
	}
	wantMembers(t, got, want)
	if loc := r.header.Get("Location"); loc != pathCreds+"/1" {
		t.Errorf("Location = %q", loc)
	}
	stored, ok := s.CredentialByName("win01")
	if !ok || deref(stored.Password) != "wmi-secret" || stored.InstanceID != 1 {
		t.Errorf("stored = %+v (password must be stored decoded)", stored)
	}

	r = c.do(http.MethodGet, pathCreds+"/1", authAnalyticsAdmin, nil)
	r.wantStatus(t, http.StatusOK)
	wantMembers(t, decodeMap(t, r), want)

	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, wmiBody("win01")).wantAnalyticsError(t, http.StatusConflict, msgAnalyticsConflict)

	r = c.do(http.MethodDelete, pathCreds+"/1", authAnalyticsAdmin, nil)
	r.wantStatus(t, http.StatusNoContent)
	if len(r.body) != 0 {
		t.Errorf("delete body = %q", r.body)
	}
	c.do(http.MethodDelete, pathCreds+"/1", authAnalyticsAdmin, nil).wantAnalyticsError(t, http.StatusNotFound, msgAnalyticsNotFound)
	c.do(http.MethodGet, pathCreds+"/1", authAnalyticsAdmin, nil).wantAnalyticsError(t, http.StatusNotFound, msgAnalyticsNotFound)
	c.do(http.MethodGet, pathCreds+"/abc", authAnalyticsAdmin, nil).wantAnalyticsError(t, http.StatusNotFound, msgAnalyticsNotFound)
	c.do(http.MethodGet, pathCreds+"/-1", authAnalyticsAdmin, nil).wantAnalyticsError(t, http.StatusNotFound, msgAnalyticsNotFound)

	// IDs are not reused.
	r = c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, wmiBody("win01"))
	r.wantStatus(t, http.StatusCreated)
	if decodeMap(t, r)["instanceID"] != 2.0 {
		t.Errorf("second create: %s", r.body)
	}
}

func TestAnalyticsGetShowsOnlyApplicableMembers(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	tests := []struct {
		name string
		body map[string]any
		want map[string]any
	}{
		{"SSH", map[string]any{"name": "ssh", "credentialType": "SSH", "userId": "root", "password": b64("p"),
			"updatePassword": true, "portNumber": 2222, "rootPassword": b64("r"), "updateRootPassword": true},
			map[string]any{"name": "ssh", "credentialType": "SSH", "userId": "root", "portNumber": 2222}},
		{"WBEM defaults", map[string]any{"name": "wbem", "credentialType": "WBEM", "userId": "u", "password": b64("p"), "updatePassword": true},
			map[string]any{"name": "wbem", "credentialType": "WBEM", "userId": "u", "ssl": false}},
		{"WBEM full", map[string]any{"name": "wbem2", "credentialType": "WBEM", "userId": "u", "password": b64("p"), "updatePassword": true,
			"portNumber": 5989, "ssl": true, "namespace": "root/cimv2"},
			map[string]any{"name": "wbem2", "credentialType": "WBEM", "userId": "u", "ssl": true, "portNumber": 5989, "namespace": "root/cimv2"}},
		{"WMI no password", map[string]any{"name": "wmi", "credentialType": "WMI", "userId": "u", "passwordNotRequired": true, "domainname": "CORP"},
			map[string]any{"name": "wmi", "credentialType": "WMI", "userId": "u", "passwordNotRequired": true, "domainname": "CORP"}},
		{"SNMP v2c", map[string]any{"name": "snmp2", "credentialType": "SNMP", "snmpVersion": "V1_V2C", "community": "public"},
			map[string]any{"name": "snmp2", "credentialType": "SNMP", "snmpVersion": "V1_V2C", "community": "public"}},
		{"SNMP v3", map[string]any{"name": "snmp3", "credentialType": "SNMP", "snmpVersion": "V3", "userName": "snmpuser", "portNumber": 161,
			"authenticationEnabled": true, "authenticationProtocol": "SHA1", "authenticationPassphrase": b64("a"), "updateAuthenticationPassphrase": true,
			"privacyEnabled": true, "privacyProtocol": "AES128", "privacyPassphrase": b64("p"), "updatePrivacyPassphrase": true},
			map[string]any{"name": "snmp3", "credentialType": "SNMP", "snmpVersion": "V3", "userName": "snmpuser", "userId": "snmpuser",
				"portNumber": 161, "authenticationEnabled": true, "authenticationProtocol": "SHA1", "privacyEnabled": true, "privacyProtocol": "AES128"}},
		{"SNMP v3 minimal", map[string]any{"name": "snmp3min", "credentialType": "SNMP", "snmpVersion": "V3", "userName": "u3"},
			map[string]any{"name": "snmp3min", "credentialType": "SNMP", "snmpVersion": "V3", "userName": "u3", "userId": "u3",
				"authenticationEnabled": false, "privacyEnabled": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, tt.body)
			r.wantStatus(t, http.StatusCreated)
			created := decodeMap(t, r)
			tt.want["instanceID"] = created["instanceID"]
			tt.want["numOfRelatedResources"] = 0
			wantMembers(t, created, tt.want)
			r = c.do(http.MethodGet, pathCreds+"/"+strconv.Itoa(int(created["instanceID"].(float64))), authAnalyticsAdmin, nil)
			wantMembers(t, decodeMap(t, r), tt.want)
		})
	}
	c3, _ := s.CredentialByName("snmp3")
	if deref(c3.AuthenticationPassphrase) != "a" || deref(c3.PrivacyPassphrase) != "p" || deref(c3.UserID) != "snmpuser" {
		t.Errorf("stored SNMP V3 = %+v", c3)
	}
}

func TestAnalyticsUpdate(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	create := map[string]any{"name": "ssh", "credentialType": "SSH", "userId": "root", "password": b64("p1"),
		"updatePassword": true, "portNumber": 22, "rootPassword": b64("r1"), "updateRootPassword": true}
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, create).wantStatus(t, http.StatusCreated)
	s.SetRelatedResources(1, 3)

	// Full replace: portNumber is omitted and returns to absent; secrets not
	// sent are kept; a secret sent without its flag is ignored.
	r := c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, map[string]any{
		"instanceID": 1, "numOfRelatedResources": 3,
		"name": "ssh-renamed", "credentialType": "SSH", "userId": "admin", "password": b64("ignored")})
	r.wantStatus(t, http.StatusOK)
	hsso(t, r)
	wantMembers(t, decodeMap(t, r), map[string]any{"instanceID": 1, "name": "ssh-renamed", "credentialType": "SSH",
		"userId": "admin", "numOfRelatedResources": 3})
	got, _ := s.Credential(1)
	if deref(got.Password) != "p1" || deref(got.RootPassword) != "r1" || got.PortNumber != nil {
		t.Errorf("after update: %+v", got)
	}

	// A secret with its flag true changes; an empty one clears an optional secret.
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, map[string]any{"name": "ssh-renamed", "credentialType": "SSH",
		"userId": "admin", "password": b64("p2"), "updatePassword": true, "rootPassword": "", "updateRootPassword": true}).
		wantStatus(t, http.StatusOK)
	got, _ = s.Credential(1)
	if deref(got.Password) != "p2" || got.RootPassword != nil {
		t.Errorf("after secret update: password %q rootPassword %v", deref(got.Password), got.RootPassword)
	}

	// The flag alone, without the secret, clears it too (docs/design/jp1-api.md §2.3).
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, map[string]any{"name": "ssh-renamed", "credentialType": "SSH",
		"userId": "admin", "rootPassword": b64("r3"), "updateRootPassword": true}).wantStatus(t, http.StatusOK)
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, map[string]any{"name": "ssh-renamed", "credentialType": "SSH",
		"userId": "admin", "updateRootPassword": true}).wantStatus(t, http.StatusOK)
	if got, _ = s.Credential(1); deref(got.Password) != "p2" || got.RootPassword != nil {
		t.Errorf("after the flag alone: password %q rootPassword %v", deref(got.Password), got.RootPassword)
	}

	// credentialType cannot change; rename onto another name collides; unknown id is 404.
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, wmiBody("ssh-renamed")).wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsInvalid)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, wmiBody("other")).wantStatus(t, http.StatusCreated)
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, map[string]any{"name": "other", "credentialType": "SSH", "userId": "admin"}).
		wantAnalyticsError(t, http.StatusConflict, msgAnalyticsConflict)
	c.do(http.MethodPut, pathCreds+"/99", authAnalyticsAdmin, wmiBody("x")).wantAnalyticsError(t, http.StatusNotFound, msgAnalyticsNotFound)
	// Keeping its own name is not a collision.
	c.do(http.MethodPut, pathCreds+"/2", authAnalyticsAdmin, map[string]any{"name": "other", "credentialType": "WMI", "userId": "u"}).
		wantStatus(t, http.StatusOK)
	if got, _ := s.Credential(1); got.Name != "ssh-renamed" {
		t.Errorf("a failed update changed the credential: %+v", got)
	}
}

func TestAnalyticsUpdateRequiresStoredSecret(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, map[string]any{"name": "w", "credentialType": "WMI", "userId": "u",
		"passwordNotRequired": true}).wantStatus(t, http.StatusCreated)
	// Turning passwordNotRequired off needs a password, which was never stored.
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, map[string]any{"name": "w", "credentialType": "WMI", "userId": "u"}).
		wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsInvalid)
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, map[string]any{"name": "w", "credentialType": "WMI", "userId": "u",
		"password": b64("now"), "updatePassword": true}).wantStatus(t, http.StatusOK)
	if got, _ := s.Credential(1); deref(got.Password) != "now" || deref(got.PasswordNotRequired) {
		t.Errorf("stored = %+v", got)
	}
}

func TestAnalyticsSNMPVersionChangeDropsSecrets(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, map[string]any{"name": "s", "credentialType": "SNMP", "snmpVersion": "V3",
		"userName": "u", "authenticationEnabled": true, "authenticationProtocol": "MD5",
		"authenticationPassphrase": b64("a"), "updateAuthenticationPassphrase": true}).wantStatus(t, http.StatusCreated)
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, map[string]any{"name": "s", "credentialType": "SNMP",
		"snmpVersion": "V1_V2C", "community": "public"}).wantStatus(t, http.StatusOK)
	got, _ := s.Credential(1)
	if got.AuthenticationPassphrase != nil || got.UserName != nil || got.UserID != nil || deref(got.Community) != "public" {
		t.Errorf("after switching to V1_V2C: %+v", got)
	}
}

func TestAnalyticsBodyErrors(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, `{"name": `).wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsGeneric)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, `[1]`).wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsGeneric)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, `{"name":"a","credentialType":"WMI","domainName":"x"}`).
		wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsGeneric)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, `{"name":"a","credentialType":"SSH","portNumber":"22"}`).
		wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsGeneric)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, `{"name":"a"} {}`).wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsGeneric)
	c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, `{`).wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsGeneric)
	if len(s.Credentials()) != 0 {
		t.Errorf("bad bodies created credentials: %+v", s.Credentials())
	}
}

// SetAnalyticsDefaultPorts: a credential created or updated without a port reports
// its protocol's default; a given port is kept; WMI has none.
func TestAnalyticsDefaultPorts(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetAnalyticsDefaultPorts(true)
	for _, body := range []map[string]any{
		{"name": "ssh", "credentialType": "SSH", "userId": "u", "password": b64("p"), "updatePassword": true},
		{"name": "wbem", "credentialType": "WBEM", "userId": "u", "password": b64("p"), "updatePassword": true},
		{"name": "snmp", "credentialType": "SNMP", "snmpVersion": "V1_V2C", "community": "public"},
		{"name": "ssh-2222", "credentialType": "SSH", "userId": "u", "password": b64("p"), "updatePassword": true, "portNumber": 2222},
		wmiBody("wmi"),
	} {
		c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, body).wantStatus(t, http.StatusCreated)
	}
	for name, want := range map[string]int64{"ssh": 22, "wbem": 5989, "snmp": 161, "ssh-2222": 2222} {
		if got, _ := s.CredentialByName(name); got.PortNumber == nil || *got.PortNumber != want {
			t.Errorf("%s: port %v, want %d", name, got.PortNumber, want)
		}
	}
	if got, _ := s.CredentialByName("wmi"); got.PortNumber != nil {
		t.Errorf("wmi: port %d, want none", *got.PortNumber)
	}
	// An update that leaves the port out gets the default again.
	c.do(http.MethodPut, pathCreds+"/4", authAnalyticsAdmin, map[string]any{"name": "ssh-2222", "credentialType": "SSH", "userId": "u"}).
		wantStatus(t, http.StatusOK)
	if got, _ := s.CredentialByName("ssh-2222"); got.PortNumber == nil || *got.PortNumber != 22 {
		t.Errorf("ssh-2222 after an update without a port: %v, want 22", got.PortNumber)
	}
	s.SetAnalyticsDefaultPorts(false)
	c.do(http.MethodPut, pathCreds+"/4", authAnalyticsAdmin, map[string]any{"name": "ssh-2222", "credentialType": "SSH", "userId": "u"}).
		wantStatus(t, http.StatusOK)
	if got, _ := s.CredentialByName("ssh-2222"); got.PortNumber != nil {
		t.Errorf("knob off: port %d, want none", *got.PortNumber)
	}
}
