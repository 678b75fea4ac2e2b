package jp1api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// The sentences that stand for server text that is withheld (written out
// here, independently of the code).
const (
	wantWithheldAnswer  = "JP1's answer is withheld: it may repeat a secret that was sent"
	wantWithheldWarning = "JP1's warning is withheld: it may repeat a secret that was sent"
	wantWithheldMessage = "JP1's message is withheld: it may repeat a secret that was sent"
)

// echoTestSecrets are secrets that are substrings of names, of JP1's own
// message text and of ordinary words, and secrets with every character that
// an encoding treats specially.
var echoTestSecrets = []string{
	"x", "wmi", "core", "public",
	`p"a\s<s>&w/o+r d %41`, `パス ワード/+"\ü`, `PuPw'Z&<>é`, "Long-Secret-Value-9",
}

// echoCall is one call that carries a secret, and the endpoint key whose
// answer echoes the request.
type echoCall struct {
	name string
	key  string
	id   string // the messageId of the echoing error answer
	run  func(ctx context.Context) error
}

// A server or a front end that echoes the request, in any form, on any call
// that carries a secret (the login password, a Bearer token, Basic
// credentials, a proxy user's password, a lower manager's initial secret, an
// OA secret and its Base64), gets nothing of its answer into the error but
// the status and the messageId: JP1's answer is withheld whole.
func TestEchoedSecretsAreWithheldFromErrors(t *testing.T) {
	t.Parallel()
	for _, secret := range echoTestSecrets {
		for _, mode := range []string{"im-login", "im-basic", "oa"} {
			t.Run(mode+"/"+secret, func(t *testing.T) {
				t.Parallel()
				f := startFake(t)
				f.AddIMUser("echo-user", secret, fakejp1.PermConsoleAdmin)
				f.AddAnalyticsUser("echo-user", secret, true)
				f.SetIMBasicAuth(mode == "im-basic")
				opts := testOptions()
				opts.MaxAttempts = 1
				h := NewHTTP(opts)
				calls := echoCalls(t, f, h, mode, secret)
				for _, form := range fakejp1.EchoForms() {
					for _, call := range calls {
						f.AddFault(fakejp1.Fault{Endpoint: call.key, Status: http.StatusBadRequest, Echo: form, MessageID: call.id, Times: 1})
						err := call.run(ctxTimeout(t))
						var e *APIError
						if !errors.As(err, &e) {
							t.Fatalf("%s, %s: %v, want an APIError", call.name, form, err)
						}
						wantID := ""
						if form == fakejp1.EchoMessage || form == fakejp1.EchoNested {
							wantID = call.id
						}
						want := (&APIError{Method: e.Method, Endpoint: e.Endpoint, StatusCode: http.StatusBadRequest, MessageID: wantID,
							Message: wantWithheldAnswer, Attempts: e.Attempts, Hint: e.Hint}).Error()
						if got := err.Error(); got != want {
							t.Errorf("%s echoed as %s:\n got %q\nwant %q", call.name, form, got, want)
						}
					}
				}
			})
		}
	}
}

