package fakejp1

import "net/http"

// Control endpoints for the standalone server and black-box tests. They are
// not authenticated, not counted and never faulted.
const (
	pathControlCounts      = "/_fake/counts"
	pathControlResetCounts = "/_fake/reset-counts"
	pathControlStats       = "/_fake/stats"
)

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request, p string) {
	want := map[string]string{
		pathControlCounts:      http.MethodGet,
		pathControlResetCounts: http.MethodPost,
		pathControlStats:       http.MethodGet,
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
	}
}
