package fakejp1

import (
	"net/http"
	"sync"
	"time"
)

// Defaults applied by New.
const (
	DefaultIMTokenLifetime = time.Hour
	// DefaultAnalyticsTokenLifetime is the HSSO token validity documented in OA 1.2.2.
	DefaultAnalyticsTokenLifetime = 1000 * time.Second
	// DefaultProxyProcessingTime is how long a proxyUsers call holds the
	// exclusive lock. It is not zero so that the lock is observable by default:
	// concurrent callers that do not serialise get KAJY52013-E, as on a real manager.
	DefaultProxyProcessingTime = 5 * time.Millisecond
)

// Server is the fake JP1 server. The zero value is not usable: call New.
// All methods are safe for concurrent use.
type Server struct {
	// mu guards everything below: one lock for knobs, users, state and counters
	// keeps the invariants simple; no handler holds it while sleeping.
	mu sync.Mutex

	imBasic                bool
	imTokenLifetime        time.Duration
	analyticsTokenLifetime time.Duration
	latency                time.Duration
	proxyProcessing        time.Duration
	competingFraction      float64
	competingSeed          uint64
	competingSeen          map[string]int // arrivals of each proxyUsers call
	analyticsDefaultPorts  bool
	// allowAnyHost turns off the loopback Host check (SetAllowAnyHost).
	allowAnyHost bool

	imUsers        map[string]imUser
	analyticsUsers map[string]analyticsUser
	imTokens       map[string]session
	// issuedTokens keeps every bearer and HSSO token ever issued, so leak tests
	// can look for them after they expired.
	issuedTokens    []string
	analyticsTokens map[string]session
	// analyticsSweepAt is the HSSO table size that triggers the next sweep.
	analyticsSweepAt int

	imClients     map[string]imClient
	proxyUsers    map[string]string
	lowerManagers map[string]string
	// unreachable marks lower managers the integration manager cannot reach
	// (their deleteInfo answers with KAJY68204-W).
	unreachable map[string]bool
	creds       map[int64]*Credential
	nextCredID  int64

	// proxyBusy counts proxyUsers calls inside their processing time.
	proxyBusy int

	faults      []*faultEntry
	lost        *lostWrites // LoseWriteAnswers; nil = off
	nextFaultID int

	counts         map[string]int
	total          int
	proxyOverlaps  int
	lockErrors     int
	faultsInjected int
	logins         int
	// OA authentications: Basic and HSSO accepted, HSSO tokens refused
	// (unknown or expired).
	analyticsBasicAuths    int
	analyticsHSSOAuths     int
	analyticsTokensRefused int

	// now is the clock; tests may replace it before serving.
	now func() time.Time

	routes []route

	httpSrv *http.Server
	url     string
	closed  bool
}

// New returns a server with the default users (see users.go), IM Basic auth
// off (as on a freshly installed manager: SetIMBasicAuth turns it on), zero latency, an IM token lifetime of one hour, an OA token lifetime
// of 1000 s and DefaultProxyProcessingTime. It does not listen: use Start,
// StartTLS, or pass it to httptest.NewServer.
func New() *Server {
	s := &Server{
		imTokenLifetime:        DefaultIMTokenLifetime,
		analyticsTokenLifetime: DefaultAnalyticsTokenLifetime,
		proxyProcessing:        DefaultProxyProcessingTime,
		imUsers:                map[string]imUser{},
		analyticsUsers:         map[string]analyticsUser{},
		imTokens:               map[string]session{},
		analyticsTokens:        map[string]session{},
		imClients:              map[string]imClient{},
		proxyUsers:             map[string]string{},
		lowerManagers:          map[string]string{},
		unreachable:            map[string]bool{},
		creds:                  map[int64]*Credential{},
		nextCredID:             1,
		counts:                 map[string]int{},
		now:                    time.Now,
	}
	s.addDefaultUsers()
	s.routes = s.buildRoutes()
	return s
}

// SetAllowAnyHost(true) accepts any Host header on connections to a loopback
// address. By default such a connection must name a loopback host
// (localhost, 127.0.0.0/8 or [::1], any port), or every endpoint answers 403:
// otherwise a web page whose name is re-pointed at 127.0.0.1 (DNS rebinding)
// could log in with the well-known users and read the stored secrets. The
// command turns the check off only when told to listen beyond loopback, where
// the machine's own names are expected. Connections to other addresses are
// never checked.
func (s *Server) SetAllowAnyHost(allow bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.allowAnyHost = allow
}

// clock reads the current time; callers must hold s.mu.
func (s *Server) clock() time.Time { return s.now() }
