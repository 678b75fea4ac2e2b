package jp1api

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf16"
)

// echoForms are the forms in which a server or proxy may echo a secret,
// written out independently of secretForms.
func echoForms(s string) map[string]string {
	marshalled, _ := json.Marshal(s)
	j := string(marshalled[1 : len(marshalled)-1])
	var ascii strings.Builder
	for _, r := range j {
		if r < 0x80 {
			ascii.WriteRune(r)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&ascii, `\u%04X`, u)
		}
	}
	return map[string]string{
		"raw":                s,
		"json":               j,
		"json escaped slash": strings.ReplaceAll(j, "/", `\/`),
		"json \\uXXXX":       ascii.String(),
		"query escaped":      url.QueryEscape(s),
		"query escaped %20":  strings.ReplaceAll(url.QueryEscape(s), "+", "%20"),
		"path escaped":       url.PathEscape(s),
		"base64":             base64.StdEncoding.EncodeToString([]byte(s)),
		"base64 raw":         base64.RawStdEncoding.EncodeToString([]byte(s)),
		"base64 url":         base64.URLEncoding.EncodeToString([]byte(s)),
		"base64 raw url":     base64.RawURLEncoding.EncodeToString([]byte(s)),
	}
}

var echoSecrets = []string{`p"a\s<s>&w/o+r d %41`, `パス ワード/+"\`, `über&<geheim> ?`}

// A server that echoes the request puts no secret into the error, in any
// form, whether the echo is a JSON message (decoded by the client) or text:
// the answer is withheld, its status shown.
func TestErrorsWithholdEchoedSecrets(t *testing.T) {
	t.Parallel()
	h := testHTTP()
	for _, secret := range echoSecrets {
		forms := echoForms(secret)
		for name, form := range forms {
			for _, body := range []string{
				`{"messageId":"KAJY00000-E","message":"you sent ` + form + `"}`, // decoded by the client
				"<html>you sent " + form + "</html>",                            // kept as an excerpt
			} {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if strings.HasPrefix(body, "{") {
						w.Header().Set("Content-Type", "application/json")
					}
					w.WriteHeader(http.StatusBadRequest)
					_, _ = w.Write([]byte(body))
				}))
				_, _, err := h.do(ctxTimeout(t), srv.URL, &request{method: http.MethodPost, path: "/x", body: map[string]string{"pw": secret}, secrets: []string{secret}})
				srv.Close()
				if err == nil {
					t.Fatal("want an error")
				}
				text := err.Error()
				if !strings.Contains(text, "HTTP 400") || !strings.Contains(text, wantWithheldAnswer) {
					t.Errorf("%q as %s: the answer is not withheld in %q", secret, name, text)
				}
				for other, f := range forms {
					if strings.Contains(text, f) {
						t.Errorf("%q echoed as %s: the error shows its %s form: %q", secret, name, other, text)
					}
				}
			}
		}
	}
}

// Control characters from the server never reach the terminal.
func TestErrorsStripControlCharacters(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"messageId":"KAJY\u001b[31m-E","message":"bad\u001b]0;title\u0007 \u202eevil\r\nline"}`))
	}))
	defer srv.Close()
	_, _, err := testHTTP().do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x"})
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07\r\n\u202e") {
		t.Fatalf("control characters reached the error: %q", err)
	}
}
