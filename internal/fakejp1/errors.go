package fakejp1

import (
	"encoding/json"
	"net/http"
	"time"
)

// imErrorBody is the IM error answer (DOC IM 5.2.6).
type imErrorBody struct {
	Timestamp  int64  `json:"timestamp"`
	Status     int    `json:"status"`
	Error      string `json:"error"`
	Exception  string `json:"exception,omitempty"`
	Message    string `json:"message"`
	Path       string `json:"path"`
	MessageID  string `json:"messageId,omitempty"`
	ReturnCode *int   `json:"returnCode,omitempty"`
}

// imException is an opaque exception class name, as the real manager sends one.
const imException = "jp1.im.mgr.api.ImApiException"

// writeIMError writes an IM error. returnCode 0 leaves the optional member out;
// an empty message takes the catalogue text of messageID.
func writeIMError(w http.ResponseWriter, r *http.Request, status int, messageID string, returnCode int, message string) {
	if message == "" {
		message = messageText(messageID)
	}
	b := imErrorBody{
		Timestamp: time.Now().UnixMilli(),
		Status:    status,
		Error:     http.StatusText(status),
		Exception: imException,
		Message:   message,
		Path:      r.URL.Path,
		MessageID: messageID,
	}
	if returnCode != 0 {
		b.ReturnCode = &returnCode
	}
	writeJSON(w, status, b)
}

// analyticsErrorBody is the OA error answer (DOC OA 1.2.7).
type analyticsErrorBody struct {
	ErrorSource string `json:"errorSource,omitempty"`
	Message     string `json:"message,omitempty"`
	MessageID   string `json:"messageID,omitempty"`
	Application string `json:"application,omitempty"`
}

// writeAnalyticsError writes an OA error; an empty message takes the catalogue text.
func writeAnalyticsError(w http.ResponseWriter, r *http.Request, status int, messageID, message string) {
	if message == "" {
		message = messageText(messageID)
	}
	writeJSON(w, status, analyticsErrorBody{
		ErrorSource: r.URL.Path,
		Message:     message,
		MessageID:   messageID,
		Application: "Analytics",
	})
}

// writeJSON writes v as a JSON answer. A Content-Type already set (by a fault)
// is kept.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "fakejp1: cannot encode answer: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeEmptyOK writes a 200 answer with a 0-byte body, as IM does for
// deleteInfo and proxyUsers add/rm.
func writeEmptyOK(w http.ResponseWriter) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
}
