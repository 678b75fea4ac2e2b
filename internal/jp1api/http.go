package jp1api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// Options configures the shared HTTP client.
type Options struct {
	// ExtraCAs is PEM text of CA certificates trusted in addition to the
	// system's (an in-house CA); nil trusts the system's alone.
	ExtraCAs []byte
	// InsecureSkipVerify turns certificate verification off (trials only).
	InsecureSkipVerify bool
	RequestTimeout     time.Duration // per attempt; 0 = 30s
	MaxAttempts        int           // total attempts incl. the first; 0 = 5
	MinWait            time.Duration // 0 = 500ms
	MaxWait            time.Duration // 0 = 30s
	UserAgent          string        // e.g. "terraform-provider-jp1/1.2.3"
}

const (
	defaultRequestTimeout = 30 * time.Second
	defaultMaxAttempts    = 5
	defaultMinWait        = 500 * time.Millisecond
	defaultMaxWait        = 30 * time.Second
	defaultUserAgent      = "terraform-provider-jp1"

	// fewAttempts bounds "retry a few times" (server faults, IM DB errors).
	fewAttempts = 3
	// maxAuthReplays bounds the replays after a 401 within one call; they do
	// not count against MaxAttempts.
	maxAuthReplays = 2
	// maxBodyBytes bounds how much of an answer is read.
	maxBodyBytes = 16 << 20
)

func (o Options) withDefaults() Options {
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = defaultRequestTimeout
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = defaultMaxAttempts
	}
	if o.MinWait <= 0 {
		o.MinWait = defaultMinWait
	}
	if o.MaxWait <= 0 {
		o.MaxWait = defaultMaxWait
	}
	if o.MaxWait < o.MinWait {
		o.MaxWait = o.MinWait
	}
	if strings.TrimSpace(o.UserAgent) == "" {
		o.UserAgent = defaultUserAgent
	}
	return o
}

// HTTP is the one retrying HTTP client of a provider process. It is safe for
// concurrent use; build it once (provider Configure) and share it between the
// IM and Analytics clients.
type HTTP struct {
	client      *retryablehttp.Client
	maxAttempts int
	userAgent   string

	// down holds, by endpoint URL, what an earlier call found that no call to
	// that endpoint can get past in this process (see remember).
	downMu sync.Mutex
	down   map[string]*downEndpoint
}

// downEndpoint is an endpoint found that no call can succeed at in this
// process: the error of the call that found it, and why, in a few words.
type downEndpoint struct {
	first  APIError // a copy, never changed
	reason string   // "was found unreachable (connection refused)"
}

