package fakejp1

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// maxBodyBytes bounds every request body the fake reads, API and /_fake/
// control alike: the real APIs take small JSON documents, and the largest
// control request is a few dozen bytes. A longer body is answered with 413
// and never read beyond the limit.
const maxBodyBytes = 1 << 20

// incoming is what the pipeline learned about a request before routing it.
type incoming struct {
	path      string // normalised
	body      []byte
	readErr   error
	rt        *route // nil: no route for this method and path
	pathKnown bool   // some route serves this path (with another method: 405)
}

// ServeHTTP serves both products and the /_fake/ control endpoints. Every API
// request is counted under its endpoint key first, then delayed by the latency
// knob, then possibly hit by a fault, and only then routed.
//
// A request that reached a loopback address naming a host that is not
// loopback is refused first (403, not counted): see SetAllowAnyHost.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Work on a shallow copy: the pipeline replaces the body and sets path
	// values, and handlers should not modify the caller's request.
	r = r.WithContext(r.Context())
	in := &incoming{path: normalisePath(r.URL.Path)}
	if !s.hostAllowed(r) {
		msg := "fakejp1 refuses Host " + strconv.Quote(r.Host) +
			": on loopback it answers only localhost, 127.0.0.0/8 and [::1] (DNS rebinding)"
		if isControlPath(in.path) {
			http.Error(w, msg, http.StatusForbidden)
		} else {
			productError(w, r, in.path, http.StatusForbidden, msg)
		}
		return
	}
	if isControlPath(in.path) {
		s.serveControl(w, r, in.path)
		return
	}

	// The body is read up front because the proxyUsers endpoint key depends on
	// its "op" member; handlers read it again from r.Body.
	if r.Body != nil { // nil only for requests built by hand, not served ones
		in.body, in.readErr = io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	}
	r.Body = io.NopCloser(bytes.NewReader(in.body))

	var id string
	in.rt, in.pathKnown, id = s.match(r.Method, in.path)
	if id != "" {
		r.SetPathValue("id", id)
	}
	request := r.Method + " " + in.path + " " + string(in.body)
	fault, latency, loseAnswer := s.admit(endpointKey(r.Method, in.path, in.rt, in.body), request)

	if !sleepCtx(r.Context(), latency) {
		return // the client gave up; nobody is listening for an answer
	}

	switch {
	case loseAnswer:
		s.dispatch(newDiscardWriter(), r, in)
		dropConnection(w)
	case fault == nil && s.losingAnswers():
		rec := &statusRecorder{ResponseWriter: w}
		s.dispatch(rec, r, in)
		s.answered(request, rec.status)
	case fault == nil:
		s.dispatch(w, r, in)
	case fault.Mode == FaultDropBefore:
		dropConnection(w)
	case fault.Mode == FaultDropAfter:
		s.dispatch(newDiscardWriter(), r, in)
		dropConnection(w)
	default:
		s.respondFault(w, r, in.path, *fault)
	}
}

// dispatch answers the request as the real product would.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, in *incoming) {
	var tooBig *http.MaxBytesError
	switch {
	case in.rt == nil && in.pathKnown:
		w.Header().Set("Allow", s.allowedMethods(in.path))
		productError(w, r, in.path, http.StatusMethodNotAllowed, "Request method '"+r.Method+"' is not supported.")
	case in.rt == nil:
		productError(w, r, in.path, http.StatusNotFound, "No API is provided at this path.")
	case errors.As(in.readErr, &tooBig):
		productError(w, r, in.path, http.StatusRequestEntityTooLarge, "The request body is too large.")
	case in.readErr != nil:
		productError(w, r, in.path, http.StatusBadRequest, "The request body could not be read.")
	case len(in.body) > 0 && !isJSONContentType(r.Header.Get("Content-Type")):
		// Both products are Java web applications that refuse a body they
		// cannot bind; clients must send Content-Type: application/json.
		productError(w, r, in.path, http.StatusUnsupportedMediaType,
			"Content type '"+r.Header.Get("Content-Type")+"' is not supported.")
	default:
		in.rt.handler(w, r)
	}
}

// productError writes an error without a messageId in the shape of the
// product that owns the path.
func productError(w http.ResponseWriter, r *http.Request, p string, status int, message string) {
	if isAnalyticsPath(p) {
		writeAnalyticsError(w, r, status, "", message)
		return
	}
	writeIMError(w, r, status, "", 0, message)
}

func isJSONContentType(v string) bool {
	mt, _, err := mime.ParseMediaType(v)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// normalisePath makes "/im/api/v1/login/" and "/im/api/v1/login" the same
// endpoint, as the contract requires.
func normalisePath(p string) string {
	if p == "" {
		return "/"
	}
	return path.Clean(p)
}

// hostAllowed reports whether r may be served: a request that arrived at a
// loopback address must name a loopback host, unless SetAllowAnyHost. A
// request not served from a network connection (a handler test) passes.
func (s *Server) hostAllowed(r *http.Request) bool {
	local, ok := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr)
	if !ok || !local.IP.IsLoopback() || isLoopbackHost(r.Host) {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.allowAnyHost
}

// isLoopbackHost reports whether host (a Host header or URL host, with or
// without a port) is "localhost" or a loopback IP address. Other names, even
// ones that resolve to 127.0.0.1, are not: DNS rebinding uses just those.
func isLoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func isAnalyticsPath(p string) bool { return p == "/Analytics" || strings.HasPrefix(p, "/Analytics/") }

func isControlPath(p string) bool { return p == "/_fake" || strings.HasPrefix(p, "/_fake/") }
