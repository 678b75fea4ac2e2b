package fakejp1

import "strings"

// FaultMode says what a fault does to a request it hits.
type FaultMode int

const (
	// FaultRespond answers with the fault's status and body; nothing changes.
	FaultRespond FaultMode = iota
	// FaultDropBefore closes the connection without an answer; nothing changes.
	FaultDropBefore
	// FaultDropAfter serves the request (the change is committed), then closes
	// the connection without an answer: a lost answer.
	FaultDropAfter
	// FaultCutAnswer serves the request (the change is committed), sends the
	// answer's status and headers (with the Content-Length of the whole body)
	// and the first half of its body, then closes the connection: an answer
	// cut off mid-body, as a connection reset or a timeout while the body is
	// read leaves it. An answer without a body has nothing to cut: its
	// connection is closed without an answer, as FaultDropAfter does.
	FaultCutAnswer
	// FaultEchoAnswer serves the request (the change is committed) and repeats
	// the request in the answer, in the fault's Echo form (EchoText when
	// empty), as a front end that echoes what it received does: in a Warning
	// header, and after the message of each entry of an IM messageList (the
	// KAJY68204-W warnings of a lower manager's delete). See echo.go.
	FaultEchoAnswer
)

func (m FaultMode) String() string {
	switch m {
	case FaultRespond:
		return "respond"
	case FaultDropBefore:
		return "drop-before"
	case FaultDropAfter:
		return "drop-after"
	case FaultCutAnswer:
		return "cut-answer"
	case FaultEchoAnswer:
		return "echo-answer"
	}
	return "FaultMode(?)"
}

// Fault is an injected failure for requests whose endpoint key matches.
type Fault struct {
	// Endpoint is the endpoint key to hit (see Count); "" hits every endpoint.
	// "POST /im/api/v1/proxyUsers" without an op hits all three operations.
	Endpoint string
	Mode     FaultMode
	// Status is the FaultRespond status; 0 means 500.
	Status int
	// Body is the raw FaultRespond body; "" builds the product's documented
	// error body (IM or OA shape, chosen by path) from MessageID.
	Body      string
	MessageID string
	// Echo, with FaultRespond, makes the answer a server or a front end that
	// repeats the request (its request line, headers and body) in this form
	// instead of Body (EchoMessage puts it in the product's error body, with
	// MessageID); with FaultEchoAnswer it is the form of the echo added to
	// the real answer. See echo.go.
	Echo EchoForm
	// ReturnCode is the IM returnCode of a default body; 0 means the one the
	// product documents for MessageID (none for most), RCNone none at all.
	// proxyUsers answers KAJY52013-E with 2 or 7, KAJY52014-E with 13, and
	// 255 on a system error (RCSystemError).
	ReturnCode int
	// RetryAfter is sent as the Retry-After header when not empty.
	RetryAfter string
	// ContentType overrides the answer's Content-Type. When empty, a default
	// or JSON Body is sent as application/json, any other Body as text/plain.
	ContentType string
	// Times is how many matching requests the fault hits; 0 means unlimited.
	Times int
	// Probability is the share of matching requests hit; 0 or 1 means all.
	Probability float64
	// Seed makes Probability's draws replayable: whether an arrival of a
	// request is hit is a hash of (Seed, the request, how many times it
	// arrived), so the same seed hits the same arrivals whatever order
	// parallel requests come in. A test chooses it and prints it.
	Seed int64
	// MaxPerRequest is how many times the fault hits one request (the same
	// method, path and body); 0 means no bound. The retries of a call repeat its
	// request, so a bound below what the client tolerates of a fault (it gives
	// up after a few IM database errors) keeps a random fault mix within what
	// the client promises to absorb.
	MaxPerRequest int
}

type faultEntry struct {
	id   int
	f    Fault
	hits int
	// A mix (AddFaultMix) rolls once with mixP, then picks one of its faults
	// that match; f is unused.
	mix  []Fault
	mixP float64
	// perRequest counts the hits of each fault with a MaxPerRequest (its index
	// in mix, 0 for f) on each request.
	perRequest map[perRequestKey]int
	// seed is the mix's seed (Seed of f for a single fault); arrivals counts
	// the times each request reached the entry's draw.
	seed     uint64
	arrivals map[string]int
}

