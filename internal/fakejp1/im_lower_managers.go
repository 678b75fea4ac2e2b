package fakejp1

import (
	"net/http"
	"slices"
)

const (
	maxSubHostnameLen = 255
	maxInitialSecret  = 1024
)

// handleLowerManagersList serves GET /im/api/v1/subManagers (DOC IM3 5.19.1).
func (s *Server) handleLowerManagersList(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin) {
		return
	}
	writeJSON(w, http.StatusOK, map[string][]string{"subManagers": s.LowerManagers()})
}

// handleLowerManagersCreate serves POST /im/api/v1/subManagers/createInfo
// (DOC IM3 5.19.2): it registers a lower manager or replaces its secret.
func (s *Server) handleLowerManagersCreate(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin) {
		return
	}
	var req struct {
		Hostname      *string `json:"hostname"`
		InitialSecret *string `json:"initialsecret"`
	}
	if err := decodeBody(r, &req); err != nil ||
		req.Hostname == nil || len(*req.Hostname) < 1 || len(*req.Hostname) > maxSubHostnameLen ||
		req.InitialSecret == nil || len(*req.InitialSecret) < 1 || len(*req.InitialSecret) > maxInitialSecret ||
		!printableASCII(*req.InitialSecret, 0x20) {
		writeIMError(w, r, http.StatusBadRequest, msgSubInvalidParam, 0, "")
		return
	}
	s.PutLowerManager(*req.Hostname, *req.InitialSecret)
	writeEmptyOK(w)
}

type subMessage struct {
	MessageID string `json:"messageId"`
	Message   string `json:"message"`
}

// handleLowerManagersDelete serves POST /im/api/v1/subManagers/deleteInfo
// (DOC IM3 5.19.3). A host that is not registered fails the whole call with
// 400 KAJY68013-E (nothing is deleted). The integration manager also removes
// its MANAGER_INTEGRATED_ ID from each lower manager; a lower manager marked
// unreachable (SetLowerManagerUnreachable) is still deleted here, and the
// answer is 200 with errhostlist and a KAJY68204-W warning per such host.
func (s *Server) handleLowerManagersDelete(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin) {
		return
	}
	var req struct {
		LowerManagers []string `json:"subManagers"`
	}
	if err := decodeBody(r, &req); err != nil || len(req.LowerManagers) == 0 ||
		slices.ContainsFunc(req.LowerManagers, func(h string) bool { return h == "" || len(h) > maxSubHostnameLen }) {
		writeIMError(w, r, http.StatusBadRequest, msgSubInvalidParam, 0, "")
		return
	}
	unreachable, unknown := s.deleteLowerManagers(req.LowerManagers)
	if unknown != "" {
		writeIMError(w, r, http.StatusBadRequest, msgSubUnknownHost, 0, messageText(msgSubUnknownHost)+" (host="+unknown+")")
		return
	}
	if len(unreachable) == 0 {
		writeEmptyOK(w)
		return
	}
	msgs := make([]subMessage, len(unreachable))
	for i, h := range unreachable {
		msgs[i] = subMessage{msgSubUnreachable, messageText(msgSubUnreachable) + " (host=" + h + ")"}
	}
	writeJSON(w, http.StatusOK, map[string]any{"errhostlist": unreachable, "messageList": msgs})
}

// deleteLowerManagers deletes every host, all or nothing: it returns the first
// host that is not registered (and deletes none), or the deleted hosts that are
// marked unreachable.
func (s *Server) deleteLowerManagers(hosts []string) (unreachable []string, unknown string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range hosts {
		if _, ok := s.lowerManagers[h]; !ok {
			return nil, h
		}
	}
	for _, h := range hosts {
		delete(s.lowerManagers, h)
		if s.unreachable[h] && !slices.Contains(unreachable, h) {
			unreachable = append(unreachable, h)
		}
	}
	return unreachable, ""
}
