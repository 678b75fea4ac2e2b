package jp1api

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

func TestEncodeSecretLimits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		plain string
		ok    bool
	}{
		{"a", true},
		{strings.Repeat("x", 255), true},
		{strings.Repeat("x", 256), false},
		{strings.Repeat("あ", 85), true},  // 255 bytes
		{strings.Repeat("あ", 86), false}, // 258 bytes, 86 characters
		{"", false},
	} {
		enc, err := encodeSecret(tc.plain)
		if (err == nil) != tc.ok {
			t.Fatalf("%d bytes: err %v", len(tc.plain), err)
		}
		if err != nil {
			if tc.plain != "" && strings.Contains(err.Error(), tc.plain[:1]) && strings.Contains(err.Error(), tc.plain) {
				t.Fatal("the error shows the secret")
			}
			continue
		}
		dec, _ := base64.StdEncoding.DecodeString(enc)
		if string(dec) != tc.plain {
			t.Fatal("round trip")
		}
	}
	if enc, _ := encodeSecret(strings.Repeat("x", 255)); len(enc) != 340 {
		t.Fatalf("Base64 of 255 bytes is %d characters", len(enc))
	}
}

func TestFlexDecoding(t *testing.T) {
	t.Parallel()
	var in credentialIn
	data := `{"instanceID": 7.0, "name": 12, "credentialType": "SNMP", "portNumber": " 161 ", "authenticationEnabled": 1,
		"privacyEnabled": "FALSE", "numOfRelatedResources": null, "userName": "v3user"}`
	if err := json.Unmarshal([]byte(data), &in); err != nil {
		t.Fatal(err)
	}
	c := in.credential()
	if c.InstanceID != 7 || c.Name != "12" || *c.PortNumber != 161 || !*c.AuthenticationEnabled || *c.PrivacyEnabled ||
		c.NumOfRelatedResources != 0 || *c.UserName != "v3user" || c.UserID != nil || c.SSL != nil {
		t.Fatalf("%+v", c)
	}
	for _, bad := range []string{`{"portNumber": "22x"}`, `{"portNumber": 1.5}`, `{"ssl": "yes"}`, `{"name": {"a": 1}}`} {
		if err := json.Unmarshal([]byte(bad), &in); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestCredentialBody(t *testing.T) {
	t.Parallel()
	cr := Credential{Name: "sw01", CredentialType: "SNMP", SNMPVersion: fakejp1test.Ptr("V3"), UserName: fakejp1test.Ptr("v3"),
		AuthenticationEnabled: fakejp1test.Ptr(true), AuthenticationProtocol: fakejp1test.Ptr("SHA1"), AuthenticationPassphrase: fakejp1test.Ptr("auth-pp"),
		PrivacyEnabled: fakejp1test.Ptr(false), DomainName: fakejp1test.Ptr("CORP"), InstanceID: 9, NumOfRelatedResources: 4}
	out, secrets, err := credentialBody(cr)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(out)
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	want := map[string]any{"name": "sw01", "credentialType": "SNMP", "snmpVersion": "V3", "userName": "v3",
		"authenticationEnabled": true, "authenticationProtocol": "SHA1",
		"authenticationPassphrase": base64.StdEncoding.EncodeToString([]byte("auth-pp")), "updateAuthenticationPassphrase": true,
		"privacyEnabled": false, "domainname": "CORP"}
	if len(m) != len(want) {
		t.Fatalf("members: %v", m)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	if len(secrets) != 2 || secrets[0] != "auth-pp" {
		t.Fatalf("secrets to mask: %d", len(secrets))
	}
	// An empty secret clears it: the update flag alone, no value (docs/design/jp1-api.md §2.3).
	cr.PrivacyPassphrase = fakejp1test.Ptr("")
	out, _, err = credentialBody(cr)
	if err != nil {
		t.Fatal(err)
	}
	data, _ = json.Marshal(out)
	m = nil
	_ = json.Unmarshal(data, &m)
	if _, sent := m["privacyPassphrase"]; sent || m["updatePrivacyPassphrase"] != true {
		t.Fatalf("clearing the privacy passphrase: value %v, flag %v", m["privacyPassphrase"], m["updatePrivacyPassphrase"])
	}
	cr.PrivacyPassphrase = fakejp1test.Ptr(strings.Repeat("x", 256))
	if _, _, err := credentialBody(cr); err == nil || !strings.Contains(err.Error(), "privacyPassphrase") {
		t.Fatalf("%v", err)
	}
}
