package jp1api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// encodeSecret returns the wire form of a plain-text OA secret: standard
// Base64 of its bytes. The secret must have 1 to MaxSecretBytes bytes. The
// error never contains the secret.
func encodeSecret(plain string) (string, error) {
	if plain == "" {
		return "", fmt.Errorf("the secret is empty")
	}
	if len(plain) > MaxSecretBytes {
		return "", fmt.Errorf("the secret is %d bytes long; at most %d bytes are allowed", len(plain), MaxSecretBytes)
	}
	return base64.StdEncoding.EncodeToString([]byte(plain)), nil
}

// flexString decodes a JSON string, or a number/boolean given instead.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	if len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		return fmt.Errorf("expected a string, got an object or array")
	}
	*s = flexString(b)
	return nil
}

// flexInt64 decodes a JSON number, or a string holding one ("7").
type flexInt64 int64

func (n *flexInt64) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = flexInt64(v)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) {
		return fmt.Errorf("expected an integer, got %q", truncate(s, 32))
	}
	*n = flexInt64(int64(f))
	return nil
}

// flexBool decodes a JSON boolean, or a string/number holding one ("false", 1).
type flexBool bool

func (v *flexBool) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1":
		*v = true
	case "false", "0", "":
		*v = false
	default:
		return fmt.Errorf("expected a boolean, got %q", truncate(s, 32))
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// credentialIn is a Credential as read: the string members by Credential's
// own tags, and, as flexible types, the numbers and booleans (JP1 is
// tolerated to send them as strings, docs/design/jp1-api.md §2.3) and the
// name and type every answer must hold. Secrets (tagged "-") are never
// decoded: the server never returns them.
type credentialIn struct {
	Credential
	InstanceID            *flexInt64  `json:"instanceID"`
	Name                  *flexString `json:"name"`
	CredentialType        *flexString `json:"credentialType"`
	PasswordNotRequired   *flexBool   `json:"passwordNotRequired"`
	PortNumber            *flexInt64  `json:"portNumber"`
	SSL                   *flexBool   `json:"ssl"`
	AuthenticationEnabled *flexBool   `json:"authenticationEnabled"`
	PrivacyEnabled        *flexBool   `json:"privacyEnabled"`
	NumOfRelatedResources flexInt64   `json:"numOfRelatedResources"`
}

// check reports a member the contract promises that is missing: instanceID
// (equal to wantID when that is not 0), name and credentialType.
func (w *credentialIn) check(wantID int64) error {
	switch {
	case w.InstanceID == nil || *w.InstanceID <= 0:
		return errors.New("the credential has no instanceID")
	case wantID != 0 && int64(*w.InstanceID) != wantID:
		return fmt.Errorf("the answer is about credential %d, not %d", int64(*w.InstanceID), wantID)
	case w.Name == nil || *w.Name == "":
		return fmt.Errorf("credential %d has no name", int64(*w.InstanceID))
	case w.CredentialType == nil || *w.CredentialType == "":
		return fmt.Errorf("credential %d has no credentialType", int64(*w.InstanceID))
	}
	return nil
}

func (w *credentialIn) credential() Credential {
	c := w.Credential
	c.InstanceID, c.NumOfRelatedResources = int64(deref(w.InstanceID)), int64(w.NumOfRelatedResources)
	c.Name, c.CredentialType = string(deref(w.Name)), string(deref(w.CredentialType))
	c.PortNumber = (*int64)(w.PortNumber)
	c.PasswordNotRequired, c.SSL = (*bool)(w.PasswordNotRequired), (*bool)(w.SSL)
	c.AuthenticationEnabled, c.PrivacyEnabled = (*bool)(w.AuthenticationEnabled), (*bool)(w.PrivacyEnabled)
	return c
}