// NewHTTP builds the shared client: one go-retryablehttp client (its own
// stderr logger off), a per-attempt timeout, the retry policy of the API
// contract, jittered exponential backoff honouring Retry-After, and the tflog
// logging transport.
func NewHTTP(opts Options) *HTTP {
	opts = opts.withDefaults()
	// A transport of its own (net/http's defaults, keep-alives pooled), so no
	// other code's settings on http.DefaultTransport reach JP1's connections.
	base := cleanhttp.DefaultPooledTransport()
	base.TLSClientConfig = tlsConfig(opts)
	h := &HTTP{maxAttempts: opts.MaxAttempts, userAgent: opts.UserAgent}
	h.client = &retryablehttp.Client{
		HTTPClient: &http.Client{
			Transport: &loggingTransport{base: base},
			Timeout:   opts.RequestTimeout,
			// JP1 does not redirect; a redirect (e.g. a front proxy sending
			// http to https) is reported, never followed with credentials.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		Logger:       nil,
		RetryWaitMin: opts.MinWait,
		RetryWaitMax: opts.MaxWait,
		RetryMax:     opts.MaxAttempts - 1 + maxAuthReplays,
		CheckRetry:   h.checkRetry,
		Backoff:      backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		PrepareRetry: prepareRetry,
	}
	return h
}

// callKind selects the retry rules of docs/design/jp1-api.md §3.
type callKind int

const (
	// kindIdempotent: GET, PUT, DELETE, IM list/delete, proxyUsers, login.
	kindIdempotent callKind = iota
	// kindCreate: IM generateInfo, OA POST. Retried only when the server
	// did not process the request; lost answers are recorded.
	kindCreate
	// kindOnce: a single attempt (logout).
	kindOnce
	// kindUpsert: IM subManagers createInfo. Retried like an idempotent call
	// (sending it again sets the same value); its lost answers are recorded
	// like those of every call, and its caller decides what they mean.
	kindUpsert
)

// retriesServerFaults says whether a 500 without a known messageId is retried.
func (k callKind) retriesServerFaults() bool { return k == kindIdempotent || k == kindUpsert }

// verdict is the answer of a request's onServerError hook.
type verdict int

const (
	verdictDefault verdict = iota // apply the default rules
	verdictRetry                  // retry a few times
	verdictStop                   // report the error
	verdictDone                   // the operation is known to be complete: success
)

// request describes one API call.
type request struct {
	method  string
	path    string  // absolute path, may carry a query string
	product Product // the product called: every error of the call names it
	body    any     // JSON-encoded when non-nil
	kind    callKind
	auth    authenticator // nil = no Authorization header
	secrets []string      // per-request secrets to mask in logs (plain; Base64 forms are added)
	// busy, when set, picks out the 5xx answers that mean "busy, try later"
	// and are retried with the full budget (the proxyUsers lock), by messageId
	// and returnCode (nil when the answer has none).
	busy func(messageID string, returnCode *int) bool
	// onServerError, when set, is consulted for every 5xx answer carrying a
	// messageId before the default rules.
	onServerError func(ctx context.Context, status int, messageID string) verdict
	// logBody allows the answer body at TRACE (only for non-credential endpoints).
	logBody bool
	// decode, when set, decodes a 2xx answer and checks that it has the
	// members the contract promises (see answer). A malformed answer is
	// retried like a server fault, then reported.
	decode func(data []byte) error
}

// call is the per-request state; it travels in the request context so that
// CheckRetry, PrepareRetry and the transport of go-retryablehttp can see it.
type call struct {
	req      *request
	endpoint string // path without query
	attempts int    // attempts made (counted in CheckRetry)

	authReplays  int  // replays after 401
	serverFaults int  // 5xx answers retried only "a few times" (fewAttempts), whatever else failed
	reauth       bool // the next attempt needs fresh credentials
	authGen      uint64
	authOwn      bool // the token sent was issued for this call's replay
	authScheme   string
	authToken    string
	// sent is set when an attempt's request was written in full (from the
	// attempt's httptrace; reset for each attempt).
	sent atomic.Bool
	// possiblyProcessed: an attempt was sent and its answer lost, so the
	// server may have processed the request without us seeing the answer.
	possiblyProcessed bool
	answered          bool // an attempt received an answer (any status)
	resolved          bool // onServerError found the operation complete
	// decoded: checkRetry decoded the last answer, a success, without error
	// (so do need not decode it again).
	decoded bool

	retryAt     time.Time // when CheckRetry decided to retry (to log the wait)
	retryReason string
}

type callKey struct{}

func callFrom(ctx context.Context) *call {
	c, _ := ctx.Value(callKey{}).(*call)
	return c
}

// budgetUsed is the number of attempts that count against MaxAttempts.
func (c *call) budgetUsed() int { return c.attempts - c.authReplays }

// secrets returns everything to mask while logging this call.
func (c *call) secrets() []string {
	s := append([]string(nil), c.req.secrets...)
	if c.req.auth != nil {
		s = append(s, c.req.auth.secrets()...)
	}
	if c.authToken != "" {
		s = append(s, c.authToken)
	}
	return s
}

func pathOnly(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		return p[:i]
	}
	return p
}

