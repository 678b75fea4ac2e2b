package fakejp1

import (
	"encoding/json"
	"net/http"
)

// Control endpoints for the standalone server and black-box tests. They are
// not authenticated, not counted and never faulted.
const (
	pathControlCounts      = "/_fake/counts"
	pathControlResetCounts = "/_fake/reset-counts"
	pathControlStats       = "/_fake/stats"
	// pathControlUnreachable takes {"host": "<lower manager>", "unreachable": true|false}.
	pathControlUnreachable = "/_fake/lower-manager-unreachable"
)

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request, p string) {
	want := map[string]string{
		pathControlCounts:      http.MethodGet,
		pathControlResetCounts: http.MethodPost,
		pathControlStats:       http.MethodGet,
		pathControlUnreachable: http.MethodPost,
	}
	method, ok := want[p]
	switch {
	case !ok:
		http.NotFound(w, r)
		return
	case r.Method != method:
		w.Header().Set("Allow", method)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
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
	case pathControlUnreachable:
		var req struct {
			Host        string `json:"host"`
			Unreachable *bool  `json:"unreachable"`
		}
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil || req.Host == "" || req.Unreachable == nil {
			http.Error(w, `want {"host": "<lower manager>", "unreachable": true|false}`, http.StatusBadRequest)
			return
		}
		s.SetLowerManagerUnreachable(req.Host, *req.Unreachable)
		w.WriteHeader(http.StatusNoContent)
	}
}
