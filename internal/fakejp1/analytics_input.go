package fakejp1

import (
	"encoding/json"
	"net/http"
)

// credentialInput is a create or update body. Pointers tell "not sent" (or
// null) from a zero value. Unknown members are refused, so a misspelt member
// name (say "domainName") fails loudly instead of being silently dropped.
type credentialInput struct {
	// Read-only members a client may echo back; they are ignored, whatever their type.
	InstanceID            json.RawMessage `json:"instanceID"`
	NumOfRelatedResources json.RawMessage `json:"numOfRelatedResources"`

	Name                     *string `json:"name"`
	CredentialType           *string `json:"credentialType"`
	UserID                   *string `json:"userId"`
	Password                 *string `json:"password"`
	PasswordNotRequired      *bool   `json:"passwordNotRequired"`
	PortNumber               *int64  `json:"portNumber"`
	RootPassword             *string `json:"rootPassword"`
	SSL                      *bool   `json:"ssl"`
	DomainName               *string `json:"domainname"`
	Namespace                *string `json:"namespace"`
	Community                *string `json:"community"`
	SNMPVersion              *string `json:"snmpVersion"`
	UserName                 *string `json:"userName"`
	AuthenticationEnabled    *bool   `json:"authenticationEnabled"`
	AuthenticationProtocol   *string `json:"authenticationProtocol"`
	AuthenticationPassphrase *string `json:"authenticationPassphrase"`
	PrivacyEnabled           *bool   `json:"privacyEnabled"`
	PrivacyProtocol          *string `json:"privacyProtocol"`
	PrivacyPassphrase        *string `json:"privacyPassphrase"`

	UpdatePassword                 bool `json:"updatePassword"`
	UpdateRootPassword             bool `json:"updateRootPassword"`
	UpdateAuthenticationPassphrase bool `json:"updateAuthenticationPassphrase"`
	UpdatePrivacyPassphrase        bool `json:"updatePrivacyPassphrase"`
}

// decodeCredentialInput reads one JSON object from the body. Any decoding
// failure, a misspelt member name included, is what OA reports as messageID
// "generic error".
func decodeCredentialInput(r *http.Request) (*credentialInput, error) {
	var in credentialInput
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	return &in, nil
}

// sent lists the type-dependent members present in the body, with wire names.
func (in *credentialInput) sent() []string {
	members := []struct {
		name string
		set  bool
	}{
		{mUserID, in.UserID != nil},
		{mPassword, in.Password != nil},
		{mPasswordNotRequired, in.PasswordNotRequired != nil},
		{mPortNumber, in.PortNumber != nil},
		{mRootPassword, in.RootPassword != nil},
		{mSSL, in.SSL != nil},
		{mDomainName, in.DomainName != nil},
		{mNamespace, in.Namespace != nil},
		{mCommunity, in.Community != nil},
		{mSNMPVersion, in.SNMPVersion != nil},
		{mUserName, in.UserName != nil},
		{mAuthenticationEnabled, in.AuthenticationEnabled != nil},
		{mAuthenticationProtocol, in.AuthenticationProtocol != nil},
		{mAuthenticationPassphrase, in.AuthenticationPassphrase != nil},
		{mPrivacyEnabled, in.PrivacyEnabled != nil},
		{mPrivacyProtocol, in.PrivacyProtocol != nil},
		{mPrivacyPassphrase, in.PrivacyPassphrase != nil},
	}
	var out []string
	for _, m := range members {
		if m.set {
			out = append(out, m.name)
		}
	}
	return out
}
