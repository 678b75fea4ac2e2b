package fakejp1

import (
	"encoding/json"
	"net/http"
)

// respondFault writes the answer a FaultRespond fault asks for.
func (s *Server) respondFault(w http.ResponseWriter, r *http.Request, p string, f Fault) {
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Body == "" {
		if f.ContentType != "" {
			w.Header().Set("Content-Type", f.ContentType)
		}
		message := messageText(f.MessageID)
		if message == "" {
			message = "A fault was injected by fakejp1."
		}
		if isOAPath(p) {
			writeOAError(w, r, status, f.MessageID, message)
		} else {
			rc := f.ReturnCode
			switch rc {
			case 0:
				rc = faultReturnCode(f.MessageID)
			case RCNone:
				rc = 0
			}
			writeIMError(w, r, status, f.MessageID, rc, message)
		}
		return
	}
	ct := f.ContentType
	if ct == "" {
		ct = "text/plain; charset=utf-8"
		if json.Valid([]byte(f.Body)) {
			ct = "application/json"
		}
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(f.Body))
}

// dropConnection closes the client connection without writing an answer, so
// the client sees a reset or EOF. When the connection cannot be hijacked
// (HTTP/2), aborting the handler resets the stream instead.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// discardWriter swallows the answer of a request whose connection is dropped
// after the change has been committed.
type discardWriter struct{ h http.Header }

func newDiscardWriter() *discardWriter { return &discardWriter{h: http.Header{}} }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}
