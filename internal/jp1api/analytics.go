package jp1api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// AnalyticsConfig is the connection to JP1/Operations Analytics.
type AnalyticsConfig struct{ Endpoint, Username, Password string } // Endpoint like "http://host:22015"

// Credential is an OA authentication-information object (jp1-api.md 2.3).
// Secrets are plain text; nil = not sent / not changed; "" = cleared (its
// update* flag is sent without a value). The server never returns them, so
// they are always nil in answers.
type Credential struct {
	InstanceID               int64
	Name                     string
	CredentialType           string // WMI SSH WBEM SNMP
	UserID                   *string
	Password                 *string // plain text; nil = not sent / not changed
	PasswordNotRequired      *bool
	PortNumber               *int64
	RootPassword             *string // plain text
	SSL                      *bool
	DomainName               *string // wire "domainname"
	Namespace                *string
	Community                *string
	SNMPVersion              *string // V1_V2C V3
	UserName                 *string
	AuthenticationEnabled    *bool
	AuthenticationProtocol   *string // MD5 SHA1
	AuthenticationPassphrase *string // plain text
	PrivacyEnabled           *bool
	PrivacyProtocol          *string // DES AES128
	PrivacyPassphrase        *string // plain text
	NumOfRelatedResources    int64   // read-only
}

const (
	oaCredentialsPath = "/Analytics/v1/objects/Credentials"
	oaVersionPath     = "/Analytics/v1/configuration/version"
	oaPageSize        = 100
	oaMaxPages        = 100000
	// hssoReuse is how long an HSSO token is reused (tokens live 1,000 s).
	hssoReuse = 900 * time.Second
)

// AnalyticsClient calls the JP1/Operations Analytics REST API. It is safe for
// concurrent use.
type AnalyticsClient struct {
	h    *HTTP
	base string
	auth *oaAuth
}

// NewAnalyticsClient returns a client for cfg that sends its requests through h.
func NewAnalyticsClient(h *HTTP, cfg AnalyticsConfig) *AnalyticsClient {
	return &AnalyticsClient{
		h:    h,
		base: trimBase(cfg.Endpoint),
		auth: &oaAuth{password: cfg.Password, userPass: cfg.Username + ":" + cfg.Password, basic: basicHeader(cfg.Username, cfg.Password), now: time.Now},
	}
}

// oaAuth: Basic, then the HSSO token of the last success while younger than
// 900 s; a 401 on a token drops it and replays once with Basic.
type oaAuth struct {
	password string
	userPass string
	basic    string
	now      func() time.Time

	mu     sync.Mutex
	token  string
	issued time.Time
	seen   []string // recent tokens, masked in logs
}

func (a *oaAuth) authorize(_ context.Context, c *call) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.token != "" && a.now().Sub(a.issued) < hssoReuse {
		c.authScheme, c.authToken = "HSSO", a.token
		return "HSSO " + a.token, nil
	}
	c.authScheme, c.authToken = "Basic", ""
	return a.basic, nil
}

func (a *oaAuth) replay401(c *call) bool {
	if c.authScheme != "HSSO" {
		return false
	}
	a.mu.Lock()
	if a.token == c.authToken {
		a.token = ""
	}
	a.mu.Unlock()
	return true
}

func (a *oaAuth) observe(resp *http.Response) {
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return
	}
	for _, v := range resp.Header.Values("WWW-Authenticate") {
		scheme, tok, ok := strings.Cut(strings.TrimSpace(v), " ")
		tok = strings.TrimSpace(tok)
		if !ok || !strings.EqualFold(scheme, "HSSO") || tok == "" {
			continue
		}
		a.mu.Lock()
		if tok != a.token {
			a.token, a.issued = tok, a.now()
			a.seen = append(a.seen, tok)
			if len(a.seen) > 8 {
				a.seen = a.seen[len(a.seen)-8:]
			}
		}
		a.mu.Unlock()
	}
}

