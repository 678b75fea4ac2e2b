package jp1api

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptrace"
	"sort"
	"time"

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
		fields["error"] = errorText(err)
		tflog.Debug(logCtx, "JP1 API request failed", fields)
		return resp, err
	}

	if c != nil && c.req.auth != nil {
		c.req.auth.observe(resp) // may learn a new token: mask it too
		logCtx = maskedContext(ctx, c.secrets())
	}
	collectWarnings(ctx, resp.Header)

	fields["status"] = resp.StatusCode
	tflog.Debug(logCtx, "JP1 API response", fields)
	if tflog.IsTrace(logCtx) {
		tflog.Trace(logCtx, "JP1 API response headers", headerFields(resp.Header))
		if c != nil && c.req.logBody && resp.Body != nil {
			data, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
			_ = resp.Body.Close()
			resp.Body = io.NopCloser(bytes.NewReader(data))
			if rerr == nil {
				tflog.Trace(logCtx, "JP1 API response body", map[string]any{"body": excerpt(data, maxLoggedBody)})
			}
		}
	}
	return resp, nil
}

func headerFields(h http.Header) map[string]any {
	f := make(map[string]any, len(h))
	for k, v := range h {
		switch len(v) {
		case 0:
		case 1:
			f[k] = v[0]
		default:
			f[k] = v
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

// maskStrings expands secrets with their Base64 forms, drops empty strings
// and duplicates, and puts longer strings first (so that a secret that is a
// substring of another cannot leave part of the longer one visible).
func maskStrings(secrets []string) []string {
	seen := make(map[string]bool, len(secrets)*4)
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		add(s)
		add(base64.StdEncoding.EncodeToString([]byte(s)))
		add(base64.RawStdEncoding.EncodeToString([]byte(s)))
		add(base64.URLEncoding.EncodeToString([]byte(s)))
		add(base64.RawURLEncoding.EncodeToString([]byte(s)))
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// redact replaces each of masks (longest first, as maskStrings orders them) in
// data with "***", the same mark tflog uses.
func redact(data []byte, masks []string) []byte {
	for _, m := range masks {
		data = bytes.ReplaceAll(data, []byte(m), []byte("***"))
	}
	return data
}
