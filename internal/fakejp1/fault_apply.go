package fakejp1

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// respondFault writes the answer a FaultRespond fault asks for, or cuts the
// real answer off for FaultCutAnswer.
func (s *Server) respondFault(w http.ResponseWriter, r *http.Request, p string, f Fault) {
	if f.Mode == FaultCutAnswer {
		s.cutAnswer(w, r, p)
		return
	}
	if f.Mode == FaultEchoAnswer || f.Echo != "" {
		s.respondEcho(w, r, p, f)
		return
	}
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
		if isAnalyticsPath(p) {
			writeAnalyticsError(w, r, status, f.MessageID, message)
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

// cutAnswer serves the request as the product would (the change is
// committed), then sends the answer's status, its headers with the length of
// the whole body, and the first half of the body, and closes the connection.
// The request is routed again from what the pipeline read of it (a body over
// the pipeline's limit is served cut to that limit, not refused with 413).
func (s *Server) cutAnswer(w http.ResponseWriter, r *http.Request, p string) {
	body, _ := io.ReadAll(r.Body) // the pipeline's copy of the body, read in full before
	r.Body = io.NopCloser(bytes.NewReader(body))
	rt, known, _ := s.match(r.Method, p)
	rec := &bufferWriter{h: http.Header{}}
	s.dispatch(rec, r, &incoming{path: p, body: body, rt: rt, pathKnown: known})
	if rec.body.Len() == 0 {
		dropConnection(w)
		return
	}
	for k, v := range rec.h {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(rec.body.Len()))
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes()[:rec.body.Len()/2])
	_ = http.NewResponseController(w).Flush() // on the wire before the connection goes
	dropConnection(w)
}

// bufferWriter keeps an answer to send later.
type bufferWriter struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.h }

func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferWriter) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

// discardWriter swallows the answer of a request whose connection is dropped
// after the change has been committed.
type discardWriter struct{ h http.Header }

func newDiscardWriter() *discardWriter { return &discardWriter{h: http.Header{}} }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}
