package fakejp1

import (
	"crypto/rand"
	"encoding/base64"
	"time"
)

// session is an issued IM bearer or OA HSSO token.
type session struct {
	user   string
	issued time.Time
}

// expired reports whether the session is too old for lifetime at now.
func (ss session) expired(now time.Time, lifetime time.Duration) bool {
	return now.Sub(ss.issued) >= lifetime
}

// randomString returns n random bytes as base64url without padding. The IM
// client secret uses 32 bytes (43 characters), as docs/design/jp1-api.md decides.
func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// IssuedTokens returns every IM bearer token and OA HSSO token the server has
// issued, expired ones included, so tests can prove none of them leaked.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.issuedTokens...)
}
