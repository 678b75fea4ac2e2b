package fakejp1

import (
	"net/http"
	"slices"
	"time"
)

// proxyUsers operations (DOC IM2 5.9.1).
const (
	proxyOpList = "list"
	proxyOpAdd  = "add"
	proxyOpRm   = "rm"
)

var validProxyOps = map[string]bool{proxyOpList: true, proxyOpAdd: true, proxyOpRm: true}

const (
	maxProxyIDLen = 255
	maxProxyPWLen = 255
)

type proxyRequest struct {
	Op string  `json:"op"`
	ID *string `json:"id"`
	PW *string `json:"pw"`
}

// key names the call for the competing holder's draws: its operation, user
// and password, as its body does.
func (q proxyRequest) key() string {
	k := q.Op
	for _, p := range []*string{q.ID, q.PW} {
		k += "\x00"
		if p != nil {
			k += *p
		}
	}
	return k
}

// valid applies the parameter rules of docs/design/jp1-api.md §1.4: id 1–255 ASCII
// 0x21–0x7E, pw 1–255 bytes; list needs neither.
func (q proxyRequest) valid() bool {
	validID := q.ID != nil && len(*q.ID) >= 1 && len(*q.ID) <= maxProxyIDLen && printableASCII(*q.ID, 0x21)
	switch q.Op {
	case proxyOpList:
		return true
	case proxyOpAdd:
		return validID && q.PW != nil && len(*q.PW) >= 1 && len(*q.PW) <= maxProxyPWLen
	case proxyOpRm:
		return validID
	}
	return false
}

// handleProxyUsers serves POST /im/api/v1/proxyUsers. The API cannot run
// concurrently (DOC): each call holds an exclusive lock for the processing
// time, and a call that arrives meanwhile fails with 500 KAJY52013-E.
func (s *Server) handleProxyUsers(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin, PermConsoleOperator) {
		return
	}
	var req proxyRequest
	if err := decodeBody(r, &req); err != nil || !req.valid() {
		writeIMError(w, r, http.StatusBadRequest, msgProxyInvalidParam, rcInvalidParam, "")
		return
	}
	hold, rc := s.acquireProxyLock(req.key())
	if rc != 0 {
		writeIMError(w, r, http.StatusInternalServerError, msgProxyLocked, rc, "")
		return
	}
	// The manager finishes a call it has started even if the client leaves,
	// so the change is applied after the wait either way.
	sleepCtx(r.Context(), hold)

	s.mu.Lock()
	ids, known := s.applyProxyOp(req)
	if hold > 0 {
		s.proxyBusy--
	}
	s.mu.Unlock()

	switch {
	case !known:
		writeIMError(w, r, http.StatusBadRequest, msgProxyInvalidParam, rcInvalidParam, "")
	case req.Op == proxyOpList:
		writeJSON(w, http.StatusOK, map[string][]string{"userIdList": ids})
	default:
		writeEmptyOK(w)
	}
}

// acquireProxyLock takes the proxyUsers exclusive lock for the processing
// time, or returns the returnCode of KAJY52013-E: 7 when another call is being
// processed, 2 when the simulated outside holder has it.
func (s *Server) acquireProxyLock(call string) (hold time.Duration, returnCode int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Every arrival draws, busy or not, so each arrival's draw depends on
	// the seed and the call alone.
	held := s.competingFraction > 0 && s.competingHolds(call)
	switch {
	case s.proxyBusy > 0:
		s.proxyOverlaps++
		s.lockErrors++
		return 0, rcProcessing
	case held:
		s.lockErrors++
		return 0, rcExclusiveLock
	}
	if s.proxyProcessing > 0 {
		s.proxyBusy++
	}
	return s.proxyProcessing, 0
}

// competingHolds reports whether the simulated outside holder has the lock
// when this arrival of call comes. Callers hold s.mu.
func (s *Server) competingHolds(call string) bool {
	if s.competingSeen == nil {
		s.competingSeen = map[string]int{}
	}
	s.competingSeen[call]++
	return unitDraw(mixedHash(s.competingSeed, call, s.competingSeen[call])) < s.competingFraction
}

// applyProxyOp performs a validated operation; known is false for rm of an
// unknown ID (400 in the fake). Callers hold s.mu.
func (s *Server) applyProxyOp(req proxyRequest) (ids []string, known bool) {
	switch req.Op {
	case proxyOpAdd:
		s.proxyUsers[*req.ID] = *req.PW // create or replace
	case proxyOpRm:
		if _, ok := s.proxyUsers[*req.ID]; !ok {
			return nil, false
		}
		delete(s.proxyUsers, *req.ID)
	case proxyOpList:
		ids = make([]string, 0, len(s.proxyUsers))
		for id := range s.proxyUsers {
			ids = append(ids, id)
		}
		slices.Sort(ids)
	}
	return ids, true
}