// do runs one API call through the retrying client. It always returns the
// call state (attempts, lost answers). A non-2xx answer is an *APIError; the
// body of a 2xx answer is returned (possibly empty).
func (h *HTTP) do(ctx context.Context, baseURL string, r *request) (*call, []byte, error) {
	c := &call{req: r, endpoint: pathOnly(r.path)}
	var body []byte
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			// json errors name types, never values.
			return c, nil, &APIError{Method: r.method, Endpoint: c.endpoint, Product: r.product, Err: fmt.Errorf("encoding the request: %w", err)}
		}
		body = b
	}
	if err := ctx.Err(); err != nil {
		return c, nil, c.transportError(err)
	}
	// A call made within another (a login for a replay, a lookup that
	// settles a lost answer) belongs to a call that is already under way;
	// every other one is not made once the endpoint is known to be down.
	if callFrom(ctx) == nil {
		if err := h.downError(baseURL, r); err != nil {
			return c, nil, err
		}
	}
	outer := ctx
	ctx = context.WithValue(ctx, callKey{}, c)

	var rawBody any
	if body != nil {
		rawBody = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.method, baseURL+r.path, rawBody)
	if err != nil {
		return c, nil, &APIError{Method: r.method, Endpoint: c.endpoint, Product: r.product, Err: err}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Language", "en")
	req.Header.Set("User-Agent", h.userAgent)
	if r.auth != nil {
		v, err := r.auth.authorize(ctx, c)
		if err != nil {
			return c, nil, err
		}
		req.Header.Set("Authorization", v)
	}

	resp, err := h.client.Do(req)
	if err != nil {
		if resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
		}
		var apiErr *APIError
		if errors.As(err, &apiErr) { // a login made for a replay failed
			return c, nil, err
		}
		e := c.transportError(err)
		h.remember(outer, baseURL, c, e, err)
		return c, nil, e
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	success := resp.StatusCode >= 200 && resp.StatusCode < 300
	if err != nil && success {
		// A success cut off (a reset or a timeout while its body was read):
		// a lost answer, never a malformed one. (checkRetry saw it first and
		// retried it while the budget lasted.)
		c.possiblyProcessed = true
		return c, nil, c.transportError(fmt.Errorf("reading the answer: its body did not arrive in full: %w", err))
	}
	// An error answer cut off still says what happened by its status (a 409
	// after a lost answer is recovered like any other): what arrived of its
	// body is read as its body.
	if c.resolved {
		return c, nil, nil
	}
	if success {
		if r.decode != nil && !c.decoded {
			if err := r.decode(data); err != nil {
				return c, data, c.malformedError(resp.StatusCode, err)
			}
		}
		return c, data, nil
	}
	// A server or a proxy in front of it may echo the request: its text is
	// withheld whole when it may reveal a secret of this call (mask.go).
	e := newAPIError(r.method, c.endpoint, resp.StatusCode, data, c.attempts)
	e.Product = r.product
	withholdSecrets(e, data, c.secrets())
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		e.Hint = redirectHint(req.URL, resp.Header.Get("Location"), c.secrets())
	case resp.StatusCode == http.StatusBadRequest && bytes.Contains(data, []byte("HTTP request to an HTTPS server")):
		// Go's and other TLS servers answer a plain request on their port so.
		e.Cause = CauseHTTPSRequired
		e.Hint = "the server speaks only HTTPS (an http:// endpoint on an HTTPS port): use an https:// endpoint"
		h.markDown(baseURL, e, "was found to speak only HTTPS")
	}
	return c, data, e
}

// remember marks baseURL down for the rest of the process when the transport
// error err, which ended call c, says that no call there can succeed: a cause
// no retry changes (permanentCause), or nothing answering (refused, no answer
// in time) for the whole of c's budget, with no answer to any of its
// attempts. A call whose context ended (Terraform cancelled it) proves
// nothing. c's own error is unchanged: a create whose answers were lost is
// still reported as one that may have created its object.
func (h *HTTP) remember(ctx context.Context, baseURL string, c *call, e *APIError, err error) {
	if ctx.Err() != nil {
		return
	}
	if reason := permanentCause(err); reason != "" {
		h.markDown(baseURL, e, reason)
		return
	}
	if c.answered || c.budgetUsed() < h.limit(c) || !unreachable(err) {
		return
	}
	how := "connection refused"
	if e.Cause == CauseTimeout {
		how = "no answer in time"
	}
	h.markDown(baseURL, e, "was found unreachable ("+how+")")
}

// markDown records that no call to baseURL can succeed in this process; the
// first record stands.
func (h *HTTP) markDown(baseURL string, e *APIError, reason string) {
	h.downMu.Lock()
	defer h.downMu.Unlock()
	if h.down[baseURL] != nil {
		return
	}
	if h.down == nil {
		h.down = map[string]*downEndpoint{}
	}
	first := *e
	first.MayHaveCreated, first.Existing = false, "" // about the call that found it, not the calls not made
	h.down[baseURL] = &downEndpoint{first: first, reason: reason}
}

// downError is the error of a call r to baseURL that is not made because an
// earlier call found the endpoint down (nil when it was not).
func (h *HTTP) downError(baseURL string, r *request) error {
	h.downMu.Lock()
	d := h.down[baseURL]
	h.downMu.Unlock()
	if d == nil {
		return nil
	}
	return notAttempted(r, baseURL, &d.first, d.reason)
}

// NotAttemptedError is a call that was not made: an earlier call of this
// process found what no call to the endpoint can get past in this run (the
// endpoint unreachable, a certificate that fails verification, the login
// refused), and its error, shown in full, says so. It unwraps to a copy of
// that earlier error (Attempts 0, MayHaveCreated false), so that CauseOf,
// StatusCode and MessageID classify it like the first; its own text is one
// line that points at the first error instead of repeating it.
type NotAttemptedError struct {
	Method   string  // this call's
	Endpoint string  // this call's URL path
	Product  Product // this call's
	BaseURL  string  // the endpoint URL the product was configured with
	Reason   string  // what was found: "was found unreachable (connection refused)"
	First    *APIError
}

func (e *NotAttemptedError) Error() string {
	return noControl("not attempted: " + e.Product.String() + " at " + e.BaseURL + " " + e.Reason + " earlier in this run; see the first error")
}

