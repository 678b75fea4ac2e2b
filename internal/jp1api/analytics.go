package jp1api

import (
	"bytes"
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

const (
	analyticsCredentialsPath = "/Analytics/v1/objects/Credentials"
	analyticsVersionPath     = "/Analytics/v1/configuration/version"
	analyticsPageSize        = 100
	// analyticsListSlack is how many credentials more than the first page's
	// totalCount a listing reads (credentials created while it pages).
	analyticsListSlack = 2 * analyticsPageSize
	// analyticsMaxCredentials is the most credentials a listing holds
	// (docs/design/jp1-api.md §2.4): a server that reports more (totalCount)
	// or keeps giving new ones past it ends the listing with an error, so
	// that a broken or hostile server cannot make the provider grow without
	// bound. The memory a listing holds at the limit:
	//
	//   - per credential, about 640 bytes besides its text: the Credential
	//     value is 184 bytes (InstanceID and NumOfRelatedResources 8 each,
	//     Name and CredentialType 16 each, 17 pointers of 8), up to 2.25
	//     times that while append grows the slice (the old array and one
	//     1.25 times larger) = 414; the values its pointers hold, 8 string
	//     headers of 16 and 5 booleans or numbers of 8 = 168; the entry of
	//     the instanceIDs seen, about 40. 100,000 x 640 B = 61 MiB;
	//   - the text (names and the other string members), at most
	//     analyticsMaxListText = 96 MiB in all, about 1,000 bytes a credential at
	//     the limit (honest ones need 10 to 700: a name is at most 255
	//     characters, a user ID 64);
	//   - the page being read: its body, at most maxBodyBytes (16 MiB), and
	//     what it decodes to, at most 100 credentials (pages are refused
	//     beyond analyticsPageSize) whose text is at most 3 x 16 MiB (JSON decoding
	//     turns an invalid byte into the 3 bytes of U+FFFD) before the text
	//     limit refuses it.
	//
	// 61 + 96 + 16 + 48 = 221 MiB at most, below the 256 MiB a listing may
	// take (measured: about 270 bytes held a credential with short text; the
	// 640 allow for the slice growing). Requests are at most
	// (analyticsMaxCredentials+analyticsListSlack)/analyticsPageSize = 1,002.
	analyticsMaxCredentials = 100_000
	// analyticsMaxListText bounds the bytes of text a listing holds (see analyticsMaxCredentials).
	analyticsMaxListText = 96 << 20
	// hssoReuse is how long an HSSO token is reused (tokens live 1,000 s).
	hssoReuse = 900 * time.Second
)

// AnalyticsClient calls the JP1/Operations Analytics REST API. It is safe for
// concurrent use.
type AnalyticsClient struct {
	h    *HTTP
	base string
	auth *analyticsAuth
	gate *gate // one refused Basic authentication at most
}

// NewAnalyticsClient returns a client for cfg that sends its requests through h.
func NewAnalyticsClient(h *HTTP, cfg AnalyticsConfig) *AnalyticsClient {
	return &AnalyticsClient{
		h:    h,
		base: trimBase(cfg.Endpoint),
		gate: newGate(trimBase(cfg.Endpoint)),
		auth: &analyticsAuth{password: cfg.Password, userPass: cfg.Username + ":" + cfg.Password, basic: basicHeader(cfg.Username, cfg.Password), now: time.Now},
	}
}

// analyticsAuth: Basic, then the HSSO token of the last success while younger than
// 900 s; a 401 on a token drops it and replays once with Basic.
type analyticsAuth struct {
	password string
	userPass string
	basic    string
	now      func() time.Time

	mu     sync.Mutex
	token  string
	issued time.Time
	seen   []string // recent tokens, masked in logs
}

func (a *analyticsAuth) authorize(_ context.Context, c *call) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	// The replay of a refused token goes with Basic: a newer token may come
	// from an answer served before the server dropped every token.
	replay := c.reauth
	c.reauth = false
	if !replay && a.token != "" && a.now().Sub(a.issued) < hssoReuse {
		c.authScheme, c.authToken = "HSSO", a.token
		return "HSSO " + a.token, nil
	}
	c.authScheme, c.authToken = "Basic", ""
	return a.basic, nil
}

func (a *analyticsAuth) replay401(c *call) bool {
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

func (a *analyticsAuth) observe(resp *http.Response) {
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

func (a *analyticsAuth) secrets() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string{a.password, a.userPass, a.basic}, a.seen...)
}

// do runs an authenticated OA request and adds the OA remedies to errors.
func (c *AnalyticsClient) do(ctx context.Context, r *request) (*call, []byte, error) {
	r.auth, r.product = c.auth, ProductAnalytics
	return c.gate.run(ctx, r, func(ctx context.Context) (*call, []byte, error) {
		cl, data, err := c.h.do(ctx, c.base, r)
		return cl, data, analyticsHint(err, cl)
	})
}

