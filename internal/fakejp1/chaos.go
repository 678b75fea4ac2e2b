package fakejp1

import (
	"encoding/binary"
	"hash/fnv"
	"net/http"
	"strings"
)

// lostWrites is the LoseWriteAnswers knob: which write answers are lost.
type lostWrites struct {
	seed        uint64
	probability float64
	maxInARow   int
	// seen counts the times each request (method, path and body) arrived;
	// inARow counts its answers lost since the last success answer it got.
	seen   map[string]int
	inARow map[string]int
}

// LoseWriteAnswers makes the fake lose the answer of a share of all writes
// (IM issue and delete, proxy-user add and rm, OA create, update and delete;
// not logins, logouts or lists): the write is served and committed, then the
// connection is closed without an answer. Whether the n-th arrival of a
// request (same method, path and body) is hit depends only on seed, the request
// and n, so a run does not depend on the order in which parallel requests
// arrive. One request never loses more than maxInARow answers without a
// success answer in between, so a client whose retry budget is maxInARow+1
// attempts always gets through. probability 0 turns the knob off.
func (s *Server) LoseWriteAnswers(seed int64, probability float64, maxInARow int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if probability <= 0 {
		s.lost = nil
		return
	}
	s.lost = &lostWrites{seed: uint64(seed), probability: probability, maxInARow: maxInARow,
		seen: map[string]int{}, inARow: map[string]int{}}
}

// isWrite reports whether an endpoint key changes state.
func isWrite(key string) bool {
	switch {
	case strings.HasPrefix(key, http.MethodGet+" "),
		key == http.MethodPost+" "+pathIMLogin, key == http.MethodPost+" "+pathIMLogout,
		key == http.MethodPost+" "+pathIMProxyUsers+" list":
		return false
	}
	return true
}

// loseAnswer decides whether the answer of this arrival of a request is lost.
// Callers hold s.mu.
func (l *lostWrites) loseAnswer(request string) bool {
	l.seen[request]++
	if l.inARow[request] >= l.maxInARow {
		return false
	}
	if unitDraw(seedHash(l.seed, request, l.seen[request])) >= l.probability {
		return false
	}
	l.inARow[request]++
	return true
}

// answered records the status a request was answered with (not lost).
func (s *Server) answered(request string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lost != nil && status >= 200 && status < 300 {
		delete(s.lost.inARow, request)
	}
}

// statusRecorder remembers the status a handler answered with.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// losingAnswers reports whether LoseWriteAnswers is on.
func (s *Server) losingAnswers() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lost != nil
}

// pickSalt derives a second, independent seed for a draw's choice among
// several faults.
const pickSalt = 0x9e3779b97f4a7c15

// seedHash is the fake's one source of replayable chance: a hash of (seed,
// arrival, request), where arrival counts the times this request (method,
// path and body) arrived. The same seed gives the same decision for each
// arrival of each request, whatever order parallel requests come in.
// LoseWriteAnswers draws from it as it is; the fault mixes and the competing
// holder from mixedHash.
func seedHash(seed uint64, request string, arrival int) uint64 {
	h := fnv.New64a()
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], seed)
	binary.LittleEndian.PutUint64(b[8:], uint64(arrival))
	_, _ = h.Write(b[:])
	_, _ = h.Write([]byte(request))
	return h.Sum64()
}

// mixedHash is seedHash with a final avalanche (splitmix64's finalizer):
// FNV-1a barely stirs its last bytes into the high bits, so requests that
// differ only at the end (the ID in a path) would otherwise draw alike.
func mixedHash(seed uint64, request string, arrival int) uint64 {
	z := seedHash(seed, request, arrival)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// unitDraw maps a hash to [0, 1).
func unitDraw(h uint64) float64 { return float64(h>>11) / (1 << 53) }
