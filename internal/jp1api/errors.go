package jp1api

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"unicode/utf8"
)

// maxErrorBody is how much of a non-JSON error body an APIError keeps.
const maxErrorBody = 512

// APIError is a failed JP1 API call: an error answer, or no answer at all.
type APIError struct {
	Method     string // "POST"
	Endpoint   string // URL path, e.g. "/Analytics/v1/objects/Credentials/7" (never query strings with secrets)
	StatusCode int    // 0 when no answer was received
	MessageID  string // trimmed (IM "messageId" / OA "messageID")
	Message    string
	ReturnCode *int   // IM only
	Body       string // first 512 bytes of a non-JSON body
	Attempts   int    // attempts made
	Hint       string // remedy in plain English
	Err        error  // transport error, if any (Unwrap)
	// MayHaveCreated marks a failed create whose request may have taken effect
	// on the server (an attempt's answer was lost and no later attempt settled
	// it): the object may exist now.
	MayHaveCreated bool
	// Cause classifies the failure for the caller, which knows what the user
	// can change about it (the client knows JP1, not the caller's settings).
	Cause Cause
	// Existing is, with CauseAlreadyExists, JP1's key of the object that
	// exists: the IM client ID, or the Operations Analytics credential name.
	Existing string
	// Product is the JP1 product the call was made to.
	Product Product
}

// Product is a JP1 product this client calls.
type Product int

const (
	// ProductUnknown is the zero Product (an APIError built by hand).
	ProductUnknown Product = iota
	// ProductIM is JP1/Integrated Management - Manager (IMClient).
	ProductIM
	// ProductAnalytics is JP1/Operations Analytics (AnalyticsClient).
	ProductAnalytics
)

// String names the product as JP1's manuals do.
func (p Product) String() string {
	switch p {
	case ProductIM:
		return "JP1/IM - Manager"
	case ProductAnalytics:
		return "JP1/Operations Analytics"
	}
	return "JP1"
}

// Cause is what a caller can tell its user about a failure beyond JP1's own
// words; the client leaves the wording of remedies that concern the caller's
// settings to the caller.
type Cause int

const (
	CauseUnknown Cause = iota
	// CauseAlreadyExists: a create met an object of the same name that no
	// attempt of this call made (IM KAJY68004-E, OA 409).
	CauseAlreadyExists
	// CauseUntrustedCA: the server's certificate is signed by an unknown CA.
	CauseUntrustedCA
	// CauseCertificate: another certificate verification failure.
	CauseCertificate
	// CauseTimeout: no answer within the per-attempt timeout.
	CauseTimeout
	// CauseNotHTTPS: an https endpoint reached a server that does not speak
	// TLS (a plain http server, for example).
	CauseNotHTTPS
	// CauseHTTPSRequired: an http endpoint reached a server that speaks only
	// https.
	CauseHTTPSRequired
	// CauseBasicDisabled: the IM manager refuses Basic authentication.
	CauseBasicDisabled
	// CauseCredentialsRefused: the product refused the user name or password.
	CauseCredentialsRefused
	// CauseLoginNotPermitted: the IM manager knows the user, but its JP1
	// permissions do not let it log in.
	CauseLoginNotPermitted
)

// CauseOf returns the Cause of an APIError (CauseUnknown for other errors).
func CauseOf(err error) Cause {
	var e *APIError
	if errors.As(err, &e) {
		return e.Cause
	}
	return CauseUnknown
}

// Error renders "POST /im/api/v1/proxyUsers: HTTP 403 KAJY01000-E: <message> (after 1 attempt). <Hint>".
// Every part may hold text from the network (a message, a body, a proxy's
// status line, a certificate's names in a TLS error), so the whole is shown
// through noControl: no control character reaches the terminal.
func (e *APIError) Error() string {
	return noControl(e.render())
}

func (e *APIError) render() string {
	var b strings.Builder
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Endpoint)
	b.WriteByte(':')
	sep := " "
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, " HTTP %d", e.StatusCode)
		if e.MessageID != "" {
			b.WriteByte(' ')
			b.WriteString(e.MessageID)
		}
		sep = ": "
	}
	for _, part := range []string{e.Message, e.Body} {
		if part != "" {
			b.WriteString(sep)
			b.WriteString(part)
			sep = ": "
			break
		}
	}
	if e.Err != nil {
		b.WriteString(sep)
		b.WriteString(errorText(e.Err))
	}
	if e.Attempts > 0 {
		if e.Attempts == 1 {
			b.WriteString(" (after 1 attempt)")
		} else {
			fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
		}
	}
	if e.Hint != "" {
		b.WriteString(". ")
		b.WriteString(strings.TrimSuffix(e.Hint, "."))
	}
	return b.String()
}

// Unwrap returns the transport error, if any.
func (e *APIError) Unwrap() error { return e.Err }

// errorText shortens net/http's `Post "http://...": dial tcp ...` to its cause.
func errorText(err error) string {
	var uerr *url.Error
	if errors.As(err, &uerr) && uerr.Err != nil {
		return uerr.Err.Error()
	}
	return err.Error()
}

