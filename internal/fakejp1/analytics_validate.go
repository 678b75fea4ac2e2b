package fakejp1

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of docs/design/jp1-api.md §2.3.
const (
	maxNameLen     = 255
	maxUserLen     = 64
	maxSecretBytes = 255
	minPort        = 1
	maxPort        = 65535
)

var (
	credentialTypes  = []string{CredentialTypeWMI, CredentialTypeSSH, CredentialTypeWBEM, CredentialTypeSNMP}
	snmpVersions     = []string{SNMPVersionV1V2C, SNMPVersionV3}
	authProtocols    = []string{AuthenticationProtocolMD5, AuthenticationProtocolSHA1}
	privacyProtocols = []string{PrivacyProtocolDES, PrivacyProtocolAES128}
)

// apiError is a refusal a handler turns into an OA error answer.
type apiError struct {
	status    int
	messageID string
	message   string
}

func invalid(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, msgAnalyticsInvalid, fmt.Sprintf(format, args...)}
}

// buildCredential validates a create body (prev == nil) or a full-replace
// update body against the stored prev, and returns the credential to store
// (InstanceID and NumOfRelatedResources are left to the caller). Omitted
// non-secret members return to their defaults; a secret changes only when it
// is sent with its update flag true, and is otherwise kept from prev.
func buildCredential(in *credentialInput, prev *Credential) (Credential, *apiError) {
	if err := checkIdentity(in, prev); err != nil {
		return Credential{}, err
	}
	credType, version := *in.CredentialType, deref(in.SNMPVersion)
	if err := checkApplicable(in, credType, version); err != nil {
		return Credential{}, err
	}
	if err := checkValues(in); err != nil {
		return Credential{}, err
	}
	c := copyMembers(in, credType, version)
	if err := applySecrets(&c, in, prev, version); err != nil {
		return Credential{}, err
	}
	if err := checkRequired(&c, version); err != nil {
		return Credential{}, err
	}
	if credType == CredentialTypeSNMP && version == SNMPVersionV3 {
		c.UserID = clonePtr(c.UserName) // DOC: the server sets userId from userName
	}
	return c, nil
}

func checkIdentity(in *credentialInput, prev *Credential) *apiError {
	switch {
	case in.Name == nil || *in.Name == "":
		return invalid("name is required")
	case utf8.RuneCountInString(*in.Name) > maxNameLen:
		return invalid("name must be 1 to %d characters", maxNameLen)
	case in.CredentialType == nil:
		return invalid("credentialType is required")
	case !slices.Contains(credentialTypes, *in.CredentialType):
		return invalid("credentialType must be one of %s", strings.Join(credentialTypes, ", "))
	case prev != nil && prev.CredentialType != *in.CredentialType:
		return invalid("credentialType cannot be changed (it is %s)", prev.CredentialType)
	case *in.CredentialType != CredentialTypeSNMP:
		return nil
	case in.SNMPVersion == nil:
		return invalid("snmpVersion is required for SNMP")
	case !slices.Contains(snmpVersions, *in.SNMPVersion):
		return invalid("snmpVersion must be one of %s", strings.Join(snmpVersions, ", "))
	}
	return nil
}

// checkApplicable refuses any member that does not apply to the type.
func checkApplicable(in *credentialInput, credType, version string) *apiError {
	for _, m := range in.sent() {
		if applies(credType, version, m) {
			continue
		}
		if m == mUserID && credType == CredentialTypeSNMP {
			return invalid("userId must not be sent for SNMP: the server sets it from userName")
		}
		if credType == CredentialTypeSNMP {
			return invalid("%s does not apply to credentialType SNMP with snmpVersion %s", m, version)
		}
		return invalid("%s does not apply to credentialType %s", m, credType)
	}
	return nil
}

// checkValues checks ranges, lengths and enumerations of the members sent.
func checkValues(in *credentialInput) *apiError {
	switch {
	case in.UserID != nil && utf8.RuneCountInString(*in.UserID) > maxUserLen:
		return invalid("userId must be at most %d characters", maxUserLen)
	case in.UserName != nil && utf8.RuneCountInString(*in.UserName) > maxUserLen:
		return invalid("userName must be at most %d characters", maxUserLen)
	case in.PortNumber != nil && (*in.PortNumber < minPort || *in.PortNumber > maxPort):
		return invalid("portNumber must be %d to %d", minPort, maxPort)
	case in.AuthenticationProtocol != nil && !slices.Contains(authProtocols, *in.AuthenticationProtocol):
		return invalid("authenticationProtocol must be one of %s", strings.Join(authProtocols, ", "))
	case in.PrivacyProtocol != nil && !slices.Contains(privacyProtocols, *in.PrivacyProtocol):
		return invalid("privacyProtocol must be one of %s", strings.Join(privacyProtocols, ", "))
	}
	return nil
}