func (a *oaAuth) secrets() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string{a.password, a.userPass, a.basic}, a.seen...)
}

// do runs an authenticated OA request and adds the OA remedies to errors.
func (c *AnalyticsClient) do(ctx context.Context, r *request) (*call, []byte, error) {
	r.auth = c.auth
	cl, data, err := c.h.do(ctx, c.base, r)
	return cl, data, oaHint(err)
}

func oaHint(err error) error {
	var e *APIError
	if !errors.As(err, &e) || e.Hint != "" {
		return err
	}
	switch e.StatusCode {
	case http.StatusUnauthorized:
		e.Hint = "check the analytics username/password"
	case http.StatusForbidden:
		e.Hint = "the Operations Analytics user needs the Admin permission"
	}
	return err
}

func credentialPath(id int64) string {
	return oaCredentialsPath + "/" + strconv.FormatInt(id, 10)
}

// Version returns the product and API versions (GET /Analytics/v1/configuration/version).
func (c *AnalyticsClient) Version(ctx context.Context) (map[string]any, error) {
	cl, data, err := c.do(ctx, &request{method: http.MethodGet, path: oaVersionPath, logBody: true})
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	if err := decodeJSON(cl, data, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListCredentials returns every credential. It always pages
// (?page=N&pageSize=100) until page >= numPages.
func (c *AnalyticsClient) ListCredentials(ctx context.Context) ([]Credential, error) {
	var all []Credential
	for page := 1; page <= oaMaxPages; page++ {
		path := fmt.Sprintf("%s?page=%d&pageSize=%d", oaCredentialsPath, page, oaPageSize)
		cl, data, err := c.do(ctx, &request{method: http.MethodGet, path: path})
		if err != nil {
			return nil, err
		}
		var p credentialPage
		if err := decodeJSON(cl, data, &p); err != nil {
			return nil, err
		}
		for i := range p.Data {
			all = append(all, p.Data[i].credential())
		}
		// No pagination member: the server ignored the paging parameters
		// and gave everything it had on this one answer.
		if p.Pagination == nil || page >= int(p.Pagination.NumPages) {
			return all, nil
		}
	}
	return all, nil
}

// GetCredential reads one credential; a missing one is an APIError with IsNotFound.
func (c *AnalyticsClient) GetCredential(ctx context.Context, id int64) (*Credential, error) {
	cl, data, err := c.do(ctx, &request{method: http.MethodGet, path: credentialPath(id)})
	if err != nil {
		return nil, err
	}
	return decodeCredential(cl, data)
}

// FindCredentialByName lists the credentials and returns the one named name;
// when there is none the error satisfies IsNotFound.
func (c *AnalyticsClient) FindCredentialByName(ctx context.Context, name string) (*Credential, error) {
	all, err := c.ListCredentials(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].Name == name {
			return &all[i], nil
		}
	}
	return nil, &APIError{Method: http.MethodGet, Endpoint: oaCredentialsPath, StatusCode: http.StatusNotFound,
		Message: fmt.Sprintf("no credential is named %q", name)}
}

// CreateCredential creates cr (secrets sent Base64 with their update* flags).
// A create is retried only when the server did not process it; when an
// attempt's answer was lost and a later attempt answers 409, the credential
// our lost attempt created is looked up by name and returned.
func (c *AnalyticsClient) CreateCredential(ctx context.Context, cr Credential) (*Credential, error) {
	body, secrets, err := credentialBody(cr)
	if err != nil {
		return nil, fmt.Errorf("credential %q: %w", cr.Name, err)
	}
	cl, data, err := c.do(ctx, &request{method: http.MethodPost, path: oaCredentialsPath, body: body, kind: kindCreate, secrets: secrets})
	if err != nil {
		othersName := false // the name belongs to a credential of another type: not ours
		if IsConflict(err) && cl.possiblyProcessed {
			found, ferr := c.FindCredentialByName(ctx, cr.Name)
			if ferr == nil && strings.EqualFold(found.CredentialType, cr.CredentialType) {
				tflog.Debug(ctx, "JP1 API: adopted the credential created by an attempt whose answer was lost",
					map[string]any{"path": oaCredentialsPath, "instance_id": found.InstanceID, "attempts": cl.attempts})
				return found, nil
			}
			othersName = ferr == nil
		}
		return nil, createHint(err, cl, cr.Name, othersName)
	}
	out, err := decodeCredential(cl, data)
	if err != nil {
		return nil, err
	}
	if out.InstanceID == 0 {
		// The answer has no instanceID: find it, so nothing is orphaned.
		found, ferr := c.FindCredentialByName(ctx, cr.Name)
		if ferr != nil {
			return nil, fmt.Errorf("%s %s: the answer has no instanceID and the credential %q cannot be found by name: %w",
				http.MethodPost, oaCredentialsPath, cr.Name, ferr)
		}
		return found, nil
	}
	return out, nil
}

// createHint explains a failed create: an existing name suggests import; a
// possibly processed request says the credential may exist.
func createHint(err error, cl *call, name string, othersName bool) error {
	var e *APIError
	if !errors.As(err, &e) {
		return err
	}
	imp := fmt.Sprintf("terraform import jp1_analytics_credential.%s %s", resourceLabel(name), shellQuote("name:"+name))
	switch {
	case IsConflict(err) && (!cl.possiblyProcessed || othersName):
		e.Hint = fmt.Sprintf("a credential named %q already exists: import it with `%s`, or choose another name", name, imp)
	case cl.possiblyProcessed:
		e.MayHaveCreated = true
		e.Hint = joinHints(e.Hint, fmt.Sprintf("the request may have reached the server before its answer was lost, so a credential named %q may exist now", name))
	}
	return err
}

// UpdateCredential replaces credential id with cr (a full replace of the
// non-secret members). A non-nil secret is changed: it is sent Base64 with its
// update* flag true.
func (c *AnalyticsClient) UpdateCredential(ctx context.Context, id int64, cr Credential) (*Credential, error) {
	body, secrets, err := credentialBody(cr)
	if err != nil {
		return nil, fmt.Errorf("credential %q: %w", cr.Name, err)
	}
	cl, data, err := c.do(ctx, &request{method: http.MethodPut, path: credentialPath(id), body: body, secrets: secrets})
	if err != nil {
		if IsConflict(err) {
			var e *APIError
			if errors.As(err, &e) && e.Hint == "" {
				e.Hint = fmt.Sprintf("another credential is already named %q", cr.Name)
			}
		}
		return nil, err
	}
	if len(strings.TrimSpace(string(data))) == 0 { // tolerate 204 / empty 200
		return c.GetCredential(ctx, id)
	}
	out, err := decodeCredential(cl, data)
	if err != nil {
		return nil, err
	}
	if out.InstanceID == 0 {
		out.InstanceID = id
	}
	return out, nil
}

// DeleteCredential deletes credential id; an already missing one is not an error.
func (c *AnalyticsClient) DeleteCredential(ctx context.Context, id int64) error {
	_, _, err := c.do(ctx, &request{method: http.MethodDelete, path: credentialPath(id)})
	if IsNotFound(err) {
		return nil
	}
	return err
}

func decodeCredential(cl *call, data []byte) (*Credential, error) {
	var w credentialIn
	if err := decodeJSON(cl, data, &w); err != nil {
		return nil, err
	}
	cr := w.credential()
	return &cr, nil
}

// resourceLabel turns a name into a Terraform resource label.
func resourceLabel(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case isLetter(r), isDigit(r), r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	if s == "" || !isLetter(rune(s[0])) && s[0] != '_' {
		s = "r_" + s
	}
	return s
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !isLetter(r) && !isDigit(r) && !strings.ContainsRune("_-.:/@=+,", r) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
