package jp1api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maskedHeaderKeys are logged as "***" whatever their value.
var maskedHeaderKeys = []string{"Authorization", "Www-Authenticate", "WWW-Authenticate", "Cookie", "Set-Cookie", "Proxy-Authorization"}

// maxLoggedBody bounds a body logged at TRACE (non-credential endpoints only).
const maxLoggedBody = 4096

// loggingTransport logs every attempt with tflog on the request's own context,
// with the masks of that request applied, and collects OA Warning headers.
// Bodies are never logged, except those of the version endpoints.
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
	logCtx := maskedContext(ctx, secrets)
	fields := map[string]any{"method": req.Method, "path": path, "attempt": attempt}
	tflog.Debug(logCtx, "JP1 API request", fields)
	if tflog.IsTrace(logCtx) {
		tflog.Trace(logCtx, "JP1 API request headers", headerFields(req.Header))
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
		fields["error"] = noControl(errorText(err))
		tflog.Debug(logCtx, "JP1 API request failed", fields)
		return resp, err
	}

	if c != nil && c.req.auth != nil {
		c.req.auth.observe(resp) // may learn a new token: mask it too
		secrets = c.secrets()
		logCtx = maskedContext(ctx, secrets)
	}
	collectWarnings(ctx, resp.Header, secrets)

	fields["status"] = resp.StatusCode
	tflog.Debug(logCtx, "JP1 API response", fields)
	if tflog.IsTrace(logCtx) {
		tflog.Trace(logCtx, "JP1 API response headers", headerFields(resp.Header))
		if c != nil && c.req.logBody && resp.Body != nil {
			if data, rerr := peekBody(resp); rerr == nil {
				tflog.Trace(logCtx, "JP1 API response body", map[string]any{"body": excerpt(data, maxLoggedBody)})
			}
		}
	}
	return resp, nil
}

func headerFields(h http.Header) map[string]any {
	f := make(map[string]any, len(h))
	for k, v := range h {
		if len(v) > 0 {
			// One string, so that the log masks (which see strings, not
			// lists) apply to every value.
			f[k] = strings.Join(v, ", ")
		}
	}
	return f
}

// maskedContext returns ctx with the header masks and the given secrets
// (plus their Base64 forms) masked in messages and field values.
func maskedContext(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, maskedHeaderKeys...)
	if m := maskStrings(secrets); len(m) > 0 {
		ctx = tflog.MaskLogStrings(ctx, m...)
	}
	return ctx
}

// maskStrings expands secrets with every form in which a server or a proxy
// could echo them (secretForms), drops empty strings and duplicates, and puts
// longer strings first (so that a secret that is a substring of another
// cannot leave part of the longer one visible).
func maskStrings(secrets []string) []string {
	seen := make(map[string]bool, len(secrets)*16)
	var out []string
	for _, s := range secrets {
		for _, f := range secretForms(s) {
			if f != "" && !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// secretForms returns s as it may appear in an echo: raw; JSON-escaped (Go's
// HTML-safe escaping and plain escaping, "/" as "\/", every non-ASCII letter
// as \uXXXX in lower and upper case); URL-encoded (query and path escaping,
// space as "+" or "%20", hex in either case); Base64 standard and URL-safe,
// with and without padding.
func secretForms(s string) []string {
	if s == "" {
		return nil
	}
	var forms []string
	add := func(f string) { forms = append(forms, f) }
	add(s)
	for _, j := range jsonForms(s) {
		add(j)
		add(strings.ReplaceAll(j, "/", `\/`))
	}
	q := url.QueryEscape(s)
	for _, u := range []string{q, strings.ReplaceAll(q, "+", "%20"), url.PathEscape(s)} {
		add(u)
		add(lowerHexEscapes(u))
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		b := enc.EncodeToString([]byte(s))
		add(b)
		add(strings.ReplaceAll(b, "/", `\/`))
	}
	return forms
}

// jsonForms returns the bodies of the JSON string literals that encode s.
func jsonForms(s string) []string {
	var html, plain bytes.Buffer
	_ = json.NewEncoder(&html).Encode(s)
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	strip := func(b bytes.Buffer) string { return strings.TrimSuffix(strings.TrimSpace(b.String()), `"`)[1:] }
	forms := []string{strip(html), strip(plain)}
	var ascii, asciiUpper strings.Builder
	for _, r := range strip(html) {
		if r < 0x80 {
			ascii.WriteRune(r)
			asciiUpper.WriteRune(r)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&ascii, `\u%04x`, u)
			fmt.Fprintf(&asciiUpper, `\u%04X`, u)
		}
	}
	return append(forms, ascii.String(), asciiUpper.String())
}

// lowerHexEscapes writes the %XX escapes of a URL-encoded string in lower case.
func lowerHexEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1] = byte(unicode.ToLower(rune(b[i+1])))
			b[i+2] = byte(unicode.ToLower(rune(b[i+2])))
			i += 2
		}
	}
	return string(b)
}

// redact replaces each of masks (longest first, as maskStrings orders them) in
// data with "***", the same mark tflog uses.
func redact(data []byte, masks []string) []byte {
	for _, m := range masks {
		data = bytes.ReplaceAll(data, []byte(m), []byte("***"))
	}
	return data
}

// redactString is redact for text.
func redactString(s string, masks []string) string {
	if s == "" {
		return s
	}
	return string(redact([]byte(s), masks))
}

// serverText makes text that a server sent safe to show: no secret of the
// call in any form, no control characters (noControl), one line.
func serverText(s string, masks []string) string {
	return redactString(strings.Join(strings.Fields(noControl(s)), " "), masks)
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
