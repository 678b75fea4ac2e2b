package jp1api

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// A full run of both clients logged at TRACE: none of the passwords, tokens,
// issued secrets or credential secrets (nor their Base64 forms) is in the log
// or in an error message, while the structured fields are.
func TestLogsContainNoSecret(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	var errTexts []string
	note := func(err error) {
		if err != nil {
			errTexts = append(errTexts, err.Error())
		}
	}

	// IM: login, issue, relogin after expiry, proxy users, a retry, logout.
	im := startFake(t)
	imc := im.im(testHTTP())
	issued, err := imc.IssueClientSecret(ctx, "client1")
	if err != nil {
		t.Fatal(err)
	}
	im.ExpireIMTokens()
	issued2, err := imc.IssueClientSecret(ctx, "client2")
	if err != nil {
		t.Fatal(err)
	}
	im.AddFault(fakejp1.Fault{Endpoint: keyProxyAny, Status: http.StatusServiceUnavailable, Times: 1})
	const proxyPass = "proxy-Secret-pw-77"
	if err := imc.AddProxyUser(ctx, "puser", proxyPass); err != nil {
		t.Fatal(err)
	}
	if _, err := imc.ListProxyUsers(ctx); err != nil {
		t.Fatal(err)
	}
	note(imc.RemoveProxyUser(ctx, "puser"))
	if err := imc.Close(ctx); err != nil {
		t.Fatal(err)
	}
	im.SetIMBasicAuth(true)
	basic := NewIMClient(testHTTP(), IMConfig{Endpoint: im.url, Username: imUser, Password: imPass, AuthMethod: "basic"})
	if _, err := basic.ListClientIDs(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = NewIMClient(testHTTP(), IMConfig{Endpoint: im.url, Username: imUser, Password: "bad-Im-Secret-1"}).ListClientIDs(ctx)
	note(err)

	// OA: create with secrets (one lost answer), HSSO reuse, a refused token, update.
	oa := startFake(t)
	oac := oa.oa(testHTTP())
	oa.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsCreate, Mode: fakejp1.FaultDropAfter, Times: 1})
	cr := Credential{Name: "web01", CredentialType: "SSH", UserID: fakejp1test.Ptr("root"), Password: fakejp1test.Ptr("ssh-Secret-pw-1"), RootPassword: fakejp1test.Ptr("root-Secret-pw-2")}
	created, err := oac.CreateCredential(ctx, cr)
	if err != nil {
		t.Fatal(err)
	}
	oa.ExpireAnalyticsTokens()
	snmp := Credential{Name: "web01", CredentialType: "SSH", UserID: fakejp1test.Ptr("root"), Password: fakejp1test.Ptr("ssh-Secret-pw-3"),
		AuthenticationPassphrase: fakejp1test.Ptr("auth-Secret-pp-4"), PrivacyPassphrase: fakejp1test.Ptr("priv-Secret-pp-5")}
	_, err = oac.UpdateCredential(ctx, created.InstanceID, snmp)
	note(err)
	_, err = NewAnalyticsClient(testHTTP(), AnalyticsConfig{Endpoint: oa.url, Username: analyticsUser, Password: "bad-Oa-Secret-2"}).ListCredentials(ctx)
	note(err)

	secrets := []string{imPass, "bad-Im-Secret-1", proxyPass, issued.ClientSecret, issued2.ClientSecret,
		analyticsPass, "bad-Oa-Secret-2", "ssh-Secret-pw-1", "root-Secret-pw-2", "ssh-Secret-pw-3", "auth-Secret-pp-4", "priv-Secret-pp-5",
		imUser + ":" + imPass, analyticsUser + ":" + analyticsPass}
	secrets = append(secrets, im.IssuedTokens()...)
	secrets = append(secrets, oa.IssuedTokens()...)
	if len(secrets) < 20 {
		t.Fatalf("the run produced too few secrets to check: %d", len(secrets))
	}

	log := buf.String()
	all := log + "\n" + strings.Join(errTexts, "\n")
	for _, s := range secrets {
		for _, form := range []string{s, base64.StdEncoding.EncodeToString([]byte(s)), base64.RawURLEncoding.EncodeToString([]byte(s))} {
			if strings.Contains(all, form) {
				t.Errorf("the log or an error contains a secret (%d chars)", len(s))
			}
		}
	}
	for _, want := range []string{`"@message":"JP1 API request"`, `"@message":"JP1 API response"`, `"@message":"retrying JP1 API request"`,
		`"attempt":2`, `"wait_ms":`, `"duration_ms":`, `"status":401`, `"path":"/im/api/v1/proxyUsers"`, `"Authorization":"***"`, `"method":"POST"`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %s", want)
		}
	}
	if strings.Contains(log, "Bearer ") || strings.Contains(log, "HSSO hsso") || strings.Contains(log, "Basic ") {
		t.Error("an Authorization value is in the log")
	}
	if t.Failed() {
		t.Logf("log:\n%s", log)
	}
}
