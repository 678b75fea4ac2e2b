package fakejp1

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestDecodeCredentialInput(t *testing.T) {
	t.Parallel()
	for body, ok := range map[string]bool{
		`{"name":"a","instanceID":"7","numOfRelatedResources":null}`: true,  // read-only members are ignored, whatever their type
		`{"name":"a","Name":"b"}`:                                    false, // names are case-sensitive
		`{"domainName":"x"}`:                                         false,
		`{"updatePassword":"true"}`:                                  false,
		`{"name":"a"}{"name":"b"}`:                                   false,
		`null`:                                                       false,
		`{"community":null,"name":"a"}`:                              true,
	} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		if _, err := decodeCredentialInput(r); (err == nil) != ok {
			t.Errorf("decode %s: err %v, want ok=%v", body, err, ok)
		}
	}
}

func TestSent(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(
		`{"name":"a","credentialType":"SNMP","snmpVersion":"V3","userName":"u","community":null,"privacyPassphrase":"eA=="}`))
	in, err := decodeCredentialInput(r)
	if err != nil {
		t.Fatal(err)
	}
	if got := in.sent(); !slices.Equal(got, []string{mSNMPVersion, mUserName, mPrivacyPassphrase}) {
		t.Errorf("sent() = %v (null counts as not sent)", got)
	}
}
