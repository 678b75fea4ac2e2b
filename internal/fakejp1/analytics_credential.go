package fakejp1

// Credential types and enumerations (DOC OA 1.3.1).
const (
	CredentialTypeWMI  = "WMI"
	CredentialTypeSSH  = "SSH"
	CredentialTypeWBEM = "WBEM"
	CredentialTypeSNMP = "SNMP"

	SNMPVersionV1V2C = "V1_V2C"
	SNMPVersionV3    = "V3"

	AuthenticationProtocolMD5  = "MD5"
	AuthenticationProtocolSHA1 = "SHA1"

	PrivacyProtocolDES    = "DES"
	PrivacyProtocolAES128 = "AES128"
)

// Credential is an Operations Analytics credential in its stored form: secrets
// are DECODED (plain text). JSON tags are the wire names; note that encoding a
// Credential as JSON would show its plain secrets, unlike the API, which never
// returns them.
type Credential struct {
	InstanceID               int64   `json:"instanceID"`
	Name                     string  `json:"name"`
	CredentialType           string  `json:"credentialType"`
	UserID                   *string `json:"userId,omitempty"`
	Password                 *string `json:"password,omitempty"`
	PasswordNotRequired      *bool   `json:"passwordNotRequired,omitempty"`
	PortNumber               *int64  `json:"portNumber,omitempty"`
	RootPassword             *string `json:"rootPassword,omitempty"`
	SSL                      *bool   `json:"ssl,omitempty"`
	DomainName               *string `json:"domainname,omitempty"`
	Namespace                *string `json:"namespace,omitempty"`
	Community                *string `json:"community,omitempty"`
	SNMPVersion              *string `json:"snmpVersion,omitempty"`
	UserName                 *string `json:"userName,omitempty"`
	AuthenticationEnabled    *bool   `json:"authenticationEnabled,omitempty"`
	AuthenticationProtocol   *string `json:"authenticationProtocol,omitempty"`
	AuthenticationPassphrase *string `json:"authenticationPassphrase,omitempty"`
	PrivacyEnabled           *bool   `json:"privacyEnabled,omitempty"`
	PrivacyProtocol          *string `json:"privacyProtocol,omitempty"`
	PrivacyPassphrase        *string `json:"privacyPassphrase,omitempty"`
	NumOfRelatedResources    int64   `json:"numOfRelatedResources"`
}