// copyMembers takes the non-secret members as sent (a full replace) and
// gives applicable booleans that were not sent their default, false.
func copyMembers(in *credentialInput, credType, version string) Credential {
	c := Credential{
		Name:                   *in.Name,
		CredentialType:         credType,
		UserID:                 clonePtr(in.UserID),
		PasswordNotRequired:    clonePtr(in.PasswordNotRequired),
		PortNumber:             clonePtr(in.PortNumber),
		SSL:                    clonePtr(in.SSL),
		DomainName:             clonePtr(in.DomainName),
		Namespace:              clonePtr(in.Namespace),
		Community:              clonePtr(in.Community),
		SNMPVersion:            clonePtr(in.SNMPVersion),
		UserName:               clonePtr(in.UserName),
		AuthenticationEnabled:  clonePtr(in.AuthenticationEnabled),
		AuthenticationProtocol: clonePtr(in.AuthenticationProtocol),
		PrivacyEnabled:         clonePtr(in.PrivacyEnabled),
		PrivacyProtocol:        clonePtr(in.PrivacyProtocol),
	}
	for _, b := range []struct {
		name string
		p    **bool
	}{
		{mPasswordNotRequired, &c.PasswordNotRequired},
		{mSSL, &c.SSL},
		{mAuthenticationEnabled, &c.AuthenticationEnabled},
		{mPrivacyEnabled, &c.PrivacyEnabled},
	} {
		if *b.p == nil && applies(credType, version, b.name) {
			f := false
			*b.p = &f
		}
	}
	return c
}

// applySecrets decodes the secrets sent (Base64 of at most 255 bytes), sets
// those whose update flag is true (the flag without a value, or with an empty
// one, clears it), and keeps the stored value of every other applicable secret.
func applySecrets(c *Credential, in *credentialInput, prev *Credential, version string) *apiError {
	if prev == nil {
		prev = &Credential{}
	}
	for _, sec := range []struct {
		name   string
		sent   *string
		update bool
		dst    **string
		stored *string
	}{
		{mPassword, in.Password, in.UpdatePassword, &c.Password, prev.Password},
		{mRootPassword, in.RootPassword, in.UpdateRootPassword, &c.RootPassword, prev.RootPassword},
		{mAuthenticationPassphrase, in.AuthenticationPassphrase, in.UpdateAuthenticationPassphrase,
			&c.AuthenticationPassphrase, prev.AuthenticationPassphrase},
		{mPrivacyPassphrase, in.PrivacyPassphrase, in.UpdatePrivacyPassphrase,
			&c.PrivacyPassphrase, prev.PrivacyPassphrase},
	} {
		if sec.sent == nil && sec.update {
			continue // the flag without the secret clears it (docs/design/jp1-api.md §2.3)
		}
		if sec.sent != nil {
			plain, err := decodeSecret(sec.name, *sec.sent)
			if err != nil {
				return err
			}
			if sec.update {
				if plain != "" {
					*sec.dst = &plain
				}
				continue
			}
		}
		if applies(c.CredentialType, version, sec.name) {
			*sec.dst = clonePtr(sec.stored)
		}
	}
	return nil
}

func decodeSecret(name, v string) (string, *apiError) {
	b, err := base64.StdEncoding.DecodeString(v)
	switch {
	case err != nil:
		return "", invalid("%s must be Base64-encoded (standard alphabet, with padding)", name)
	case len(b) > maxSecretBytes:
		return "", invalid("%s must be at most %d bytes before Base64 encoding", name, maxSecretBytes)
	}
	return string(b), nil
}

// checkRequired checks the members a credential of this type must end up with.
func checkRequired(c *Credential, version string) *apiError {
	t := c.CredentialType
	switch t {
	case CredentialTypeWMI, CredentialTypeSSH, CredentialTypeWBEM:
		if deref(c.UserID) == "" {
			return invalid("userId is required for %s", t)
		}
		passwordOptional := t == CredentialTypeWMI && deref(c.PasswordNotRequired)
		if deref(c.Password) == "" && !passwordOptional {
			hint := ""
			if t == CredentialTypeWMI {
				hint = " unless passwordNotRequired is true"
			}
			return invalid("password is required for %s%s; send it Base64-encoded with updatePassword true", t, hint)
		}
	case CredentialTypeSNMP:
		return checkRequiredSNMP(c, version)
	}
	return nil
}

func checkRequiredSNMP(c *Credential, version string) *apiError {
	if version == SNMPVersionV1V2C {
		if deref(c.Community) == "" {
			return invalid("community is required for SNMP V1_V2C")
		}
		return nil
	}
	auth, priv := deref(c.AuthenticationEnabled), deref(c.PrivacyEnabled)
	switch {
	case deref(c.UserName) == "":
		return invalid("userName is required for SNMP V3")
	case auth && c.AuthenticationProtocol == nil:
		return invalid("authenticationProtocol is required when authenticationEnabled is true")
	case auth && deref(c.AuthenticationPassphrase) == "":
		return invalid("authenticationPassphrase is required when authenticationEnabled is true; " +
			"send it Base64-encoded with updateAuthenticationPassphrase true")
	case priv && !auth:
		return invalid("privacyEnabled requires authenticationEnabled")
	case priv && c.PrivacyProtocol == nil:
		return invalid("privacyProtocol is required when privacyEnabled is true")
	case priv && deref(c.PrivacyPassphrase) == "":
		return invalid("privacyPassphrase is required when privacyEnabled is true; " +
			"send it Base64-encoded with updatePrivacyPassphrase true")
	}
	return nil
}
