package jp1api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
)

// IMConfig is the connection to JP1/IM Manager.
type IMConfig struct{ Endpoint, Username, Password, AuthMethod string } // AuthMethod "login" (default) or "basic"

const (
	imLoginPath   = "/im/api/v1/login/"
	imLogoutPath  = "/im/api/v1/logout/"
	imVersionPath = "/im/api/version"

	hintIMCredentials = "the manager refused the IM user name or password"
	hintIMBasic       = "the manager does not accept Basic authentication: enable it (jp1.imdd.authBasic=true in imdd.properties) or log in instead"
)

// IMClient calls the JP1/IM Manager REST API. It is safe for concurrent use:
// all callers share one login, the proxyUsers calls are serialised, and the
// client-ID, proxy-user and lower-manager lists are cached between writes.
type IMClient struct {
	h     *HTTP
	base  string
	auth  authenticator
	login *imLogin // nil with Basic authentication
	basic bool

	clients       listCache // ListClientIDs
	proxyUsers    listCache // ListProxyUsers
	lowerManagers listCache // ListLowerManagers
	proxyLock     slot      // one proxyUsers call at a time
	gate          *gate     // one refused login (or Basic authentication) at most
}

// NewIMClient returns a client for cfg that sends its requests through h.
// It does not log in until the first request that needs it.
func NewIMClient(h *HTTP, cfg IMConfig) *IMClient {
	c := &IMClient{h: h, base: trimBase(cfg.Endpoint), proxyLock: newSlot(), gate: newGate(trimBase(cfg.Endpoint))}
	if strings.EqualFold(strings.TrimSpace(cfg.AuthMethod), "basic") {
		c.basic = true
		c.auth = &imBasic{password: cfg.Password, userPass: cfg.Username + ":" + cfg.Password, header: basicHeader(cfg.Username, cfg.Password)}
	} else {
		c.login = &imLogin{c: c, user: cfg.Username, password: cfg.Password, slot: newSlot()}
		c.auth = c.login
	}
	return c
}

// do runs an authenticated IM request and adds the IM remedies to errors.
func (c *IMClient) do(ctx context.Context, r *request) (*call, []byte, error) {
	r.auth, r.product = c.auth, ProductIM
	return c.gate.run(ctx, r, func(ctx context.Context) (*call, []byte, error) {
		cl, data, err := c.h.do(ctx, c.base, r)
		return cl, data, c.hint(err)
	})
}

// hint adds the remedy of an IM error, when one is known.
func (c *IMClient) hint(err error) error {
	var e *APIError
	if !errors.As(err, &e) || e.Hint != "" {
		return err
	}
	if strings.HasPrefix(e.Endpoint, imLowerManagersPath) {
		if h := lowerManagerHint(e); h != "" {
			e.Hint = h
			return err
		}
	}
	switch {
	case e.StatusCode == http.StatusUnauthorized && c.basic:
		e.Hint, e.Cause = hintIMBasic, CauseBasicDisabled
	case e.StatusCode == http.StatusUnauthorized:
		e.Hint = "the manager refused a session token right after a new login: check the JP1 user and the manager's authentication settings"
	case e.MessageID == "KAJY52001-E":
		e.Hint, e.Cause = hintIMCredentials, CauseCredentialsRefused
	case e.MessageID == "KAJY52004-E":
		e.Hint, e.Cause = "the JP1 user may not log in to the manager: give it a JP1 permission level such as JP1_Console_Admin", CauseLoginNotPermitted
	case e.MessageID == "KAJY01000-E" && strings.HasPrefix(e.Endpoint, "/im/api/v1/secret/client/"):
		e.Hint = "the JP1 user needs JP1_Console_Admin on JP1 resource group '*'"
	case e.MessageID == "KAJY01000-E" && strings.HasPrefix(e.Endpoint, imProxyUsersPath):
		e.Hint = "the JP1 user needs JP1_Console_Admin or JP1_Console_Operator"
	case e.Endpoint == imProxyUsersPath && proxyUsersHint(e) != "":
		e.Hint = proxyUsersHint(e)
	case imDBErrors[e.MessageID]:
		e.Hint = "the manager reported a database error: check the manager and try again"
	}
	return err
}

// Close ends the login session, if any (best effort: a session that the
// manager already ended is not an error).
func (c *IMClient) Close(ctx context.Context) error {
	if c.login == nil {
		return nil
	}
	tok := c.login.take()
	if tok == "" {
		return nil
	}
	_, _, err := c.h.do(ctx, c.base, &request{method: http.MethodPost, path: imLogoutPath, product: ProductIM, kind: kindOnce,
		auth: &staticAuth{header: "Bearer " + tok, token: tok}})
	if StatusCode(err) == http.StatusUnauthorized {
		return nil
	}
	return err
}