// clone returns a deep copy, so callers never share pointers with the store.
func (c Credential) clone() Credential {
	c.UserID = clonePtr(c.UserID)
	c.Password = clonePtr(c.Password)
	c.PasswordNotRequired = clonePtr(c.PasswordNotRequired)
	c.PortNumber = clonePtr(c.PortNumber)
	c.RootPassword = clonePtr(c.RootPassword)
	c.SSL = clonePtr(c.SSL)
	c.DomainName = clonePtr(c.DomainName)
	c.Namespace = clonePtr(c.Namespace)
	c.Community = clonePtr(c.Community)
	c.SNMPVersion = clonePtr(c.SNMPVersion)
	c.UserName = clonePtr(c.UserName)
	c.AuthenticationEnabled = clonePtr(c.AuthenticationEnabled)
	c.AuthenticationProtocol = clonePtr(c.AuthenticationProtocol)
	c.AuthenticationPassphrase = clonePtr(c.AuthenticationPassphrase)
	c.PrivacyEnabled = clonePtr(c.PrivacyEnabled)
	c.PrivacyProtocol = clonePtr(c.PrivacyProtocol)
	c.PrivacyPassphrase = clonePtr(c.PrivacyPassphrase)
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// Wire names of the members whose applicability depends on the type.
const (
	mUserID                   = "userId"
	mPassword                 = "password"
	mPasswordNotRequired      = "passwordNotRequired"
	mPortNumber               = "portNumber"
	mRootPassword             = "rootPassword"
	mSSL                      = "ssl"
	mDomainName               = "domainname"
	mNamespace                = "namespace"
	mCommunity                = "community"
	mSNMPVersion              = "snmpVersion"
	mUserName                 = "userName"
	mAuthenticationEnabled    = "authenticationEnabled"
	mAuthenticationProtocol   = "authenticationProtocol"
	mAuthenticationPassphrase = "authenticationPassphrase"
	mPrivacyEnabled           = "privacyEnabled"
	mPrivacyProtocol          = "privacyProtocol"
	mPrivacyPassphrase        = "privacyPassphrase"
)

// membersByType is the applicability column of the table in docs/design/jp1-api.md §2.3;
// SNMP members that depend on the version are in membersBySNMPVersion.
var membersByType = map[string][]string{
	CredentialTypeWMI:  {mUserID, mPassword, mPasswordNotRequired, mDomainName},
	CredentialTypeSSH:  {mUserID, mPassword, mPortNumber, mRootPassword},
	CredentialTypeWBEM: {mUserID, mPassword, mPortNumber, mSSL, mNamespace},
	CredentialTypeSNMP: {mSNMPVersion, mPortNumber},
}

var membersBySNMPVersion = map[string][]string{
	SNMPVersionV1V2C: {mCommunity},
	SNMPVersionV3: {mUserName, mAuthenticationEnabled, mAuthenticationProtocol, mAuthenticationPassphrase,
		mPrivacyEnabled, mPrivacyProtocol, mPrivacyPassphrase},
}

// applies reports whether a client may send member for this type and SNMP
// version. (userId of SNMP V3 is returned but set by the server, so it does
// not apply to requests.)
func applies(credType, snmpVersion, member string) bool {
	for _, m := range membersByType[credType] {
		if m == member {
			return true
		}
	}
	if credType != CredentialTypeSNMP {
		return false
	}
	for _, m := range membersBySNMPVersion[snmpVersion] {
		if m == member {
			return true
		}
	}
	return false
}

// wireCredential is a Credential as GET answers show it: no secrets, only the
// members that apply to the type.
type wireCredential struct {
	InstanceID             int64   `json:"instanceID"`
	Name                   string  `json:"name"`
	CredentialType         string  `json:"credentialType"`
	UserID                 *string `json:"userId,omitempty"`
	PasswordNotRequired    *bool   `json:"passwordNotRequired,omitempty"`
	PortNumber             *int64  `json:"portNumber,omitempty"`
	SSL                    *bool   `json:"ssl,omitempty"`
	DomainName             *string `json:"domainname,omitempty"`
	Namespace              *string `json:"namespace,omitempty"`
	Community              *string `json:"community,omitempty"`
	SNMPVersion            *string `json:"snmpVersion,omitempty"`
	UserName               *string `json:"userName,omitempty"`
	AuthenticationEnabled  *bool   `json:"authenticationEnabled,omitempty"`
	AuthenticationProtocol *string `json:"authenticationProtocol,omitempty"`
	PrivacyEnabled         *bool   `json:"privacyEnabled,omitempty"`
	PrivacyProtocol        *string `json:"privacyProtocol,omitempty"`
	NumOfRelatedResources  int64   `json:"numOfRelatedResources"`
}

// render builds the GET form: applicable booleans are always present (false
// by default); applicable strings and portNumber only when set; SNMP V3 shows
// the userId the server derived from userName.
func render(c *Credential) wireCredential {
	v := deref(c.SNMPVersion)
	ap := func(m string) bool { return applies(c.CredentialType, v, m) }
	str := func(m string, p *string) *string {
		if ap(m) {
			return clonePtr(p)
		}
		return nil
	}
	boolean := func(m string, p *bool) *bool {
		if ap(m) {
			b := deref(p)
			return &b
		}
		return nil
	}
	out := wireCredential{
		InstanceID:             c.InstanceID,
		Name:                   c.Name,
		CredentialType:         c.CredentialType,
		UserID:                 str(mUserID, c.UserID),
		PasswordNotRequired:    boolean(mPasswordNotRequired, c.PasswordNotRequired),
		SSL:                    boolean(mSSL, c.SSL),
		DomainName:             str(mDomainName, c.DomainName),
		Namespace:              str(mNamespace, c.Namespace),
		Community:              str(mCommunity, c.Community),
		SNMPVersion:            str(mSNMPVersion, c.SNMPVersion),
		UserName:               str(mUserName, c.UserName),
		AuthenticationEnabled:  boolean(mAuthenticationEnabled, c.AuthenticationEnabled),
		AuthenticationProtocol: str(mAuthenticationProtocol, c.AuthenticationProtocol),
		PrivacyEnabled:         boolean(mPrivacyEnabled, c.PrivacyEnabled),
		PrivacyProtocol:        str(mPrivacyProtocol, c.PrivacyProtocol),
		NumOfRelatedResources:  c.NumOfRelatedResources,
	}
	if ap(mPortNumber) {
		out.PortNumber = clonePtr(c.PortNumber)
	}
	if c.CredentialType == CredentialTypeSNMP && v == SNMPVersionV3 {
		out.UserID = clonePtr(c.UserID)
		if out.UserID == nil {
			out.UserID = clonePtr(c.UserName)
		}
	}
	return out
}
