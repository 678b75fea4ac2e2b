package fakejp1

import (
	"net/http"
	"strings"
)

// minAnalyticsSweep is the HSSO token table size at which expired tokens are first
// swept: every Basic request mints a token, so the table must not grow for ever.
const minAnalyticsSweep = 1024

// analyticsAuthorize authenticates an OA request by Basic credentials or an HSSO
// token (DOC OA 1.2.2) and, when needAdmin, requires the Admin permission.
// On success it sets "WWW-Authenticate: HSSO <token>": a fresh token for Basic,
// the same token for HSSO (its validity is not extended). On failure it has
// written 401 or 403; a 403 still carries the token because authentication
// itself succeeded.
func (s *Server) analyticsAuthorize(w http.ResponseWriter, r *http.Request, needAdmin bool) bool {
	s.mu.Lock()
	u, token, ok := s.analyticsCaller(r)
	s.mu.Unlock()
	if !ok {
		writeAnalyticsError(w, r, http.StatusUnauthorized, msgAnalyticsUnauthorized, "")
		return false
	}
	w.Header().Set("WWW-Authenticate", "HSSO "+token)
	if needAdmin && !u.admin {
		writeAnalyticsError(w, r, http.StatusForbidden, msgAnalyticsForbidden, "")
		return false
	}
	return true
}

// analyticsCaller resolves the caller and the HSSO token to hand back; callers hold s.mu.
func (s *Server) analyticsCaller(r *http.Request) (analyticsUser, string, bool) {
	scheme, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	now := s.clock()
	switch {
	case strings.EqualFold(scheme, "HSSO"):
		token := strings.TrimSpace(cred)
		ss, found := s.analyticsTokens[token]
		if !found {
			s.analyticsTokensRefused++
			return analyticsUser{}, "", false
		}
		if ss.expired(now, s.analyticsTokenLifetime) {
			delete(s.analyticsTokens, token)
			s.analyticsTokensRefused++
			return analyticsUser{}, "", false
		}
		u, found := s.analyticsUsers[ss.user]
		if found {
			s.analyticsHSSOAuths++
		}
		return u, token, found
	case strings.EqualFold(scheme, "Basic"):
		name, pw, ok := r.BasicAuth()
		u, found := s.analyticsUsers[name]
		if !ok || !found || u.password != pw {
			return analyticsUser{}, "", false
		}
		s.analyticsBasicAuths++
		s.sweepAnalyticsTokens()
		token := randomString(32)
		s.analyticsTokens[token] = session{user: name, issued: now}
		s.issuedTokens = append(s.issuedTokens, token)
		return u, token, true
	}
	return analyticsUser{}, "", false
}

// sweepAnalyticsTokens drops expired HSSO tokens once the table has grown past the
// sweep mark, then moves the mark to twice the live size, so sweeping costs
// O(1) per request however many tokens stay valid. Callers hold s.mu.
func (s *Server) sweepAnalyticsTokens() {
	if len(s.analyticsTokens) < max(s.analyticsSweepAt, minAnalyticsSweep) {
		return
	}
	now := s.clock()
	for t, ss := range s.analyticsTokens {
		if ss.expired(now, s.analyticsTokenLifetime) {
			delete(s.analyticsTokens, t)
		}
	}
	s.analyticsSweepAt = 2 * len(s.analyticsTokens)
}
