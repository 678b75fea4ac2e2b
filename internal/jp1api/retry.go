package jp1api

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// IM messageIds of transient database errors (retried a few times).
var imDBErrors = map[string]bool{
	"KAJY68001-E": true,
	"KAJY68008-E": true,
	"KAJY68009-E": true,
	"KAJY68501-E": true,
}

// checkRetry is the retryablehttp CheckRetry: the decisions of docs/design/jp1-api.md §3.
func (h *HTTP) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if cerr := ctx.Err(); cerr != nil {
		return false, cerr
	}
	c := callFrom(ctx)
	if c == nil {
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	c.attempts++
	retry, reason := h.decide(ctx, c, resp, err)
	if retry {
		c.retryAt = time.Now()
		c.retryReason = reason
	}
	return retry, nil
}

// limit is the number of attempts that c may make (authentication replays apart).
func (h *HTTP) limit(c *call) int {
	if c.req.kind == kindOnce {
		return 1
	}
	return h.maxAttempts
}

// decide returns whether the attempt just made is retried, and why.
func (h *HTTP) decide(ctx context.Context, c *call, resp *http.Response, err error) (bool, string) {
	limit := h.limit(c)
	few := min(limit, fewAttempts)

	if err != nil {
		// Only a request written in full can have been processed: a refused
		// dial, a DNS error or a failed TLS handshake (including an http
		// server behind an https endpoint) provably never reached JP1.
		if c.sent.Load() {
			c.possiblyProcessed = true
		}
		// What no retry can change in this run (an https endpoint on a plain
		// http server, a certificate that fails verification, a host name
		// that does not exist): one attempt.
		if permanentCause(err) != "" {
			return false, ""
		}
		// The library's classification of transport errors: no retry for
		// certificate, scheme, header and redirect errors.
		if ok, _ := retryablehttp.DefaultRetryPolicy(ctx, nil, err); !ok {
			return false, ""
		}
		return c.budgetUsed() < limit, "transport error"
	}

	c.answered = true
	code := resp.StatusCode
	reason := "HTTP " + strconv.Itoa(code)
	switch {
	case code >= 200 && code < 300:
		c.decoded = false
		data, rerr := peekBody(resp)
		switch {
		case rerr != nil:
			// The body was cut off (a reset or a timeout while it was read):
			// the answer is lost, and the request may have been processed (a
			// create may have taken effect). Retried like a dropped connection;
			// the body keeps the error for the caller (see peekBody).
			c.possiblyProcessed = true
			return c.budgetUsed() < limit, reason + " cut off while its body was read"
		case c.req.decode != nil && c.req.decode(data) != nil:
			// Processed (a create may have taken effect), but the answer is
			// garbled: retried like a server fault.
			c.possiblyProcessed = true
			return c.retryServerFault(few, limit), reason + " with a malformed answer"
		}
		c.decoded = c.req.decode != nil // the answer do returns: decoded once is enough
		return false, ""
	case code < 400:
		return false, ""
	case code == http.StatusUnauthorized:
		if c.req.auth != nil && c.authReplays < maxAuthReplays && c.req.auth.replay401(c) {
			c.authReplays++
			c.reauth = true
			return true, "HTTP 401 (authenticating again)"
		}
		return false, ""
	case code == http.StatusPreconditionFailed, code == http.StatusTooManyRequests, code == http.StatusServiceUnavailable:
		// The server did not process the request: safe for every kind.
		return c.budgetUsed() < limit, reason
	case code == http.StatusBadGateway, code == http.StatusGatewayTimeout:
		// A gateway answered: the server may have processed the request.
		c.possiblyProcessed = true
		return c.budgetUsed() < limit, reason
	case code >= 500:
		id, rc := peekErrorCodes(resp)
		if shown := shownMessageID(id, c.secrets()); shown != "" {
			reason += " " + shown
		}
		if c.req.onServerError != nil && id != "" {
			switch c.req.onServerError(ctx, code, id) {
			case verdictDone:
				c.resolved = true
				return false, ""
			case verdictRetry:
				return c.retryServerFault(few, limit), reason
			case verdictStop:
				return false, ""
			}
		}
		if c.req.busy != nil && c.req.busy(id, rc) {
			return c.budgetUsed() < limit, reason
		}
		if imDBErrors[id] {
			return c.retryServerFault(few, limit), reason
		}
		if code == http.StatusNotImplemented || !c.req.kind.retriesServerFaults() {
			return false, ""
		}
		return c.retryServerFault(few, limit), reason
	default: // 400, 403, 404, 405, 409, 415, ...: the caller's fault
		return false, ""
	}
}

