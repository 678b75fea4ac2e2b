package fakejp1

import (
	"reflect"
	"testing"
)

func TestApplies(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		credType, version, member string
		want                      bool
	}{
		{CredentialTypeWMI, "", mDomainName, true},
		{CredentialTypeWMI, "", mPortNumber, false},
		{CredentialTypeSSH, "", mRootPassword, true},
		{CredentialTypeWBEM, "", mSSL, true},
		{CredentialTypeSNMP, SNMPVersionV1V2C, mCommunity, true},
		{CredentialTypeSNMP, SNMPVersionV1V2C, mUserName, false},
		{CredentialTypeSNMP, SNMPVersionV3, mPrivacyProtocol, true},
		{CredentialTypeSNMP, SNMPVersionV3, mUserID, false},
		{CredentialTypeSNMP, "", mPortNumber, true},
		{"OTHER", "", mUserID, false},
	} {
		if got := applies(tt.credType, tt.version, tt.member); got != tt.want {
			t.Errorf("applies(%s, %s, %s) = %v", tt.credType, tt.version, tt.member, got)
		}
	}
}

func TestCloneIsDeep(t *testing.T) {
	t.Parallel()
	// Every pointer field must be copied: fill them all by reflection.
	var c Credential
	v := reflect.ValueOf(&c).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Pointer {
			f.Set(reflect.New(f.Type().Elem()))
		}
	}
	d := c.clone()
	dv := reflect.ValueOf(d)
	for i := range v.NumField() {
		if v.Field(i).Kind() == reflect.Pointer && v.Field(i).Pointer() == dv.Field(i).Pointer() {
			t.Errorf("clone shares field %s", v.Type().Field(i).Name)
		}
	}
	if !reflect.DeepEqual(c, d) {
		t.Error("clone changed values")
	}
}

func TestRenderUnsetAndForeign(t *testing.T) {
	t.Parallel()
	// Stored out of band without booleans: GET still shows them as false.
	w := render(&Credential{InstanceID: 1, Name: "n", CredentialType: CredentialTypeWBEM, Password: new("secret")})
	if w.SSL == nil || *w.SSL || w.UserID != nil || w.PortNumber != nil || w.Community != nil {
		t.Errorf("render WBEM = %+v", w)
	}
	// SNMP V3 stored without userId shows userName as userId.
	w = render(&Credential{CredentialType: CredentialTypeSNMP, SNMPVersion: new(SNMPVersionV3), UserName: new("u")})
	if deref(w.UserID) != "u" {
		t.Errorf("render SNMP V3 userId = %v", w.UserID)
	}
}
