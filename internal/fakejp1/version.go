package fakejp1

import "net/http"

// Product versions the fake reports; they match the manuals the contract cites.
const (
	IMProductName    = "JP1/Integrated Management 3 - Manager"
	IMProductVersion = "13-50"
	IMAPIVersion     = "01.00.00"
	OAProductName    = "JP1/Operations Analytics"
	OAProductVersion = "12.10.00"
	OAAPIVersion     = "01.00.00"
)

// handleIMVersion serves GET /im/api/version, which needs no authentication
// (DOC IM 5.12.1).
func (s *Server) handleIMVersion(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"productName":    IMProductName,
		"productVersion": IMProductVersion,
		"apiVersion":     []string{IMAPIVersion},
	})
}

// handleOAVersion serves GET /Analytics/v1/configuration/version for any
// authenticated user (DOC OA 2.29.1).
func (s *Server) handleOAVersion(w http.ResponseWriter, r *http.Request) {
	if !s.oaAuthorize(w, r, false) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"productName":    OAProductName,
		"productVersion": OAProductVersion,
		"apiVersion":     OAAPIVersion,
	})
}
