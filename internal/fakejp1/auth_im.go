package fakejp1

import (
	"net/http"
	"slices"
	"strings"
)

type loginRequest struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

type loginResponse struct {
	JP1User     string   `json:"jp1user"`
	JP1Token    string   `json:"jp1token"`
	Token       string   `json:"token"`
	ClientID    string   `json:"clientId"`
	Permissions []string `json:"permissions"`
}

// handleIMLogin serves POST /im/api/v1/login (DOC IM2 5.4.1). Any failure to
// authenticate, including an unreadable body or an unknown member, is 403
// KAJY52001-E.
func (s *Server) handleIMLogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := decodeBody(r, &req); err != nil || req.User == "" || req.Password == "" {
		writeIMError(w, r, http.StatusForbidden, msgIMLoginFailed, 0, "")
		return
	}
	s.mu.Lock()
	u, ok := s.imUsers[req.User]
	switch {
	case !ok || u.password != req.Password:
		s.mu.Unlock()
		writeIMError(w, r, http.StatusForbidden, msgIMLoginFailed, 0, "")
		return
	case len(u.permissions) == 0:
		s.mu.Unlock()
		writeIMError(w, r, http.StatusForbidden, msgIMNoLoginPermission, 0, "")
		return
	}
	token := randomString(32)
	s.imTokens[token] = session{user: req.User, issued: s.clock()}
	s.issuedTokens = append(s.issuedTokens, token)
	s.logins++
	s.mu.Unlock()

	writeJSON(w, http.StatusOK, loginResponse{
		JP1User:     req.User,
		JP1Token:    randomString(24),
		Token:       token,
		ClientID:    "fakejp1-" + randomString(9),
		Permissions: slices.Clone(u.permissions),
	})
}

// handleIMLogout serves POST /im/api/v1/logout: the bearer token stops working.
func (s *Server) handleIMLogout(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.imAuthenticate(w, r); !ok {
		return
	}
	if token, ok := bearerToken(r); ok {
		s.mu.Lock()
		delete(s.imTokens, token)
		s.mu.Unlock()
	}
	writeEmptyOK(w)
}

// imAuthenticate checks the Bearer token or, when enabled, Basic credentials.
// On failure it has written 401 KAJY01001-E.
func (s *Server) imAuthenticate(w http.ResponseWriter, r *http.Request) (imUser, bool) {
	s.mu.Lock()
	u, ok := s.imCaller(r)
	s.mu.Unlock()
	if !ok {
		writeIMError(w, r, http.StatusUnauthorized, msgIMAuthInvalid, 0, "")
	}
	return u, ok
}

// imCaller resolves the caller of r; callers hold s.mu.
func (s *Server) imCaller(r *http.Request) (imUser, bool) {
	if token, ok := bearerToken(r); ok {
		ss, found := s.imTokens[token]
		if !found {
			return imUser{}, false
		}
		if ss.expired(s.clock(), s.imTokenLifetime) {
			delete(s.imTokens, token)
			return imUser{}, false
		}
		u, found := s.imUsers[ss.user]
		return u, found
	}
	if name, pw, ok := r.BasicAuth(); ok && s.imBasic {
		u, found := s.imUsers[name]
		return u, found && u.password == pw
	}
	return imUser{}, false
}

// imAuthorize authenticates and then requires one of the permissions; on
// failure it has written 401 or 403 KAJY01000-E.
func (s *Server) imAuthorize(w http.ResponseWriter, r *http.Request, anyOf ...string) bool {
	u, ok := s.imAuthenticate(w, r)
	if !ok {
		return false
	}
	if !u.has(anyOf...) {
		writeIMError(w, r, http.StatusForbidden, msgIMNoPermission, 0, "")
		return false
	}
	return true
}

// bearerToken extracts the token of an "Authorization: Bearer" header.
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