// permanentCause names what an error without an answer says that no attempt
// can change in this run ("" when a retry may succeed): an https endpoint on
// a server that does not speak TLS, a certificate that fails verification, a
// host name that does not exist (a DNS answer; a resolver that could not be
// asked may answer later).
func permanentCause(err error) string {
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recErr tls.RecordHeaderError
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return ""
	case errors.Is(err, http.ErrSchemeMismatch), errors.As(err, &recErr):
		return "was found not to speak TLS"
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &certErr):
		return "presented a certificate that failed verification"
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return "could not be resolved (no such host)"
	}
	return ""
}

// unreachable reports an error that says nothing answers at the endpoint:
// the connection was refused or found no route, or no answer came in time.
// (A connection dropped or reset by the server is not: something is there,
// and the request may have been processed.)
func unreachable(err error) bool {
	var ne net.Error
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) ||
		errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// retryServerFault counts a server fault (an IM database error, another 500 of
// an idempotent call) and says whether to retry it: a few such answers, within
// the call's whole budget. Attempts lost to other transient failures (a 503, a
// dropped connection) do not use up the few.
func (c *call) retryServerFault(few, limit int) bool {
	c.serverFaults++
	return c.serverFaults < few && c.budgetUsed() < limit
}

// peekBody reads an answer's body (at most maxBodyBytes) and puts back a body
// that gives the same bytes and then the same read error, so that the caller
// learns of a body cut off too.
func peekBody(resp *http.Response) ([]byte, error) {
	if resp.Body == nil {
		return nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	_ = resp.Body.Close()
	var again io.Reader = bytes.NewReader(data)
	if err != nil {
		again = io.MultiReader(again, failingReader{err})
	}
	resp.Body = io.NopCloser(again)
	return data, err
}

// failingReader fails every read with err.
type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

// peekErrorCodes reads an error body (keeping it readable for the caller) and
// returns its trimmed IM "messageId" / OA "messageID" and its IM returnCode,
// each when present.
func peekErrorCodes(resp *http.Response) (messageID string, returnCode *int) {
	if resp == nil || resp.Body == nil {
		return "", nil
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	var b struct {
		MessageID  json.RawMessage `json:"messageId"`
		ReturnCode json.RawMessage `json:"returnCode"`
	}
	if json.Unmarshal(data, &b) != nil {
		return "", nil
	}
	var rc flexInt64
	if len(b.ReturnCode) > 0 && string(b.ReturnCode) != "null" && json.Unmarshal(b.ReturnCode, &rc) == nil {
		n := int(rc)
		returnCode = &n
	}
	var s string
	if json.Unmarshal(b.MessageID, &s) != nil {
		return "", returnCode
	}
	return strings.TrimSpace(s), returnCode
}

// backoff is the retryablehttp Backoff: no wait before an authentication
// replay; Retry-After (seconds or HTTP date) when given, at least min and at
// most max; otherwise exponential from min, with jitter, capped at max.
func backoff(minWait, maxWait time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil {
		if resp.StatusCode == http.StatusUnauthorized {
			return 0
		}
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(max(d, minWait), maxWait)
		}
	}
	base := minWait
	for i := 0; i < attemptNum && base < maxWait; i++ {
		base *= 2
	}
	if base > maxWait || base <= 0 {
		base = maxWait
	}
	// jitter: up to +50%
	wait := base
	if half := int64(base / 2); half > 0 {
		wait += time.Duration(rand.Int64N(half + 1))
	}
	return min(wait, maxWait)
}

// parseRetryAfter parses a Retry-After value: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}

// prepareRetry is the retryablehttp PrepareRetry: it logs the retry with the
// wait that was made and sets fresh credentials for the next attempt (a new
// IM login after a 401, Basic after an OA token was refused).
func prepareRetry(req *http.Request) error {
	ctx := req.Context()
	c := callFrom(ctx)
	if c == nil {
		return nil
	}
	logCtx := logContext(ctx)
	tflog.Debug(logCtx, "retrying JP1 API request", map[string]any{
		"method":  req.Method,
		"path":    c.endpoint,
		"attempt": c.attempts + 1,
		"wait_ms": time.Since(c.retryAt).Milliseconds(),
		"reason":  c.retryReason,
	})
	if c.req.auth == nil {
		return nil
	}
	v, err := c.req.auth.authorize(ctx, c)
	if err != nil {
		return err
	}
	// The shallow copy made by retryablehttp shares the header map with the
	// previous attempt: copy before changing it.
	req.Header = req.Header.Clone()
	req.Header.Set("Authorization", v)
	return nil
}
