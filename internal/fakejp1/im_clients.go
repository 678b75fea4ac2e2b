package fakejp1

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// imClient is a registered IM client ID and its secret.
type imClient struct {
	secret  string
	updated time.Time
}

const (
	maxClientIDLen = 280
	// lastUpdateTimeLayout is the UTC ISO 8601 form of DOC IM3 5.4.5.
	lastUpdateTimeLayout = "2006-01-02T15:04:05Z"
	prefixAgent          = "AGENT_"
	prefixManager        = "MANAGER_"
	// prefixIntegrated names the ID a higher manager registers for a lower one
	// (IM3 5.19.2): it cannot be issued by the API but can be deleted.
	prefixIntegrated = "MANAGER_INTEGRATED_"
)

// validClientID applies the client ID rules of DOC IM3 5.4.4/5.4.5.
func validClientID(id string, forDelete bool) bool {
	switch {
	case len(id) < 1 || len(id) > maxClientIDLen,
		!printableASCII(id, 0x20),
		strings.ContainsRune(id, ':'),
		strings.HasPrefix(id, prefixAgent):
		return false
	case strings.HasPrefix(id, prefixManager):
		return forDelete && strings.HasPrefix(id, prefixIntegrated) && len(id) > len(prefixIntegrated)
	}
	return true
}

// handleIMGenerate serves POST /im/api/v1/secret/client/generateInfo: it
// registers a new client ID and returns its secret, once (DOC IM3 5.4.5).
// An existing ID is never overwritten.
func (s *Server) handleIMGenerate(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin) {
		return
	}
	var req struct {
		ClientID *string `json:"clientId"`
	}
	if err := decodeBody(r, &req); err != nil || req.ClientID == nil || !validClientID(*req.ClientID, false) {
		writeIMError(w, r, http.StatusBadRequest, msgClientInvalidParam, 0, "")
		return
	}
	s.mu.Lock()
	if _, exists := s.imClients[*req.ClientID]; exists {
		s.mu.Unlock()
		writeIMError(w, r, http.StatusBadRequest, msgClientExists, 0, "")
		return
	}
	c := s.newIMClient()
	s.imClients[*req.ClientID] = c
	s.mu.Unlock()

	writeJSON(w, http.StatusOK, map[string]string{
		"clientSecret":   c.secret,
		"lastUpdateTime": c.updated.Format(lastUpdateTimeLayout),
	})
}

// newIMClient makes a fresh secret stamped now; callers hold s.mu.
func (s *Server) newIMClient() imClient {
	return imClient{secret: randomString(32), updated: s.clock().UTC().Truncate(time.Second)}
}

// handleIMList serves GET /im/api/v1/secret/client/list (DOC IM3 5.4.6).
// The contract leaves the order open; the fake sorts for readable logs.
func (s *Server) handleIMList(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin) {
		return
	}
	writeJSON(w, http.StatusOK, map[string][]string{"clientIds": s.IMClientIDs()})
}

// handleIMDelete serves POST /im/api/v1/secret/client/deleteInfo (DOC IM3
// 5.4.4). The fake makes a request naming several IDs all-or-nothing: if any
// is not registered, none is deleted and the answer is 500 KAJY68007-E.
func (s *Server) handleIMDelete(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin) {
		return
	}
	var req struct {
		ClientIDs []string `json:"clientIds"`
	}
	if err := decodeBody(r, &req); err != nil || len(req.ClientIDs) == 0 ||
		slices.ContainsFunc(req.ClientIDs, func(id string) bool { return !validClientID(id, true) }) {
		writeIMError(w, r, http.StatusBadRequest, msgClientInvalidParam, 0, "")
		return
	}
	s.mu.Lock()
	for _, id := range req.ClientIDs {
		if _, ok := s.imClients[id]; !ok {
			s.mu.Unlock()
			writeIMError(w, r, http.StatusInternalServerError, msgClientDeleteFailed, rcClientDeleteDB, "")
			return
		}
	}
	for _, id := range req.ClientIDs {
		delete(s.imClients, id)
	}
	s.mu.Unlock()
	writeEmptyOK(w)
}
