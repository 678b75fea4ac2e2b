package fakejp1

import (
	"net/http"
	"slices"
)

const (
	maxSubHostnameLen = 255
	maxInitialSecret  = 1024
)

// handleSubManagersList serves GET /im/api/v1/subManagers (DOC IM3 5.19.1).
func (s *Server) handleSubManagersList(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin) {
		return
	}
	writeJSON(w, http.StatusOK, map[string][]string{"subManagers": s.SubManagers()})
}

// handleSubManagersCreate serves POST /im/api/v1/subManagers/createInfo
// (DOC IM3 5.19.2): it registers a lower manager or replaces its secret.
func (s *Server) handleSubManagersCreate(w http.ResponseWriter, r *http.Request) {
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
	s.PutSubManager(*req.Hostname, *req.InitialSecret)
	writeEmptyOK(w)
}

type subMessage struct {
	MessageID string `json:"messageId"`
	Message   string `json:"message"`
}

// handleSubManagersDelete serves POST /im/api/v1/subManagers/deleteInfo
// (DOC IM3 5.19.3). Hosts that are not registered do not fail the call: the
// answer is 200 with errhostlist and a KAJY68204-W warning per host.
func (s *Server) handleSubManagersDelete(w http.ResponseWriter, r *http.Request) {
	if !s.imAuthorize(w, r, PermConsoleAdmin) {
		return
	}
	var req struct {
		SubManagers []string `json:"subManagers"`
	}
	if err := decodeBody(r, &req); err != nil || len(req.SubManagers) == 0 ||
		slices.ContainsFunc(req.SubManagers, func(h string) bool { return h == "" || len(h) > maxSubHostnameLen }) {
		writeIMError(w, r, http.StatusBadRequest, msgSubInvalidParam, 0, "")
		return
	}
	var missing []string
	for _, h := range req.SubManagers {
		if !s.DeleteSubManager(h) {
			missing = append(missing, h)
		}
	}
	if len(missing) == 0 {
		writeEmptyOK(w)
		return
	}
	msgs := make([]subMessage, len(missing))
	for i, h := range missing {
		msgs[i] = subMessage{msgSubNotRegistered, messageText(msgSubNotRegistered) + " (host=" + h + ")"}
	}
	writeJSON(w, http.StatusOK, map[string]any{"errhostlist": missing, "messageList": msgs})
}
