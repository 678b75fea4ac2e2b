package fakejp1

import (
	"net/http"
	"strings"
)

// minOASweep is the HSSO token table size at which expired tokens are first
// swept: every Basic request mints a token, so the table must not grow for ever.
const minOASweep = 1024

// oaAuthorize authenticates an OA request by Basic credentials or an HSSO
// token (DOC OA 1.2.2) and, when needAdmin, requires the Admin permission.
// On success it sets "WWW-Authenticate: HSSO <token>": a fresh token for Basic,
// the same token for HSSO (its validity is not extended). On failure it has
// written 401 or 403; a 403 still carries the token because authentication
// itself succeeded.
func (s *Server) oaAuthorize(w http.ResponseWriter, r *http.Request, needAdmin bool) bool {
	s.mu.Lock()
	u, token, ok := s.oaCaller(r)
	s.mu.Unlock()
	if !ok {
		writeOAError(w, r, http.StatusUnauthorized, msgOAUnauthorized, "")
		return false
	}
	w.Header().Set("WWW-Authenticate", "HSSO "+token)
	if needAdmin && !u.admin {
		writeOAError(w, r, http.StatusForbidden, msgOAForbidden, "")
		return false
	}
	return true
}

// oaCaller resolves the caller and the HSSO token to hand back; callers hold s.mu.
func (s *Server) oaCaller(r *http.Request) (oaUser, string, bool) {
	scheme, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	now := s.clock()
	switch {
	case strings.EqualFold(scheme, "HSSO"):
		token := strings.TrimSpace(cred)
		ss, found := s.oaTokens[token]
		if !found {
			s.oaTokensRefused++
			return oaUser{}, "", false
		}
		if ss.expired(now, s.oaTokenLifetime) {
			delete(s.oaTokens, token)
			s.oaTokensRefused++
			return oaUser{}, "", false
		}
		u, found := s.oaUsers[ss.user]
		if found {
			s.oaHSSOAuths++
		}
		return u, token, found
	case strings.EqualFold(scheme, "Basic"):
		name, pw, ok := r.BasicAuth()
		u, found := s.oaUsers[name]
		if !ok || !found || u.password != pw {
			return oaUser{}, "", false
		}
		s.oaBasicAuths++
		s.sweepOATokens()
		token := randomString(32)
		s.oaTokens[token] = session{user: name, issued: now}
		s.issuedTokens = append(s.issuedTokens, token)
		return u, token, true
	}
	return oaUser{}, "", false
}

// sweepOATokens drops expired HSSO tokens once the table has grown past the
// sweep mark, then moves the mark to twice the live size, so sweeping costs
// O(1) per request however many tokens stay valid. Callers hold s.mu.
func (s *Server) sweepOATokens() {
	if len(s.oaTokens) < max(s.oaSweepAt, minOASweep) {
		return
	}
	now := s.clock()
	for t, ss := range s.oaTokens {
		if ss.expired(now, s.oaTokenLifetime) {
			delete(s.oaTokens, t)
		}
	}
	s.oaSweepAt = 2 * len(s.oaTokens)
}