func analyticsHint(err error, cl *call) error {
	var e *APIError
	if !errors.As(err, &e) || e.Hint != "" {
		return err
	}
	switch {
	case e.StatusCode == http.StatusUnauthorized && cl.authScheme == "Basic":
		e.Hint, e.Cause = "Operations Analytics refused the user name or password", CauseCredentialsRefused
	case e.StatusCode == http.StatusUnauthorized:
		e.Hint = "Operations Analytics refused its own session token again after a new one was issued: check its authentication settings"
	case e.StatusCode == http.StatusForbidden:
		e.Hint = "the Operations Analytics user needs the Admin permission"
	}
	return err
}

func credentialPath(id int64) string {
	return analyticsCredentialsPath + "/" + strconv.FormatInt(id, 10)
}

// Version returns the product and API versions (GET /Analytics/v1/configuration/version).
func (c *AnalyticsClient) Version(ctx context.Context) (map[string]any, error) {
	out := map[string]any{}
	if _, _, err := c.do(ctx, &request{method: http.MethodGet, path: analyticsVersionPath, logBody: true, decode: answer(&out, nil)}); err != nil {
		return nil, err
	}
	return out, nil
}

// ListCredentials returns every credential. It pages (?page=N&pageSize=100)
// until page >= numPages, and sets its own limits whatever the server says:
// it stops on an empty page, on an answer for another page than the one
// asked for, and once it has read the first page's totalCount (with slack
// for credentials added meanwhile); a credential listed twice is kept once.
// A page with more than pageSize credentials, a totalCount above
// analyticsMaxCredentials, more credentials than that or more text than
// analyticsMaxListText is an error that names the numbers.
func (c *AnalyticsClient) ListCredentials(ctx context.Context) ([]Credential, error) {
	all, err := c.listCredentials(ctx, analyticsListLimits)
	if err != nil {
		return nil, err
	}
	return all, nil
}

// listLimits bounds a listing: credentials held and bytes of their text.
type listLimits struct{ credentials, text int }

// analyticsListLimits are the limits of every listing (a test may shrink them for
// a listing of its own, to prove them without sending 96 MiB).
var analyticsListLimits = listLimits{credentials: analyticsMaxCredentials, text: analyticsMaxListText}

// listCredentials is ListCredentials within lim, which also returns, with an
// error, what it held when it stopped (for the tests of its limits).
func (c *AnalyticsClient) listCredentials(ctx context.Context, lim listLimits) ([]Credential, error) {
	var all []Credential
	seen := map[int64]bool{}
	text := 0          // bytes of text held (credentialText)
	limit := int64(-1) // credentials to read at most; -1 until the first page says
	for page := 1; ; page++ {
		path := fmt.Sprintf("%s?page=%d&pageSize=%d", analyticsCredentialsPath, page, analyticsPageSize)
		var p credentialPage
		cl, _, err := c.do(ctx, &request{method: http.MethodGet, path: path, decode: answer(&p, p.check)})
		if err != nil {
			return all, err
		}
		refuse := func(format string, args ...any) *APIError {
			return &APIError{Method: http.MethodGet, Endpoint: analyticsCredentialsPath, Product: ProductAnalytics, StatusCode: http.StatusOK, Attempts: cl.attempts,
				Message: fmt.Sprintf(format, args...)}
		}
		tooMany := func() *APIError {
			return refuse("Operations Analytics lists more than %d credentials, the most the provider reads (docs/design/jp1-api.md §2.4)",
				lim.credentials)
		}
		if n := len(*p.Data); n > analyticsPageSize {
			e := refuse("the answer is malformed: page %d holds %d credentials, but at most %d were asked for (pageSize=%d)",
				page, n, analyticsPageSize, analyticsPageSize)
			e.Hint = "the server is broken or hostile: Operations Analytics never answers more than it was asked for"
			return all, e
		}
		pg := p.Pagination
		if pg != nil && limit < 0 && int64(pg.TotalCount) > int64(lim.credentials) {
			return all, refuse("the answer reports %d credentials (totalCount); the provider reads at most %d (docs/design/jp1-api.md §2.4)",
				int64(pg.TotalCount), lim.credentials)
		}
		for _, w := range *p.Data {
			cr := w.credential()
			if seen[cr.InstanceID] {
				continue
			}
			if len(all) >= lim.credentials {
				return all, tooMany()
			}
			if text += credentialText(&cr); text > lim.text {
				return all, refuse("the credentials listed hold more than %d MiB of names and other text, the most the provider reads (docs/design/jp1-api.md §2.4)",
					lim.text>>20)
			}
			seen[cr.InstanceID] = true
			all = append(all, cr)
		}
		// No pagination member: the server ignored the paging parameters
		// and gave everything it had on this one answer.
		if pg == nil || page >= int(pg.NumPages) || len(*p.Data) == 0 || int(pg.Page) != page {
			return all, nil
		}
		if limit < 0 {
			limit = int64(pg.TotalCount) + analyticsListSlack
		}
		if int64(page)*analyticsPageSize >= limit {
			return all, nil
		}
		if len(all) >= lim.credentials { // and more pages to come: no need to ask for one
			return all, tooMany()
		}
	}
}

