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

// credentialIn is the wire form of a Credential as read. Secrets are not
// members: the server never returns them and they are never decoded.
type credentialIn struct {
	InstanceID             *flexInt64  `json:"instanceID"`
	Name                   *flexString `json:"name"`
	CredentialType         *flexString `json:"credentialType"`
	UserID                 *flexString `json:"userId"`
	PasswordNotRequired    *flexBool   `json:"passwordNotRequired"`
	PortNumber             *flexInt64  `json:"portNumber"`
	SSL                    *flexBool   `json:"ssl"`
	DomainName             *flexString `json:"domainname"`
	Namespace              *flexString `json:"namespace"`
	Community              *flexString `json:"community"`
	SNMPVersion            *flexString `json:"snmpVersion"`
	UserName               *flexString `json:"userName"`
	AuthenticationEnabled  *flexBool   `json:"authenticationEnabled"`
	AuthenticationProtocol *flexString `json:"authenticationProtocol"`
	PrivacyEnabled         *flexBool   `json:"privacyEnabled"`
	PrivacyProtocol        *flexString `json:"privacyProtocol"`
	NumOfRelatedResources  flexInt64   `json:"numOfRelatedResources"`
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
	str := func(p *flexString) *string {
		if p == nil {
			return nil
		}
		s := string(*p)
		return &s
	}
	boolean := func(p *flexBool) *bool {
		if p == nil {
			return nil
		}
		b := bool(*p)
		return &b
	}
	var port *int64
	if w.PortNumber != nil {
		n := int64(*w.PortNumber)
		port = &n
	}
	return Credential{
		InstanceID:             int64(deref(w.InstanceID)),
		Name:                   string(deref(w.Name)),
		CredentialType:         string(deref(w.CredentialType)),
		UserID:                 str(w.UserID),
		PasswordNotRequired:    boolean(w.PasswordNotRequired),
		PortNumber:             port,
		SSL:                    boolean(w.SSL),
		DomainName:             str(w.DomainName),
		Namespace:              str(w.Namespace),
		Community:              str(w.Community),
		SNMPVersion:            str(w.SNMPVersion),
		UserName:               str(w.UserName),
		AuthenticationEnabled:  boolean(w.AuthenticationEnabled),
		AuthenticationProtocol: str(w.AuthenticationProtocol),
		PrivacyEnabled:         boolean(w.PrivacyEnabled),
		PrivacyProtocol:        str(w.PrivacyProtocol),
		NumOfRelatedResources:  int64(w.NumOfRelatedResources),
	}
}

// credentialOut is the wire form of a Credential as written (create and
// update): nil members are left out; secrets are Base64 with their update*
// flag true; an empty secret is the flag alone, which clears it.
type credentialOut struct {
	Name                           string  `json:"name"`
	CredentialType                 string  `json:"credentialType"`
	UserID                         *string `json:"userId,omitempty"`
	Password                       *string `json:"password,omitempty"`
	UpdatePassword                 *bool   `json:"updatePassword,omitempty"`
	PasswordNotRequired            *bool   `json:"passwordNotRequired,omitempty"`
	PortNumber                     *int64  `json:"portNumber,omitempty"`
	RootPassword                   *string `json:"rootPassword,omitempty"`
	UpdateRootPassword             *bool   `json:"updateRootPassword,omitempty"`
	SSL                            *bool   `json:"ssl,omitempty"`
	DomainName                     *string `json:"domainname,omitempty"`
	Namespace                      *string `json:"namespace,omitempty"`
	Community                      *string `json:"community,omitempty"`
	SNMPVersion                    *string `json:"snmpVersion,omitempty"`
	UserName                       *string `json:"userName,omitempty"`
	AuthenticationEnabled          *bool   `json:"authenticationEnabled,omitempty"`
	AuthenticationProtocol         *string `json:"authenticationProtocol,omitempty"`
	AuthenticationPassphrase       *string `json:"authenticationPassphrase,omitempty"`
	UpdateAuthenticationPassphrase *bool   `json:"updateAuthenticationPassphrase,omitempty"`
	PrivacyEnabled                 *bool   `json:"privacyEnabled,omitempty"`
	PrivacyProtocol                *string `json:"privacyProtocol,omitempty"`
	PrivacyPassphrase              *string `json:"privacyPassphrase,omitempty"`
	UpdatePrivacyPassphrase        *bool   `json:"updatePrivacyPassphrase,omitempty"`
}

// credentialBody builds the wire body of cr. It returns the plain secrets
// (to mask in logs) and an error naming the member when a secret is empty or
// too long; the error never contains a secret.
func credentialBody(cr Credential) (*credentialOut, []string, error) {
	out := &credentialOut{
		Name:                   cr.Name,
		CredentialType:         cr.CredentialType,
		UserID:                 cr.UserID,
		PasswordNotRequired:    cr.PasswordNotRequired,
		PortNumber:             cr.PortNumber,
		SSL:                    cr.SSL,
		DomainName:             cr.DomainName,
		Namespace:              cr.Namespace,
		Community:              cr.Community,
		SNMPVersion:            cr.SNMPVersion,
		UserName:               cr.UserName,
		AuthenticationEnabled:  cr.AuthenticationEnabled,
		AuthenticationProtocol: cr.AuthenticationProtocol,
		PrivacyEnabled:         cr.PrivacyEnabled,
		PrivacyProtocol:        cr.PrivacyProtocol,
	}
	var secrets []string
	if cr.Community != nil { // readable by GET, but still a secret in logs and errors
		secrets = append(secrets, *cr.Community)
	}
	for _, s := range []struct {
		member string
		plain  *string
		wire   **string
		flag   **bool
	}{
		{"password", cr.Password, &out.Password, &out.UpdatePassword},
		{"rootPassword", cr.RootPassword, &out.RootPassword, &out.UpdateRootPassword},
		{"authenticationPassphrase", cr.AuthenticationPassphrase, &out.AuthenticationPassphrase, &out.UpdateAuthenticationPassphrase},
		{"privacyPassphrase", cr.PrivacyPassphrase, &out.PrivacyPassphrase, &out.UpdatePrivacyPassphrase},
	} {
		if s.plain == nil {
			continue
		}
		t := true
		if *s.plain == "" { // clear it: the update flag without the secret (docs/design/jp1-api.md §2.3)
			*s.flag = &t
			continue
		}
		enc, err := encodeSecret(*s.plain)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", s.member, err)
		}
		secrets = append(secrets, *s.plain, enc)
		*s.wire = &enc
		*s.flag = &t
	}
	return out, secrets, nil
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
