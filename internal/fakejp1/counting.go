package fakejp1

import (
	"encoding/json"
	"maps"
	"time"
)

// endpointKey names the operation a request addresses, e.g.
// "GET /Analytics/v1/objects/Credentials/{id}" or "POST /im/api/v1/proxyUsers add".
// Unknown paths are keyed by method and normalised path so they still count.
func endpointKey(method, p string, rt *route, body []byte) string {
	if rt == nil {
		return method + " " + p
	}
	key := rt.method + " " + rt.pattern
	if rt.pattern == pathIMProxyUsers {
		// One URL carries three operations; tests need them apart.
		var b struct {
			Op string `json:"op"`
		}
		if json.Unmarshal(body, &b) == nil && validProxyOps[b.Op] {
			key += " " + b.Op
		}
	}
	return key
}

// admit records a request under key and, in the same critical section, picks
// the fault that hits it (counting happens before any fault applies), decides
// whether LoseWriteAnswers loses its answer, and reads the latency to add.
// request identifies the request itself (method, path and body).
func (s *Server) admit(key, request string) (f *Fault, latency time.Duration, loseAnswer bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[key]++
	s.total++
	f = s.pickFault(key, request)
	if f == nil && s.lost != nil && isWrite(key) && s.lost.loseAnswer(request) {
		s.faultsInjected++
		loseAnswer = true
	}
	return f, s.latency, loseAnswer
}

// Count returns how many requests were received for an endpoint key.
func (s *Server) Count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[key]
}

// Counts returns a copy of the per-endpoint request counts.
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.counts)
}

// ResetCounts zeroes every counter: per-endpoint counts, TotalRequests,
// ProxyOverlaps, LockErrors, FaultsInjected, Logins and the OA authentication
// counters.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = map[string]int{}
	s.total, s.proxyOverlaps, s.lockErrors, s.faultsInjected, s.logins = 0, 0, 0, 0, 0
	s.analyticsBasicAuths, s.analyticsHSSOAuths, s.analyticsTokensRefused = 0, 0, 0
}

// TotalRequests returns the number of API requests received (not /_fake/).
func (s *Server) TotalRequests() int { return s.readCounter(&s.total) }

// ProxyOverlaps returns how many proxyUsers calls arrived while another
// proxyUsers call was inside its processing time.
func (s *Server) ProxyOverlaps() int { return s.readCounter(&s.proxyOverlaps) }

// LockErrors returns how many KAJY52013-E answers were given (overlaps and
// the competing holder).
func (s *Server) LockErrors() int { return s.readCounter(&s.lockErrors) }

// FaultsInjected returns how many requests a fault hit.
func (s *Server) FaultsInjected() int { return s.readCounter(&s.faultsInjected) }

// Logins returns the number of successful IM logins.
func (s *Server) Logins() int { return s.readCounter(&s.logins) }

func (s *Server) readCounter(c *int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *c
}

// Stats is a snapshot of the server-wide counters, served at GET /_fake/stats.
type Stats struct {
	TotalRequests          int `json:"totalRequests"`
	ProxyOverlaps          int `json:"proxyOverlaps"`
	LockErrors             int `json:"lockErrors"`
	FaultsInjected         int `json:"faultsInjected"`
	Logins                 int `json:"logins"`
	AnalyticsBasicAuths    int `json:"oaBasicAuths"`
	AnalyticsHSSOAuths     int `json:"oaHssoAuths"`
	AnalyticsTokensRefused int `json:"oaTokensRefused"`
}

// Stats returns all server-wide counters at one instant.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{s.total, s.proxyOverlaps, s.lockErrors, s.faultsInjected, s.logins,
		s.analyticsBasicAuths, s.analyticsHSSOAuths, s.analyticsTokensRefused}
}
