package fakejp1

import (
	"maps"
	"net/http"
	"strings"
	"testing"
)

// with returns a copy of base with the given members set (nil removes one).
func with(base map[string]any, kv ...any) map[string]any {
	m := maps.Clone(base)
	for i := 0; i < len(kv); i += 2 {
		k := kv[i].(string)
		if kv[i+1] == nil {
			delete(m, k)
			continue
		}
		m[k] = kv[i+1]
	}
	return m
}

var (
	validWMI    = map[string]any{"name": "n", "credentialType": "WMI", "userId": "u", "password": b64("p"), "updatePassword": true}
	validSSH    = map[string]any{"name": "n", "credentialType": "SSH", "userId": "u", "password": b64("p"), "updatePassword": true}
	validWBEM   = map[string]any{"name": "n", "credentialType": "WBEM", "userId": "u", "password": b64("p"), "updatePassword": true}
	validV2C    = map[string]any{"name": "n", "credentialType": "SNMP", "snmpVersion": "V1_V2C", "community": "public"}
	validV3     = map[string]any{"name": "n", "credentialType": "SNMP", "snmpVersion": "V3", "userName": "u"}
	validV3Auth = with(validV3, "authenticationEnabled", true, "authenticationProtocol", "MD5",
		"authenticationPassphrase", b64("a"), "updateAuthenticationPassphrase", true)
	validV3Priv = with(validV3Auth, "privacyEnabled", true, "privacyProtocol", "DES",
		"privacyPassphrase", b64("p"), "updatePrivacyPassphrase", true)
)

func TestAnalyticsValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    map[string]any
		wantErr string // "" = accepted
	}{
		// common members
		{"missing name", with(validWMI, "name", nil), "name is required"},
		{"empty name", with(validWMI, "name", ""), "name is required"},
		{"name 255", with(validWMI, "name", strings.Repeat("あ", 255)), ""},
		{"name 256", with(validWMI, "name", strings.Repeat("n", 256)), "name must be 1 to 255"},
		{"missing type", with(validWMI, "credentialType", nil), "credentialType is required"},
		{"unknown type", with(validWMI, "credentialType", "TELNET"), "credentialType must be one of"},
		{"lower-case type", with(validWMI, "credentialType", "wmi"), "credentialType must be one of"},

		// WMI
		{"WMI valid", validWMI, ""},
		{"WMI all members", with(validWMI, "domainname", "CORP", "passwordNotRequired", false), ""},
		{"WMI missing userId", with(validWMI, "userId", nil), "userId is required for WMI"},
		{"WMI empty userId", with(validWMI, "userId", ""), "userId is required for WMI"},
		{"WMI userId 64", with(validWMI, "userId", strings.Repeat("u", 64)), ""},
		{"WMI userId 65", with(validWMI, "userId", strings.Repeat("u", 65)), "userId must be at most 64"},
		{"WMI missing password", with(validWMI, "password", nil), "password is required for WMI unless passwordNotRequired"},
		{"WMI password without flag", with(validWMI, "updatePassword", false), "password is required"},
		{"WMI passwordNotRequired", with(validWMI, "password", nil, "passwordNotRequired", true), ""},
		{"WMI portNumber", with(validWMI, "portNumber", 135), "portNumber does not apply to credentialType WMI"},
		{"WMI rootPassword", with(validWMI, "rootPassword", b64("r")), "rootPassword does not apply"},
		{"WMI ssl", with(validWMI, "ssl", false), "ssl does not apply"},
		{"WMI community", with(validWMI, "community", "x"), "community does not apply"},
		{"WMI snmpVersion", with(validWMI, "snmpVersion", "V3"), "snmpVersion does not apply"},
		{"WMI update flag alone is ignored", with(validWMI, "updateRootPassword", true), ""},

		// secrets
		{"password not Base64", with(validWMI, "password", "not base64!"), "password must be Base64"},
		{"password unpadded", with(validWMI, "password", "cA"), "password must be Base64"},
		{"password 255 bytes", with(validWMI, "password", b64(strings.Repeat("p", 255))), ""},
		{"password 256 bytes", with(validWMI, "password", b64(strings.Repeat("p", 256))), "at most 255 bytes"},
		{"bad secret without flag", with(validWMI, "password", "%%%", "updatePassword", false, "passwordNotRequired", true), "Base64"},

		// SSH
		{"SSH valid", with(validSSH, "portNumber", 22, "rootPassword", b64("r"), "updateRootPassword", true), ""},
		{"SSH missing password", with(validSSH, "password", nil), "password is required for SSH"},
		{"SSH passwordNotRequired", with(validSSH, "passwordNotRequired", true), "passwordNotRequired does not apply"},
		{"SSH port 0", with(validSSH, "portNumber", 0), "portNumber must be 1 to 65535"},
		{"SSH port 65536", with(validSSH, "portNumber", 65536), "portNumber must be 1 to 65535"},
		{"SSH port 65535", with(validSSH, "portNumber", 65535), ""},
		{"SSH rootPassword 256", with(validSSH, "rootPassword", b64(strings.Repeat("r", 256)), "updateRootPassword", true), "rootPassword must be at most 255"},
		{"SSH domainname", with(validSSH, "domainname", "x"), "domainname does not apply"},

		// WBEM
		{"WBEM valid", with(validWBEM, "portNumber", 5989, "ssl", true, "namespace", "root/cimv2"), ""},
		{"WBEM missing userId", with(validWBEM, "userId", nil), "userId is required for WBEM"},
		{"WBEM rootPassword", with(validWBEM, "rootPassword", b64("r")), "rootPassword does not apply"},

		// SNMP
		{"SNMP missing version", with(validV2C, "snmpVersion", nil), "snmpVersion is required"},
		{"SNMP bad version", with(validV2C, "snmpVersion", "V2"), "snmpVersion must be one of"},
		{"SNMP userId", with(validV2C, "userId", "u"), "userId must not be sent for SNMP"},
		{"SNMP password", with(validV2C, "password", b64("p")), "password does not apply"},
		{"V2C valid", with(validV2C, "portNumber", 161), ""},
		{"V2C missing community", with(validV2C, "community", nil), "community is required"},
		{"V2C empty community", with(validV2C, "community", ""), "community is required"},
		{"V2C userName", with(validV2C, "userName", "u"), "userName does not apply to credentialType SNMP with snmpVersion V1_V2C"},
		{"V2C authenticationEnabled", with(validV2C, "authenticationEnabled", false), "authenticationEnabled does not apply"},
		{"V3 valid", validV3, ""},
		{"V3 userId", with(validV3, "userId", "u"), "userId must not be sent for SNMP"},
		{"V3 community", with(validV3, "community", "c"), "community does not apply"},
		{"V3 missing userName", with(validV3, "userName", nil), "userName is required"},
		{"V3 userName 65", with(validV3, "userName", strings.Repeat("u", 65)), "userName must be at most 64"},
		{"V3 auth valid", validV3Auth, ""},
		{"V3 auth SHA1", with(validV3Auth, "authenticationProtocol", "SHA1"), ""},
		{"V3 auth bad protocol", with(validV3Auth, "authenticationProtocol", "SHA256"), "authenticationProtocol must be one of"},
		{"V3 auth missing protocol", with(validV3Auth, "authenticationProtocol", nil), "authenticationProtocol is required"},
		{"V3 auth missing passphrase", with(validV3Auth, "authenticationPassphrase", nil), "authenticationPassphrase is required"},
		{"V3 auth passphrase without flag", with(validV3Auth, "updateAuthenticationPassphrase", false), "authenticationPassphrase is required"},
		{"V3 auth disabled, protocol kept", with(validV3, "authenticationProtocol", "MD5"), ""},
		{"V3 priv valid", validV3Priv, ""},
		{"V3 priv AES128", with(validV3Priv, "privacyProtocol", "AES128"), ""},
		{"V3 priv bad protocol", with(validV3Priv, "privacyProtocol", "AES256"), "privacyProtocol must be one of"},
		{"V3 priv without auth", with(validV3Priv, "authenticationEnabled", false), "privacyEnabled requires authenticationEnabled"},
		{"V3 priv missing protocol", with(validV3Priv, "privacyProtocol", nil), "privacyProtocol is required"},
		{"V3 priv missing passphrase", with(validV3Priv, "privacyPassphrase", nil), "privacyPassphrase is required"},
		{"V3 priv passphrase not Base64", with(validV3Priv, "privacyPassphrase", "?"), "privacyPassphrase must be Base64"},
	}
	s, c := newTestServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, tt.body)
			if tt.wantErr == "" {
				r.wantStatus(t, http.StatusCreated)
				s.DeleteCredential(int64(decodeMap(t, r)["instanceID"].(float64)))
				return
			}
			e := r.wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsInvalid)
			if !strings.Contains(e.Message, tt.wantErr) {
				t.Errorf("message = %q, want it to contain %q", e.Message, tt.wantErr)
			}
		})
	}
	if n := len(s.Credentials()); n != 0 {
		t.Errorf("%d credentials left: refused bodies must not be stored", n)
	}
}

func TestAnalyticsValidationAppliesToUpdate(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, validV3).wantStatus(t, http.StatusCreated)
	for name, body := range map[string]map[string]any{
		"type change":         validWMI,
		"inapplicable member": with(validV3, "community", "c"),
		"missing version":     with(validV3, "snmpVersion", nil),
		"priv without auth":   with(validV3, "privacyEnabled", true),
	} {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPut, pathCreds+"/1", authAnalyticsAdmin, body).wantAnalyticsError(t, http.StatusBadRequest, msgAnalyticsInvalid)
		})
	}
}
