package fakejp1

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Control endpoints for the standalone server and black-box tests. They are
// not authenticated, not counted and never faulted. The two state endpoints
// do what no JP1 API can (JP1 sets these itself), so a user of the
// standalone fake can see every documented behaviour of the provider.
//
// Because they are not authenticated, a web page must not drive them: a
// request carrying an Origin header that is not loopback is refused (403),
// and a POST must send its body as application/json (415 otherwise; a POST
// without a body, as reset-counts takes, may omit the Content-Type). A page
// cannot send JSON cross-origin without a CORS preflight, which the fake
// never answers. Bodies are bounded by maxBodyBytes (413), and, as for every
// endpoint, a loopback connection must name a loopback Host (see
// Server.SetAllowAnyHost).
const (
	pathControlCounts      = "/_fake/counts"
	pathControlResetCounts = "/_fake/reset-counts"
	pathControlStats       = "/_fake/stats"
	// POST {"instanceID": 3, "numOfRelatedResources": 2}: a credential in use.
	pathControlRelated = "/_fake/related-resources"
	// POST {"clientId": "AGENT_host1"}: an ID JP1/IM registers itself.
	pathControlSystemClient = "/_fake/system-client"
	// POST {"host": "<lower manager>", "unreachable": true|false}.
	pathControlUnreachable = "/_fake/lower-manager-unreachable"
	// POST {"prefix": "gui", "count": 3}: an estate made by hand (SeedEstate),
	// answered with what was made, secrets included.
	pathControlEstate = "/_fake/estate"
)

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request, p string) {
	want := map[string]string{
		pathControlCounts:       http.MethodGet,
		pathControlResetCounts:  http.MethodPost,
		pathControlStats:        http.MethodGet,
		pathControlRelated:      http.MethodPost,
		pathControlSystemClient: http.MethodPost,
		pathControlUnreachable:  http.MethodPost,
		pathControlEstate:       http.MethodPost,
	}
	method, ok := want[p]
	switch {
	case !loopbackOrigin(r.Header.Get("Origin")):
		http.Error(w, "fakejp1: control endpoints refuse requests from web pages (Origin "+
			r.Header.Get("Origin")+")", http.StatusForbidden)
		return
	case !ok:
		http.NotFound(w, r)
		return
	case r.Method != method:
		w.Header().Set("Allow", method)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.Method == http.MethodPost && !readControlBody(w, r) {
		return
	}
	switch p {
	case pathControlCounts:
		writeJSON(w, http.StatusOK, s.Counts())
	case pathControlStats:
		writeJSON(w, http.StatusOK, s.Stats())
	case pathControlResetCounts:
		s.ResetCounts()
		w.WriteHeader(http.StatusNoContent)
	case pathControlRelated:
		s.controlRelated(w, r)
	case pathControlSystemClient:
		s.controlSystemClient(w, r)
	case pathControlUnreachable:
		s.controlUnreachable(w, r)
	case pathControlEstate:
		s.controlEstate(w, r)
	}
}

// loopbackOrigin reports whether an Origin header value is absent or names a
// loopback host; "null" (a sandboxed or file: page) is not loopback.
func loopbackOrigin(origin string) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && isLoopbackHost(u.Host)
}

// readControlBody checks the Content-Type of a control POST and reads its
// body, at most maxBodyBytes, into r.Body. It answers the request itself and
// returns false when the body is refused.
func readControlBody(w http.ResponseWriter, r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	if ct != "" && !isJSONContentType(ct) || ct == "" && r.ContentLength != 0 {
		http.Error(w, "fakejp1: control endpoints take Content-Type: application/json, not "+
			`"`+ct+`"`, http.StatusUnsupportedMediaType)
		return false
	}
	if r.Body == nil { // a request built by hand
		r.Body = http.NoBody
		return true
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "fakejp1: request body too large", http.StatusRequestEntityTooLarge)
		return false
	case err != nil:
		http.Error(w, "fakejp1: request body could not be read", http.StatusBadRequest)
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return true
}

// controlRelated sets numOfRelatedResources of one credential.
func (s *Server) controlRelated(w http.ResponseWriter, r *http.Request) {
	var req struct {
		InstanceID            *int64 `json:"instanceID"`
		NumOfRelatedResources *int64 `json:"numOfRelatedResources"`
	}
	if err := decodeBody(r, &req); err != nil || req.InstanceID == nil || req.NumOfRelatedResources == nil ||
		*req.NumOfRelatedResources < 0 {
		http.Error(w, `want {"instanceID": <id>, "numOfRelatedResources": <n >= 0>}`, http.StatusBadRequest)
		return
	}
	if _, ok := s.Credential(*req.InstanceID); !ok {
		http.Error(w, "no credential with that instanceID", http.StatusNotFound)
		return
	}
	s.SetRelatedResources(*req.InstanceID, *req.NumOfRelatedResources)
	w.WriteHeader(http.StatusNoContent)
}

// controlSystemClient registers an AGENT_ or MANAGER_ client ID, which JP1/IM
// registers itself and the API refuses to issue.
func (s *Server) controlSystemClient(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ClientID *string `json:"clientId"`
	}
	if err := decodeBody(r, &req); err != nil || req.ClientID == nil ||
		!strings.HasPrefix(*req.ClientID, prefixAgent) && !strings.HasPrefix(*req.ClientID, prefixManager) ||
		!validClientID(strings.TrimPrefix(strings.TrimPrefix(*req.ClientID, prefixAgent), prefixManager), false) {
		http.Error(w, `want {"clientId": "AGENT_<host>" or "MANAGER_<...>"} (other IDs: issue them through the API)`,
			http.StatusBadRequest)
		return
	}
	s.PutIMClient(*req.ClientID)
	w.WriteHeader(http.StatusNoContent)
}

// controlUnreachable marks a lower manager unreachable (or reachable again), so
// that deleting it answers with the KAJY68204-W warning.
func (s *Server) controlUnreachable(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Host        string `json:"host"`
		Unreachable *bool  `json:"unreachable"`
	}
	if err := decodeBody(r, &req); err != nil || req.Host == "" || req.Unreachable == nil {
		http.Error(w, `want {"host": "<lower manager>", "unreachable": true|false}`, http.StatusBadRequest)
		return
	}
	s.SetLowerManagerUnreachable(req.Host, *req.Unreachable)
	w.WriteHeader(http.StatusNoContent)
}

// maxSeedCount bounds one estate request (5 credentials per count).
const maxSeedCount = 1000

// controlEstate makes an estate by hand (SeedEstate) and answers what it made.
func (s *Server) controlEstate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Prefix string `json:"prefix"`
		Count  int    `json:"count"`
	}
	if err := decodeBody(r, &req); err != nil || req.Prefix == "" || req.Count < 1 || req.Count > maxSeedCount {
		http.Error(w, `want {"prefix": "<name prefix>", "count": <1-1000>}`, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, s.SeedEstate(req.Prefix, req.Count))
}
