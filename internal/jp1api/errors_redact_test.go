package jp1api

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// A server (or a proxy in front of it) that echoes the request must not get a
// secret into the error the user sees.
func TestErrorsNeverEchoSecrets(t *testing.T) {
	t.Parallel()
	const password = "Echoed-Proxy-Pass-7Qz"
	b64 := base64.StdEncoding.EncodeToString([]byte(password))
	padding := strings.Repeat("x", maxErrorBody-len("<html><body>")-10) // the secret straddles the excerpt's cut
	for name, answer := range map[string]struct {
		status      int
		contentType string
		body        string
		want        string
	}{
		"JSON message": {400, "application/json",
			`{"status":400,"messageId":"KAJY52012-E","message":"invalid pw ` + password + ` (` + b64 + `)","returnCode":3}`,
			"HTTP 400 KAJY52012-E: JP1's answer is withheld: it may repeat a secret that was sent (after 1 attempt)"},
		"HTML page": {502, "text/html", "<html><body>" + padding + password + "</body></html>",
			"HTTP 502: JP1's answer is withheld: it may repeat a secret that was sent (after 1 attempt)"},
	} {
		t.Run(name, func(t *testing.T) {
			f := startFake(t)
			f.AddFault(fakejp1.Fault{Endpoint: keyProxyAdd, Status: answer.status, ContentType: answer.contentType, Body: answer.body})
			opts := testOptions()
			opts.MaxAttempts = 1
			err := f.im(NewHTTP(opts)).AddProxyUser(ctxTimeout(t), "u1", password)
			if err == nil {
				t.Fatal("no error")
			}
			text := err.Error()
			if !strings.Contains(text, answer.want) {
				t.Errorf("error %q lacks %q", text, answer.want)
			}
			for _, leak := range []string{password, b64, password[:8]} {
				if strings.Contains(text, leak) {
					t.Errorf("the error shows (part of) the password: %q", text)
				}
			}
		})
	}
}