// Unwrap returns the copy of the first error.
func (e *NotAttemptedError) Unwrap() error { return e.First }

// notAttempted builds the error of a call r not made because of first.
func notAttempted(r *request, baseURL string, first *APIError, reason string) *NotAttemptedError {
	cp := *first // each caller may add its remedy to its own copy
	cp.Attempts = 0
	cp.MayHaveCreated, cp.Existing = false, ""
	return &NotAttemptedError{Method: r.method, Endpoint: pathOnly(r.path), Product: r.product, BaseURL: redactLocation(baseURL),
		Reason: reason, First: &cp}
}

// redirectHint explains a redirect, which is never followed: a move of the
// same host from http to https is a wrong endpoint scheme; anything else is
// unexpected of JP1, and its target is not recommended.
//
// The target is server text: a front end may put what the request held in it
// (a path, a host), so another host's target is shown only when it may reveal
// none of secrets (revealsSecret).
func redirectHint(from *url.URL, loc string, secrets []string) string {
	to, err := from.Parse(loc)
	if loc == "" || err != nil {
		return "the server answered with an unexpected redirect"
	}
	if from.Scheme == "http" && to.Scheme == "https" && strings.EqualFold(from.Hostname(), to.Hostname()) {
		to.User, to.Path, to.RawPath, to.RawQuery, to.Fragment = nil, "", "", "", ""
		return "the server redirects http to https: set the endpoint to " + to.String()
	}
	target := "to " + redactLocation(to.String())
	if revealsSecret(loc, secrets) || revealsSecret(target, secrets) {
		target = "(" + withheld("its target") + ")"
	}
	return "the server answered with an unexpected redirect " + target + " (JP1 does not redirect; a proxy or another server may answer at that endpoint)"
}

// transportError wraps an error that came without an answer.
func (c *call) transportError(err error) *APIError {
	e := &APIError{Method: c.req.method, Endpoint: c.endpoint, Product: c.req.product, Attempts: c.attempts, Err: networkError(err, c.secrets())}
	e.Cause, e.Hint = transportCause(err)
	return e
}

// malformedError reports a 2xx answer that is not what the contract says.
func (c *call) malformedError(status int, err error) *APIError {
	// The decoder's words quote what JP1 sent (a value, the members of an
	// answer without its list): server text, judged like any other.
	what := err.Error()
	if revealsSecret(what, c.secrets()) {
		what = withheldMalformed
	}
	return &APIError{Method: c.req.method, Endpoint: c.endpoint, Product: c.req.product, StatusCode: status, Attempts: c.attempts,
		Message: "the answer is malformed: " + what}
}

// answer returns a request's decode: the body must be one JSON object, which
// is decoded into v (wrong types are errors), and then check (nil = none)
// says which promised member is missing or wrong.
func answer(v any, check func() error) func([]byte) error {
	return func(data []byte) error {
		trimmed := bytes.TrimSpace(data)
		if len(trimmed) == 0 {
			return errors.New("the body is empty")
		}
		if trimmed[0] != '{' {
			return errors.New("the body is not a JSON object")
		}
		if err := json.Unmarshal(trimmed, v); err != nil {
			return fmt.Errorf("the body is not the expected JSON: %s", jsonErrorText(err))
		}
		if check != nil {
			return check()
		}
		return nil
	}
}

// jsonErrorText describes a decoding error without quoting the answer (which
// may hold anything): the JSON member and type, or where the syntax broke.
func jsonErrorText(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return fmt.Sprintf("member %q has the JSON type %s, not the expected one", typeErr.Field, typeErr.Value)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("invalid JSON at byte %d", syntaxErr.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON is truncated"
	}
	return "it does not decode"
}

// trimBase normalises an endpoint URL ("http://host:port/" -> "http://host:port").
func trimBase(endpoint string) string {
	return strings.TrimRight(strings.TrimSpace(endpoint), "/")
}

// stringListAnswer is the decode of an IM list answer, {"<member>": ["…", …]}:
// the list is written to *items; an answer without it is an error, never "an
// empty list" (Read would otherwise forget every object in state).
func stringListAnswer(member string, items *[]string) func([]byte) error {
	var out map[string]json.RawMessage
	decode := answer(&out, func() error {
		raw, ok := out[member]
		if !ok || string(raw) == "null" {
			return fmt.Errorf("the answer has no %s list", member)
		}
		if err := json.Unmarshal(raw, items); err != nil {
			return fmt.Errorf("member %q is not a list of strings: %s", member, jsonErrorText(err))
		}
		return nil
	})
	return func(data []byte) error {
		out = nil // each attempt's answer stands alone (json.Unmarshal merges into a map)
		return decode(data)
	}
}
