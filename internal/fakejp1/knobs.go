package fakejp1

import (
	"context"
	"time"
)

// SetIMBasicAuth turns IM Basic authentication on or off (jp1.imdd.authBasic).
// It is off by default, as on the product; when off, a request with Basic
// credentials gets 401. Login always works.
func (s *Server) SetIMBasicAuth(enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.imBasic = enabled
}

// SetIMTokenLifetime sets how long an IM bearer token stays valid. It applies
// to tokens already issued too, so a test can shorten it to expire them.
func (s *Server) SetIMTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.imTokenLifetime = d
}

// ExpireIMTokens invalidates every IM bearer token issued so far; requests
// using one get 401 KAJY01001-E.
func (s *Server) ExpireIMTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.imTokens = map[string]session{}
}

// SetAnalyticsTokenLifetime sets how long an HSSO token stays valid (default 1000 s).
// Like SetIMTokenLifetime it applies to tokens already issued.
func (s *Server) SetAnalyticsTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.analyticsTokenLifetime = d
}

// ExpireAnalyticsTokens invalidates every HSSO token issued so far.
func (s *Server) ExpireAnalyticsTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.analyticsTokens = map[string]session{}
}

// SetLowerManagerUnreachable marks a lower manager host as unreachable (or
// reachable again): deleting it still removes it from the integration manager,
// but the answer carries the KAJY68204-W warning that its MANAGER_INTEGRATED_
// ID may remain on the lower manager. The mark outlives the registration.
func (s *Server) SetLowerManagerUnreachable(host string, unreachable bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if unreachable {
		s.unreachable[host] = true
	} else {
		delete(s.unreachable, host)
	}
}

// SetLatency adds d to every API request (not /_fake/). A request whose
// client gives up during the wait is dropped without an answer.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetProxyProcessingTime sets how long each proxyUsers call holds the
// exclusive lock; a call that arrives meanwhile gets 500 KAJY52013-E
// returnCode 7. Zero makes calls atomic, so they can no longer overlap.
func (s *Server) SetProxyProcessingTime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.proxyProcessing = d
}

// SetCompetingLockHolder simulates another process (a second terraform run,
// the GUI) holding the proxyUsers lock for the given share of the time, 0..1:
// each proxyUsers call finds the lock held with that probability and gets
// 500 KAJY52013-E returnCode 2. 0 turns it off; 1 holds the lock for ever.
// Which calls find it held is replayable: a hash of (seed, the call's
// operation and user, how many times that call arrived), whatever order
// parallel calls come in; a test chooses the seed and prints it.
func (s *Server) SetCompetingLockHolder(seed int64, fraction float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.competingFraction = min(max(fraction, 0), 1)
	s.competingSeed = uint64(seed)
	s.competingSeen = map[string]int{}
}

// SetAnalyticsDefaultPorts makes Operations Analytics fill in the protocol's default
// port (22 SSH, 5989 WBEM, 161 SNMP) when a create or update gives none, and
// report it from then on, as docs/design/jp1-api.md §2.3 says a real server may. Off by
// default: the port then stays absent.
func (s *Server) SetAnalyticsDefaultPorts(enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.analyticsDefaultPorts = enabled
}

// defaultPorts are the ports SetAnalyticsDefaultPorts fills in.
var defaultPorts = map[string]int64{CredentialTypeSSH: 22, CredentialTypeWBEM: 5989, CredentialTypeSNMP: 161}

// fillDefaultPort gives c its protocol's default port when the knob is on and
// it has none; callers hold s.mu.
func (s *Server) fillDefaultPort(c *Credential) {
	if p, ok := defaultPorts[c.CredentialType]; ok && s.analyticsDefaultPorts && c.PortNumber == nil {
		c.PortNumber = &p
	}
}

// sleepCtx waits for d or until ctx is done; it reports whether d elapsed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