// MayHaveCreated reports a failed create that may have created the object
// all the same (see APIError.MayHaveCreated).
func MayHaveCreated(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.MayHaveCreated
}

// IsNotFound reports a 404 answer.
func IsNotFound(err error) bool { return StatusCode(err) == http.StatusNotFound }

// isConflict reports a 409 answer (OA) or KAJY68004-E (IM: already registered).
func isConflict(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	return e.StatusCode == http.StatusConflict || e.MessageID == "KAJY68004-E"
}

// StatusCode returns the HTTP status of an APIError (0 when none).
func StatusCode(err error) int {
	var e *APIError
	if errors.As(err, &e) {
		return e.StatusCode
	}
	return 0
}

// MessageID returns the messageId of an APIError ("" when none).
func MessageID(err error) string {
	var e *APIError
	if errors.As(err, &e) {
		return e.MessageID
	}
	return ""
}

// errorBody is the union of the IM (5.2.6) and OA (1.2.6) error bodies.
// JSON member matching is case-insensitive, so "messageId" and "messageID"
// both land in MessageID.
type errorBody struct {
	MessageID  *flexString `json:"messageId"`
	Message    *flexString `json:"message"`
	ReturnCode *flexInt64  `json:"returnCode"`
	Error      *flexString `json:"error"`
}

// newAPIError decodes an error answer. It tolerates non-JSON bodies (the
// first 512 bytes are kept) and empty bodies.
func newAPIError(method, endpoint string, status int, data []byte, attempts int) *APIError {
	e := &APIError{Method: method, Endpoint: endpoint, StatusCode: status, Attempts: attempts}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		e.Message = http.StatusText(status)
		return e
	}
	var b errorBody
	if trimmed[0] == '{' && json.Unmarshal(trimmed, &b) == nil {
		if b.MessageID != nil {
			e.MessageID = strings.TrimSpace(string(*b.MessageID))
		}
		if b.Message != nil {
			e.Message = strings.TrimSpace(string(*b.Message))
		}
		if e.Message == "" && b.Error != nil {
			e.Message = strings.TrimSpace(string(*b.Error))
		}
		if b.ReturnCode != nil {
			rc := int(*b.ReturnCode)
			e.ReturnCode = &rc
		}
		if e.MessageID != "" || e.Message != "" {
			return e
		}
	}
	e.Body = excerpt(trimmed, maxErrorBody)
	return e
}

// excerpt returns the first n bytes of b as valid UTF-8 on one line.
func excerpt(b []byte, n int) string {
	cut := len(b) > n
	if cut {
		b = b[:n]
		for len(b) > 0 && !utf8.Valid(b) { // do not split a multi-byte character
			b = b[:len(b)-1]
		}
	}
	s := strings.ToValidUTF8(string(b), "?")
	s = strings.Join(strings.Fields(s), " ")
	if cut {
		s += "…"
	}
	return s
}

// transportCause classifies an error that came without an answer and says
// what happened in JP1's terms; remedies that concern the caller's settings
// are the caller's to word (see Cause).
func transportCause(err error) (Cause, string) {
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var dnsErr *net.DNSError
	var recErr tls.RecordHeaderError
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return CauseUnknown, ""
	case errors.As(err, &unknownCA):
		return CauseUntrustedCA, "the server's certificate is signed by a CA this machine does not trust"
	case errors.As(err, &hostname):
		return CauseCertificate, "the server's certificate does not name the host in the endpoint URL: use the host name the certificate was issued for"
	case errors.As(err, &certErr):
		return CauseCertificate, "the server certificate is not trusted"
	case errors.Is(err, syscall.ECONNREFUSED):
		return CauseUnknown, "nothing answers at that address: check the endpoint (scheme, host and port) and that the JP1 service is running"
	case errors.As(err, &dnsErr):
		return CauseUnknown, "the host name does not resolve: check the endpoint"
	case errors.Is(err, http.ErrSchemeMismatch), errors.As(err, &recErr):
		return CauseNotHTTPS, "the server does not speak TLS (an https:// endpoint on a plain http port): use an http:// endpoint, or the server's HTTPS port"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return CauseTimeout, "the server did not answer in time"
	}
	return CauseUnknown, ""
}

// redactLocation drops user info and query from a redirect target.
func redactLocation(loc string) string {
	u, err := url.Parse(loc)
	if err != nil {
		return "another address"
	}
	u.User = nil
	u.RawQuery = ""
	u.Fragment = ""
	return u.String()
}

// joinHints joins two remedies into one sentence sequence.
func joinHints(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return strings.TrimSuffix(a, ".") + ". " + b
}

// errorf builds an APIError for a call that the client itself rejects.
func errorf(method, endpoint, format string, args ...any) *APIError { //nolint:unparam // the method is part of every APIError; today only POSTs are refused before sending
	return &APIError{Method: method, Endpoint: endpoint, Message: fmt.Sprintf(format, args...)}
}