// echoCalls returns the calls of a mode that carry a secret.
func echoCalls(t *testing.T, f *fakeJP1, h *HTTP, mode, secret string) []echoCall {
	t.Helper()
	switch mode {
	case "oa":
		oa := NewAnalyticsClient(h, AnalyticsConfig{Endpoint: f.url, Username: "echo-user", Password: secret})
		id := f.putSSH("ssh-" + "core")
		const analyticsID = "KNAQ02002-E"
		return []echoCall{
			{"create", keyAnalyticsCreate, analyticsID, func(ctx context.Context) error {
				_, err := oa.CreateCredential(ctx, Credential{Name: "win-dc-wmi", CredentialType: "WMI", UserID: fakejp1test.Ptr("Administrator"), Password: fakejp1test.Ptr(secret)})
				return err
			}},
			{"create snmp", keyAnalyticsCreate, analyticsID, func(ctx context.Context) error {
				_, err := oa.CreateCredential(ctx, Credential{Name: "core-switch-v3", CredentialType: "SNMP", SNMPVersion: fakejp1test.Ptr("V1_V2C"), Community: fakejp1test.Ptr(secret)})
				return err
			}},
			{"update", "PUT " + analyticsCredentialsPath + "/{id}", analyticsID, func(ctx context.Context) error {
				_, err := oa.UpdateCredential(ctx, id, Credential{Name: "ssh-core", CredentialType: "SSH", UserID: fakejp1test.Ptr("root"), Password: fakejp1test.Ptr(secret), RootPassword: fakejp1test.Ptr(secret)})
				return err
			}},
			{"list", keyAnalyticsList, analyticsID, func(ctx context.Context) error {
				_, err := oa.ListCredentials(ctx)
				return err
			}},
		}
	}
	cfg := IMConfig{Endpoint: f.url, Username: "echo-user", Password: secret}
	if mode == "im-basic" {
		cfg.AuthMethod = "basic"
	}
	im := NewIMClient(h, cfg)
	f.PutLowerManager("lower-x", "Init-Secret-1")
	const imID = "KAJY52012-E"
	calls := []echoCall{
		{"proxy add", keyProxyAdd, imID, func(ctx context.Context) error { return im.AddProxyUser(ctx, "u-wmi", secret) }},
		{"lower manager secret", "POST " + imSubCreatePath, imID, func(ctx context.Context) error {
			return im.SetLowerManagerSecret(ctx, "lower-x", secret)
		}},
		{"issue", keyIMIssue, imID, func(ctx context.Context) error {
			_, err := im.IssueClientSecret(ctx, "client-core")
			return err
		}},
		{"lower manager delete", "POST " + imSubDeletePath, imID, func(ctx context.Context) error {
			_, err := im.DeleteLowerManager(ctx, "lower-x")
			return err
		}},
		{"list", keyIMList, imID, func(ctx context.Context) error {
			_, err := im.ListClientIDs(ctx)
			return err
		}},
	}
	if mode == "im-login" {
		if _, err := im.ListClientIDs(ctx(t)); err != nil { // logged in: the calls carry the token
			t.Fatal(err)
		}
		calls = append(calls, echoCall{"login", keyIMLogin, "KAJY52001-E", func(ctx context.Context) error {
			_, err := NewIMClient(h, cfg).ListClientIDs(ctx) // a client of its own logs in
			return err
		}})
	}
	return calls
}

func ctx(t *testing.T) context.Context { return ctxTimeout(t) }

// The provider's own text (names, advice) is never masked, whatever the
// secrets: a short secret that is part of a name or of an ordinary word no
// longer gives itself away as "win-dc-***" or "already e***ists".
func TestShortSecretsLeaveProviderTextWhole(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, secret string
		snmp         bool
		wantShown    bool // JP1's own message is shown (no secret in it)
	}{
		{"win-dc-wmi", "wmi", false, false},
		{"core-switch-v3", "core", true, false},
		{"web-exists-1", "x", false, false},
		{"public-sw", "public", true, false},
		{"edge-sw", "public", true, true},
		{"win-dc-wmi", "Long-Secret-Value-9", false, true},
	} {
		t.Run(tc.name+"/"+tc.secret, func(t *testing.T) {
			t.Parallel()
			f := startFake(t)
			oa := f.oa(testHTTP())
			cr := Credential{Name: tc.name, CredentialType: "WMI", UserID: fakejp1test.Ptr("Administrator"), Password: fakejp1test.Ptr(tc.secret)}
			if tc.snmp {
				cr = Credential{Name: tc.name, CredentialType: "SNMP", SNMPVersion: fakejp1test.Ptr("V1_V2C"), Community: fakejp1test.Ptr(tc.secret)}
			}
			if _, err := oa.CreateCredential(ctxTimeout(t), cr); err != nil {
				t.Fatal(err)
			}
			_, err := oa.CreateCredential(ctxTimeout(t), cr)
			if err == nil {
				t.Fatal("want a conflict")
			}
			text := err.Error()
			if strings.Contains(text, "***") {
				t.Errorf("something is masked: %q", text)
			}
			if want := `a credential named "` + tc.name + `" already exists`; !strings.Contains(text, want) {
				t.Errorf("the provider's advice is not whole: %q lacks %q", text, want)
			}
			jp1Said := `A credential named "` + tc.name + `" already exists.`
			if shown := strings.Contains(text, jp1Said); shown != tc.wantShown {
				t.Errorf("JP1's message shown: %v, want %v: %q", shown, tc.wantShown, text)
			}
			if !tc.wantShown && !strings.Contains(text, "HTTP 409 KNAQ02003-E: "+wantWithheldAnswer) {
				t.Errorf("the status and messageId are not shown with the withheld answer: %q", text)
			}
		})
	}
}