// draw hashes (the entry's seed, request, its arrival count) into a number in
// [0, 1) and a second independent uint64, for the entry's probabilistic
// decisions. Callers hold s.mu.
func (e *faultEntry) draw(request string) (roll float64, pick uint64) {
	if e.arrivals == nil {
		e.arrivals = map[string]int{}
	}
	e.arrivals[request]++
	n := e.arrivals[request]
	return unitDraw(mixedHash(e.seed, request, n)), mixedHash(e.seed^pickSalt, request, n)
}

type perRequestKey struct {
	fault   int
	request string
}

// spent reports whether fault i of the entry has hit request as often as its
// MaxPerRequest allows.
func (e *faultEntry) spent(i int, f *Fault, request string) bool {
	return f.MaxPerRequest > 0 && e.perRequest[perRequestKey{i, request}] >= f.MaxPerRequest
}

// hit records that fault i of the entry hit request.
func (e *faultEntry) hit(i int, f *Fault, request string) {
	e.hits++
	if f.MaxPerRequest > 0 {
		if e.perRequest == nil {
			e.perRequest = map[perRequestKey]int{}
		}
		e.perRequest[perRequestKey{i, request}]++
	}
}

// AddFault installs a fault and returns its id. Faults are tried in the order
// they were added; the first one that matches a request hits it.
func (s *Server) AddFault(f Fault) (id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextFaultID++
	s.faults = append(s.faults, &faultEntry{id: s.nextFaultID, f: f, seed: uint64(f.Seed)})
	return s.nextFaultID
}

// AddFaultMix installs faults that share one roll: a request that at least one
// of them matches is hit with the given probability, by one of the matching
// faults chosen at random. Faults added one by one compound instead (five 7 %
// faults hit about 30 % of the requests all five match, fewer elsewhere); a mix
// hits the same share of every endpoint it covers. Times and Probability of
// the mix's faults are ignored. It returns an id for RemoveFault.
//
// The draws are replayable: which arrival of a request is hit, and by which
// fault, is a hash of (seed, the request, how many times it arrived), whatever
// order parallel requests come in. A test chooses the seed and prints it
// (fakejp1test.Seed).
func (s *Server) AddFaultMix(seed int64, probability float64, faults ...Fault) (id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextFaultID++
	s.faults = append(s.faults, &faultEntry{id: s.nextFaultID, mix: append([]Fault(nil), faults...), mixP: probability, seed: uint64(seed)})
	return s.nextFaultID
}

// RemoveFault removes one fault; it reports whether the fault was still installed.
func (s *Server) RemoveFault(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range s.faults {
		if e.id == id {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return true
		}
	}
	return false
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// pickFault returns the fault that hits a request with this key (request is
// its method, path and body), or nil. A fault that has used up its Times is
// removed. Callers hold s.mu.
func (s *Server) pickFault(key, request string) *Fault {
	for i, e := range s.faults {
		if e.mix != nil {
			if f := e.pickFromMix(key, request); f != nil {
				s.faultsInjected++
				return f
			}
			continue
		}
		if !e.matches(key) || e.spent(0, &e.f, request) {
			continue
		}
		if p := e.f.Probability; p > 0 && p < 1 {
			if roll, _ := e.draw(request); roll >= p {
				continue // spared this time; a later fault may still match
			}
		}
		e.hit(0, &e.f, request)
		s.faultsInjected++
		if e.f.Times > 0 && e.hits >= e.f.Times {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		f := e.f
		return &f
	}
	return nil
}

// pickFromMix rolls the mix's one die for a request with this key, among the
// faults that match it and have not hit it MaxPerRequest times yet.
func (e *faultEntry) pickFromMix(key, request string) *Fault {
	var matching []int
	for i := range e.mix {
		if endpointMatches(e.mix[i].Endpoint, key) && !e.spent(i, &e.mix[i], request) {
			matching = append(matching, i)
		}
	}
	if len(matching) == 0 {
		return nil
	}
	roll, pick := e.draw(request)
	if roll >= e.mixP {
		return nil
	}
	i := matching[pick%uint64(len(matching))]
	e.hit(i, &e.mix[i], request)
	f := e.mix[i]
	return &f
}

func (e *faultEntry) matches(key string) bool { return endpointMatches(e.f.Endpoint, key) }

// endpointMatches reports whether a fault's Endpoint ("" = all) covers key.
func endpointMatches(ep, key string) bool {
	return ep == "" || ep == key || strings.HasPrefix(key, ep+" ")
}