// Version returns the product and API versions (GET /im/api/version, no authentication).
func (c *IMClient) Version(ctx context.Context) (map[string]any, error) {
	out := map[string]any{}
	if _, _, err := c.h.do(ctx, c.base, &request{method: http.MethodGet, path: imVersionPath, product: ProductIM, logBody: true, decode: answer(&out, nil)}); err != nil {
		return nil, c.hint(err)
	}
	return out, nil
}

// imLogin is the "login" method: one session shared by every caller of the
// IMClient. Concurrent callers wait for the one login; after a 401 the call
// logs in again once and replays; a 401 on a token issued for that very
// replay is an error.
type imLogin struct {
	c              *IMClient
	user, password string
	slot           slot // one login at a time

	mu    sync.Mutex
	token string
	gen   uint64   // increases with each login
	seen  []string // recent tokens, masked in logs
}

// use returns the current token for c unless c needs a newer one.
func (a *imLogin) use(c *call) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.token == "" || c.reauth && a.gen == c.authGen {
		return "", false
	}
	c.authGen, c.authOwn, c.authToken, c.reauth = a.gen, false, a.token, false
	return "Bearer " + a.token, true
}

func (a *imLogin) authorize(ctx context.Context, c *call) (string, error) {
	if v, ok := a.use(c); ok {
		return v, nil
	}
	if err := a.slot.acquire(ctx); err != nil {
		return "", c.transportError(err)
	}
	defer a.slot.release()
	if v, ok := a.use(c); ok { // another caller logged in meanwhile
		return v, nil
	}
	tok, err := a.doLogin(ctx)
	if err != nil {
		return "", err
	}
	a.mu.Lock()
	a.token = tok
	a.gen++
	a.seen = append(a.seen, tok)
	if len(a.seen) > 8 {
		a.seen = a.seen[len(a.seen)-8:]
	}
	c.authGen, c.authOwn, c.authToken = a.gen, c.reauth, tok
	c.reauth = false
	a.mu.Unlock()
	return "Bearer " + tok, nil
}

func (a *imLogin) replay401(c *call) bool { return !c.authOwn }

func (a *imLogin) observe(*http.Response) {}

func (a *imLogin) secrets() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string{a.password}, a.seen...)
}

// take forgets the session and returns its token ("" when not logged in).
func (a *imLogin) take() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	tok := a.token
	a.token = ""
	return tok
}

// doLogin is POST /im/api/v1/login/ (retried like an idempotent call).
func (a *imLogin) doLogin(ctx context.Context) (string, error) {
	body := struct {
		User     string `json:"user"`
		Password string `json:"password"`
	}{a.user, a.password}
	var out struct {
		Token flexString `json:"token"`
	}
	_, _, err := a.c.h.do(ctx, a.c.base, &request{method: http.MethodPost, path: imLoginPath, product: ProductIM, body: body, secrets: []string{a.password},
		decode: answer(&out, func() error {
			if strings.TrimSpace(string(out.Token)) == "" {
				return errors.New("the login answer has no token")
			}
			return nil
		})})
	if err != nil {
		var e *APIError
		if errors.As(err, &e) && e.Hint == "" && e.StatusCode == http.StatusForbidden && e.MessageID == "" {
			e.Hint, e.Cause = hintIMCredentials, CauseCredentialsRefused
		}
		return "", a.c.hint(err)
	}
	return strings.TrimSpace(string(out.Token)), nil
}

// imBasic is the "basic" method: Basic on every request; a 401 is final.
type imBasic struct{ password, userPass, header string }

func (a *imBasic) authorize(_ context.Context, c *call) (string, error) {
	c.authScheme = "Basic"
	return a.header, nil
}
func (a *imBasic) replay401(*call) bool   { return false }
func (a *imBasic) observe(*http.Response) {}
func (a *imBasic) secrets() []string      { return []string{a.password, a.userPass, a.header} }

// staticAuth sends one fixed header (logout with the session's token).
type staticAuth struct{ header, token string }

func (a *staticAuth) authorize(_ context.Context, c *call) (string, error) {
	c.authToken = a.token
	return a.header, nil
}
func (a *staticAuth) replay401(*call) bool   { return false }
func (a *staticAuth) observe(*http.Response) {}
func (a *staticAuth) secrets() []string      { return []string{a.token, a.header} }
