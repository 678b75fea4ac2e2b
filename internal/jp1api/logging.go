package jp1api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maskedHeaderKeys are logged as "***" whatever their value: they carry
// credentials (tokens, Basic credentials, cookies) in every answer.
var maskedHeaderKeys = []string{"Authorization", "Www-Authenticate", "WWW-Authenticate", "Cookie", "Set-Cookie", "Proxy-Authorization"}

// maxLoggedBody bounds a body logged at TRACE (non-credential endpoints only).
const maxLoggedBody = 4096

// loggingTransport logs every attempt with tflog on the request's own context
// and collects OA Warning headers. What the client logs of its own (method,
// path, attempt, status, durations, its request headers) is never masked; what
// came from the network (response headers, a logged body, a network error) is
// logged only when revealsSecret finds no secret of the call in it, and is
// otherwise replaced whole by withheldLogValue. Authorization, cookies and
// WWW-Authenticate are masked by name. Bodies are never logged, except those
// of the version endpoints.
type loggingTransport struct {
	base http.RoundTripper
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	c := callFrom(ctx)
	attempt := 1
	path := req.URL.Path
	if c != nil {
		attempt = c.attempts + 1
		path = c.endpoint
	}
	var secrets []string
	if c != nil {
		secrets = c.secrets()
	}
	logCtx := logContext(ctx)
	fields := map[string]any{"method": req.Method, "path": path, "attempt": attempt}
	tflog.Debug(logCtx, "JP1 API request", fields)
	if tflog.IsTrace(logCtx) {
		tflog.Trace(logCtx, "JP1 API request headers", headerFields(req.Header, nil, false))
	}

	if c != nil {
		c.sent.Store(false)
		req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
			WroteRequest: func(i httptrace.WroteRequestInfo) {
				if i.Err == nil {
					c.sent.Store(true)
				}
			},
		}))
	}
	start := time.Now()
	resp, err := t.base.RoundTrip(req)
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		text := noControl(errorText(err))
		if revealsInNetworkText(text, secrets) {
			text = withheldLogValue(text)
		}
		fields["error"] = text
		tflog.Debug(logCtx, "JP1 API request failed", fields)
		return resp, err
	}

	if c != nil && c.req.auth != nil {
		c.req.auth.observe(resp) // may learn a new token: a secret of the call from now on
		secrets = c.secrets()
	}
	collectWarnings(ctx, resp.Header, secrets)

	fields["status"] = resp.StatusCode
	tflog.Debug(logCtx, "JP1 API response", fields)
	if tflog.IsTrace(logCtx) {
		tflog.Trace(logCtx, "JP1 API response headers", headerFields(resp.Header, secrets, true))
		if c != nil && c.req.logBody && resp.Body != nil {
			if data, rerr := peekBody(resp); rerr == nil {
				body := excerpt(data, maxLoggedBody)
				if revealsSecret(string(data), secrets) {
					body = withheldLogValue(string(data))
				}
				tflog.Trace(logCtx, "JP1 API response body", map[string]any{"body": body})
			}
		}
	}
	return resp, nil
}

// headerFields returns headers as log fields, each header's values joined in
// one string. The headers of an answer (fromServer) are server text: a name
// or a value that may reveal one of secrets is withheld.
func headerFields(h http.Header, secrets []string, fromServer bool) map[string]any {
	f := make(map[string]any, len(h))
	withheldNames := 0
	for k, v := range h {
		if len(v) == 0 {
			continue
		}
		value := strings.Join(v, ", ")
		if fromServer {
			if !protocolHeaders[k] && revealsSecret(k, secrets) {
				withheldNames++
				k = fmt.Sprintf("withheld-header-%d", withheldNames)
			}
			value = loggedServerText(value, secrets)
		}
		f[k] = value
	}
	return f
}

// protocolHeaders are header names of HTTP's own vocabulary (in canonical
// form): like a JP1 message ID, such a name cannot carry what a request held,
// so it is logged even when a secret too short to look for went with the call.
var protocolHeaders = map[string]bool{
	"Allow": true, "Cache-Control": true, "Connection": true, "Content-Encoding": true, "Content-Language": true,
	"Content-Length": true, "Content-Type": true, "Date": true, "Etag": true, "Expires": true, "Keep-Alive": true,
	"Last-Modified": true, "Location": true, "Pragma": true, "Retry-After": true, "Server": true, "Set-Cookie": true,
	"Strict-Transport-Security": true, "Transfer-Encoding": true, "Vary": true, "Warning": true, "Www-Authenticate": true,
	"X-Content-Type-Options": true, "X-Frame-Options": true,
}

// loggedServerText is server text as a log line shows it: without control
// characters, or withheldLogValue when it may reveal one of secrets.
func loggedServerText(s string, secrets []string) string {
	if revealsSecret(s, secrets) {
		return withheldLogValue(s)
	}
	return noControl(s)
}

// logContext returns ctx for logging a call: the headers that carry
// credentials are masked by name. Nothing else is masked: the client's own
// text holds no secret, and server text is judged before it is logged.
func logContext(ctx context.Context) context.Context {
	return tflog.MaskFieldValuesWithFieldKeys(ctx, maskedHeaderKeys...)
}

// noControl makes text that may hold what came from the network (an answer,
// a certificate's names, a proxy's status line) safe to show: no control
// characters (which could rewrite the terminal; tabs and line breaks become
// blanks), valid UTF-8.
func noControl(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\n', r == '\r':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
}