// credentialText is the bytes of text a credential holds.
func credentialText(cr *Credential) int {
	n := len(cr.Name) + len(cr.CredentialType)
	for _, s := range []*string{cr.UserID, cr.DomainName, cr.Namespace, cr.Community, cr.SNMPVersion, cr.UserName,
		cr.AuthenticationProtocol, cr.PrivacyProtocol} {
		if s != nil {
			n += len(*s)
		}
	}
	return n
}

// GetCredential reads one credential; a missing one is an APIError with IsNotFound.
func (c *AnalyticsClient) GetCredential(ctx context.Context, id int64) (*Credential, error) {
	var w credentialIn
	_, _, err := c.do(ctx, &request{method: http.MethodGet, path: credentialPath(id), decode: answer(&w, func() error { return w.check(id) })})
	if err != nil {
		return nil, err
	}
	cr := w.credential()
	return &cr, nil
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
	return nil, &APIError{Method: http.MethodGet, Endpoint: analyticsCredentialsPath, Product: ProductAnalytics, StatusCode: http.StatusNotFound,
		Message: fmt.Sprintf("no credential is named %q", name)}
}

// FindCredential lists the credentials and returns the one named name of
// credentialType (case-insensitive); when there is none the error satisfies
// IsNotFound. It finds the credential of a create whose outcome is unknown.
func (c *AnalyticsClient) FindCredential(ctx context.Context, name, credentialType string) (*Credential, error) {
	found, err := c.FindCredentialByName(ctx, name)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(found.CredentialType, credentialType) {
		return nil, &APIError{Method: http.MethodGet, Endpoint: analyticsCredentialsPath, Product: ProductAnalytics, StatusCode: http.StatusNotFound,
			Message: fmt.Sprintf("the credential named %q is of type %s, not %s", name, found.CredentialType, credentialType)}
	}
	return found, nil
}

// CreateCredential creates cr (secrets sent Base64 with their update* flags).
// A create is retried only when the server did not process it, or when an
// attempt's answer was lost; when a later attempt then answers 409, the
// credential our lost attempt created is looked up by name and type and
// returned. When no attempt settles it, the error has MayHaveCreated: the
// caller can find the credential again with FindCredential.
func (c *AnalyticsClient) CreateCredential(ctx context.Context, cr Credential) (*Credential, error) {
	body, secrets, err := credentialBody(cr)
	if err != nil {
		return nil, fmt.Errorf("credential %q: %w", cr.Name, err)
	}
	var w credentialIn
	cl, _, err := c.do(ctx, &request{method: http.MethodPost, path: analyticsCredentialsPath, body: body, kind: kindCreate, secrets: secrets,
		decode: answer(&w, func() error { return w.check(0) })})
	if err != nil {
		othersName := false // the name belongs to a credential of another type: not ours
		if isConflict(err) && cl.possiblyProcessed {
			found, ferr := c.FindCredentialByName(ctx, cr.Name)
			if ferr == nil && strings.EqualFold(found.CredentialType, cr.CredentialType) {
				tflog.Debug(ctx, "JP1 API: adopted the credential created by an attempt whose answer was lost",
					map[string]any{"path": analyticsCredentialsPath, "instance_id": found.InstanceID, "attempts": cl.attempts})
				return found, nil
			}
			othersName = ferr == nil
		}
		return nil, createHint(err, cl, cr.Name, othersName)
	}
	out := w.credential()
	return &out, nil
}

// createHint explains a failed create: an existing name is CauseAlreadyExists;
// a possibly processed request says the credential may exist.
func createHint(err error, cl *call, name string, othersName bool) error {
	var e *APIError
	if !errors.As(err, &e) {
		return err
	}
	switch {
	case isConflict(err) && (!cl.possiblyProcessed || othersName):
		e.Cause, e.Existing = CauseAlreadyExists, name
		e.Hint = fmt.Sprintf("a credential named %q already exists", name)
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
	// An empty answer (204, or an empty 200) is allowed: the credential is
	// then read back.
	var w credentialIn
	empty := false
	_, _, err = c.do(ctx, &request{method: http.MethodPut, path: credentialPath(id), body: body, secrets: secrets,
		decode: func(data []byte) error {
			if empty = len(bytes.TrimSpace(data)) == 0; empty {
				return nil
			}
			return answer(&w, func() error { return w.check(id) })(data)
		}})
	if err != nil {
		if isConflict(err) {
			var e *APIError
			if errors.As(err, &e) && e.Hint == "" {
				e.Hint = fmt.Sprintf("another credential is already named %q", cr.Name)
			}
		}
		return nil, err
	}
	if empty {
		return c.GetCredential(ctx, id)
	}
	out := w.credential()
	return &out, nil
}

// DeleteCredential deletes credential id; an already missing one is not an error.
func (c *AnalyticsClient) DeleteCredential(ctx context.Context, id int64) error {
	_, _, err := c.do(ctx, &request{method: http.MethodDelete, path: credentialPath(id)})
	if IsNotFound(err) {
		return nil
	}
	return err
}
