package fakejp1

import "net/http"

// Product versions the fake reports; they match the manuals the contract cites.
const (
	IMProductName           = "JP1/Integrated Management 3 - Manager"
	IMProductVersion        = "13-50"
	IMAPIVersion            = "01.00.00"
	AnalyticsProductName    = "JP1/Operations Analytics"
	AnalyticsProductVersion = "12.10.00"
	AnalyticsAPIVersion     = "01.00.00"
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

// handleAnalyticsVersion serves GET /Analytics/v1/configuration/version for any
// authenticated user (DOC OA 2.29.1).
func (s *Server) handleAnalyticsVersion(w http.ResponseWriter, r *http.Request) {
	if !s.analyticsAuthorize(w, r, false) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"productName":    AnalyticsProductName,
		"productVersion": AnalyticsProductVersion,
		"apiVersion":     AnalyticsAPIVersion,
	})
}