// Credential is an OA authentication-information object (docs/design/jp1-api.md §2.3),
// and its wire form as written (create and update): nil members are left out;
// MarshalJSON sends each secret Base64 with its update* flag true, and an
// empty secret as the flag alone, which clears it. Secrets are plain text;
// nil = not sent / not changed. The server never returns them, so they are
// always nil in answers (read through credentialIn).
type Credential struct {
	InstanceID               int64   `json:"-"`
	Name                     string  `json:"name"`
	CredentialType           string  `json:"credentialType"` // WMI SSH WBEM SNMP
	UserID                   *string `json:"userId,omitempty"`
	Password                 *string `json:"-"` // secret
	PasswordNotRequired      *bool   `json:"passwordNotRequired,omitempty"`
	PortNumber               *int64  `json:"portNumber,omitempty"`
	RootPassword             *string `json:"-"` // secret
	SSL                      *bool   `json:"ssl,omitempty"`
	DomainName               *string `json:"domainname,omitempty"`
	Namespace                *string `json:"namespace,omitempty"`
	Community                *string `json:"community,omitempty"`
	SNMPVersion              *string `json:"snmpVersion,omitempty"` // V1_V2C V3
	UserName                 *string `json:"userName,omitempty"`
	AuthenticationEnabled    *bool   `json:"authenticationEnabled,omitempty"`
	AuthenticationProtocol   *string `json:"authenticationProtocol,omitempty"` // MD5 SHA1
	AuthenticationPassphrase *string `json:"-"`                                // secret
	PrivacyEnabled           *bool   `json:"privacyEnabled,omitempty"`
	PrivacyProtocol          *string `json:"privacyProtocol,omitempty"` // DES AES128
	PrivacyPassphrase        *string `json:"-"`                         // secret
	NumOfRelatedResources    int64   `json:"-"`                         // read-only
}

// credentialSecret is one secret member of a Credential: its JP1 name and plain text.
type credentialSecret struct {
	member string
	plain  *string
}

// secrets lists cr's secret members: the one list MarshalJSON, the checks and
// the masking walk.
func (cr *Credential) secrets() []credentialSecret {
	return []credentialSecret{
		{"password", cr.Password},
		{"rootPassword", cr.RootPassword},
		{"authenticationPassphrase", cr.AuthenticationPassphrase},
		{"privacyPassphrase", cr.PrivacyPassphrase},
	}
}

// MarshalJSON writes cr as JP1 takes it: the tagged members, then each
// secret given Base64 with its update* flag true; an empty secret is the flag
// alone, which clears it (docs/design/jp1-api.md §2.3).
func (cr Credential) MarshalJSON() ([]byte, error) {
	type members Credential // the tagged members, without this method
	data, err := json.Marshal(members(cr))
	if err != nil {
		return nil, err
	}
	data = data[:len(data)-1] // the closing brace; the object is never empty (name, credentialType)
	for _, s := range cr.secrets() {
		if s.plain == nil {
			continue
		}
		if *s.plain != "" {
			enc, err := encodeSecret(*s.plain)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.member, err)
			}
			data = fmt.Appendf(data, ",%q:%q", s.member, enc)
		}
		data = fmt.Appendf(data, ",%q:true", "update"+strings.ToUpper(s.member[:1])+s.member[1:])
	}
	return append(data, '}'), nil
}

// credentialBody checks cr before it is sent. It returns the body, the plain
// and encoded secrets (to mask in logs) and an error naming the member when a
// secret is too long; the error never contains a secret.
func credentialBody(cr Credential) (Credential, []string, error) {
	var secrets []string
	if cr.Community != nil { // readable by GET, but still a secret in logs and errors
		secrets = append(secrets, *cr.Community)
	}
	for _, s := range cr.secrets() {
		if s.plain == nil || *s.plain == "" {
			continue
		}
		enc, err := encodeSecret(*s.plain)
		if err != nil {
			return Credential{}, nil, fmt.Errorf("%s: %w", s.member, err)
		}
		secrets = append(secrets, *s.plain, enc)
	}
	return cr, secrets, nil
}

// credentialPage is one page of the list answer.
type credentialPage struct {
	Data       *[]credentialIn `json:"data"`
	Count      flexInt64       `json:"count"`
	Pagination *struct {
		Page       flexInt64 `json:"page"`
		PageSize   flexInt64 `json:"pageSize"`
		NumPages   flexInt64 `json:"numPages"`
		TotalCount flexInt64 `json:"totalCount"`
	} `json:"pagination"`
}

// check reports a page without its data list, or with a malformed item.
func (p *credentialPage) check() error {
	if p.Data == nil {
		return errors.New("the answer has no data list")
	}
	for i := range *p.Data {
		if err := (*p.Data)[i].check(0); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	return nil
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