// An OA Warning header that repeats the request is withheld whole, in every
// form.
func TestEchoedSecretsAreWithheldFromWarnings(t *testing.T) {
	t.Parallel()
	for _, secret := range echoTestSecrets {
		t.Run(secret, func(t *testing.T) {
			t.Parallel()
			f := startFake(t)
			f.AddAnalyticsUser("echo-user", secret, true)
			oa := NewAnalyticsClient(testHTTP(), AnalyticsConfig{Endpoint: f.url, Username: "echo-user", Password: secret})
			id := f.putSSH("ssh-core")
			for _, form := range fakejp1.EchoForms() {
				f.AddFault(fakejp1.Fault{Endpoint: "GET " + analyticsCredentialsPath + "/{id}", Mode: fakejp1.FaultEchoAnswer, Echo: form, Times: 1})
				ctx, warnings := WithWarnings(ctxTimeout(t))
				if _, err := oa.GetCredential(ctx, id); err != nil {
					t.Fatal(err)
				}
				if got := warnings.List(); len(got) != 1 || got[0] != wantWithheldWarning {
					t.Errorf("echoed as %s: warnings %q, want only %q", form, got, wantWithheldWarning)
				}
			}
		})
	}
}

// A lower manager's delete warning (KAJY68204-W) that repeats the request
// headers is withheld, with login (a Bearer token) and Basic authentication.
func TestEchoedSecretsAreWithheldFromLowerManagerWarnings(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"login", "basic"} {
		for _, secret := range echoTestSecrets {
			t.Run(mode+"/"+secret, func(t *testing.T) {
				t.Parallel()
				f := startFake(t)
				f.AddIMUser("echo-user", secret, fakejp1.PermConsoleAdmin)
				f.SetIMBasicAuth(mode == "basic")
				im := NewIMClient(testHTTP(), IMConfig{Endpoint: f.url, Username: "echo-user", Password: secret, AuthMethod: mode})
				for _, form := range fakejp1.EchoForms() {
					host := "lower-" + string(form)
					f.PutLowerManager(host, "Init-Secret-1")
					f.SetLowerManagerUnreachable(host, true)
					f.AddFault(fakejp1.Fault{Endpoint: "POST " + imSubDeletePath, Mode: fakejp1.FaultEchoAnswer, Echo: form, Times: 1})
					d, err := im.DeleteLowerManager(ctxTimeout(t), host)
					if err != nil {
						t.Fatal(err)
					}
					want := "KAJY68204-W: " + wantWithheldMessage
					if !d.Unreached || len(d.Messages) != 1 || d.Messages[0] != want {
						t.Errorf("echoed as %s: %+v, want the message %q", form, d, want)
					}
				}
			})
		}
	}
}

var wantWithheldLogValue = regexp.MustCompile(`^withheld \(\d+ bytes\): it may repeat a secret that was sent$`)

// Logs at every level: the provider's own fields (the path) are whole even
// when a short secret is part of them; a response header or a retry reason
// that repeats a secret is withheld.
func TestEchoedSecretsAreWithheldFromLogs(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	logCtx := tflogtest.RootLogger(context.Background(), &buf)
	f := startFake(t)
	im := f.im(testHTTP())
	f.AddFault(fakejp1.Fault{Endpoint: keyProxyAdd, Mode: fakejp1.FaultEchoAnswer, Echo: fakejp1.EchoBase64, Times: 1})
	ctx, cancel := context.WithTimeout(logCtx, 30e9)
	defer cancel()
	if err := im.AddProxyUser(ctx, "u1", "api"); err != nil { // "api" is part of every IM path
		t.Fatal(err)
	}
	f.AddFault(fakejp1.Fault{Endpoint: keyProxyList, Status: http.StatusInternalServerError, Times: 1,
		Body: `{"messageId":"pw=` + imPass + `","message":"x"}`})
	if _, err := im.ListProxyUsers(ctx); err != nil {
		t.Fatal(err)
	}

	var sawPath, sawWarning, sawRetry bool
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if entry["path"] == imProxyUsersPath {
			sawPath = true
		}
		if w, ok := entry["Warning"].(string); ok {
			sawWarning = true
			if !wantWithheldLogValue.MatchString(w) {
				t.Errorf("the Warning header is logged: %q", w)
			}
		}
		if entry["@message"] == "retrying JP1 API request" {
			sawRetry = true
			if entry["reason"] != "HTTP 500" {
				t.Errorf("the retry reason holds server text: %q", entry["reason"])
			}
		}
	}
	if !sawPath || !sawWarning || !sawRetry {
		t.Fatalf("path %v, Warning %v, retry %v: the log lacks what the test checks:\n%s", sawPath, sawWarning, sawRetry, buf.String())
	}
	if strings.Contains(buf.String(), "***/") {
		t.Errorf("the provider's text is masked in the log")
	}
}
