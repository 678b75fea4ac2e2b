package fakejp1

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

const pathList = "/im/api/v1/secret/client/list"

func TestIMLogin(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	for _, p := range []string{"/im/api/v1/login", "/im/api/v1/login/"} {
		r := c.do(http.MethodPost, p, "", map[string]string{"user": IMAdminUser, "password": IMAdminPassword})
		r.wantStatus(t, http.StatusOK)
		var lr loginResponse
		r.decode(t, &lr)
		if lr.JP1User != IMAdminUser || lr.Token == "" || lr.JP1Token == "" || lr.ClientID == "" ||
			!slices.Equal(lr.Permissions, []string{PermConsoleAdmin}) {
			t.Errorf("%s: login answer %s", p, r.body)
		}
		c.do(http.MethodGet, pathList, "Bearer "+lr.Token, nil).wantStatus(t, http.StatusOK)
	}
	if got := s.Logins(); got != 2 {
		t.Errorf("Logins() = %d, want 2", got)
	}
	if got := s.Count("POST /im/api/v1/login"); got != 2 {
		t.Errorf("login count = %d, want 2 (trailing slash normalised)", got)
	}
}

func TestIMLoginFailures(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.AddIMUser("nobody", "nobody-password") // exists, but without any permission
	tests := []struct {
		name      string
		body      any
		messageID string
	}{
		{"wrong password", map[string]string{"user": IMAdminUser, "password": "x"}, msgIMLoginFailed},
		{"unknown user", map[string]string{"user": "ghost", "password": "x"}, msgIMLoginFailed},
		{"empty body", "{}", msgIMLoginFailed},
		{"malformed", "{", msgIMLoginFailed},
		{"member name in another case", map[string]string{"User": IMAdminUser, "password": IMAdminPassword}, msgIMLoginFailed},
		{"unknown member", map[string]string{"user": IMAdminUser, "password": IMAdminPassword, "domain": "x"}, msgIMLoginFailed},
		{"no login permission", map[string]string{"user": "nobody", "password": "nobody-password"}, msgIMNoLoginPermission},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.do(http.MethodPost, "/im/api/v1/login/", "", tt.body).wantIMError(t, http.StatusForbidden, tt.messageID, 0)
		})
	}
	if s.Logins() != 0 {
		t.Errorf("Logins() = %d after failures", s.Logins())
	}
}

func TestIMBearerExpiry(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	tok := c.login(IMAdminUser, IMAdminPassword)
	c.do(http.MethodGet, pathList, tok, nil).wantStatus(t, http.StatusOK)

	s.ExpireIMTokens()
	c.do(http.MethodGet, pathList, tok, nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)

	tok = c.login(IMAdminUser, IMAdminPassword)
	s.SetIMTokenLifetime(time.Nanosecond) // applies to tokens already issued
	c.do(http.MethodGet, pathList, tok, nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)

	s.SetIMTokenLifetime(time.Hour)
	tok = c.login(IMAdminUser, IMAdminPassword)
	c.do(http.MethodGet, pathList, tok, nil).wantStatus(t, http.StatusOK)
	c.do(http.MethodGet, pathList, "Bearer not-a-token", nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
	c.do(http.MethodGet, pathList, "", nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
}

func TestIMTokenExpiresWithClock(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	now := time.Now()
	s.mu.Lock()
	s.now = func() time.Time { return now }
	s.mu.Unlock()
	tok := c.login(IMAdminUser, IMAdminPassword)

	s.mu.Lock()
	s.now = func() time.Time { return now.Add(DefaultIMTokenLifetime - time.Second) }
	s.mu.Unlock()
	c.do(http.MethodGet, pathList, tok, nil).wantStatus(t, http.StatusOK)

	s.mu.Lock()
	s.now = func() time.Time { return now.Add(DefaultIMTokenLifetime) }
	s.mu.Unlock()
	c.do(http.MethodGet, pathList, tok, nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
}

func TestIMLogout(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	tok := c.login(IMAdminUser, IMAdminPassword)
	r := c.do(http.MethodPost, "/im/api/v1/logout/", tok, nil)
	r.wantStatus(t, http.StatusOK)
	if len(r.body) != 0 {
		t.Errorf("logout body = %q, want empty", r.body)
	}
	c.do(http.MethodGet, pathList, tok, nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
	c.do(http.MethodPost, "/im/api/v1/logout", tok, nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
	if got := s.Count("POST /im/api/v1/logout"); got != 2 {
		t.Errorf("logout count = %d, want 2", got)
	}
}

func TestIMBasicAuth(t *testing.T) {
	t.Parallel()
	s := New()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	c := &testClient{t: t, base: ts.URL, hc: ts.Client()}
	// Off by default, as on the product (jp1.imdd.authBasic unset); login works.
	c.do(http.MethodGet, pathList, authIMAdmin, nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
	c.do(http.MethodGet, pathList, c.login(IMAdminUser, IMAdminPassword), nil).wantStatus(t, http.StatusOK)

	s.SetIMBasicAuth(true)
	c.do(http.MethodGet, pathList, authIMAdmin, nil).wantStatus(t, http.StatusOK)
	c.do(http.MethodGet, pathList, basic(IMAdminUser, "wrong"), nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
	c.do(http.MethodGet, pathList, basic("ghost", "x"), nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
	if s.Logins() != 1 {
		t.Errorf("Basic requests must not count as logins: Logins() = %d", s.Logins())
	}

	s.SetIMBasicAuth(false)
	c.do(http.MethodGet, pathList, authIMAdmin, nil).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
}

func TestIMAddUser(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.AddIMUser("ops", "ops-pw", PermConsoleOperator, PermConsoleAdmin)
	tok := c.login("ops", "ops-pw")
	c.do(http.MethodGet, pathList, tok, nil).wantStatus(t, http.StatusOK)
	// Replacing the user drops the Admin permission.
	s.AddIMUser("ops", "ops-pw", PermConsoleOperator)
	c.do(http.MethodGet, pathList, tok, nil).wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
}
