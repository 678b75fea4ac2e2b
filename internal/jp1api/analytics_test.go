package jp1api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

func TestAnalyticsListPagesAcross250(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var pages []string // the fake does not record query strings
	f := startFakeBehind(t, func(w http.ResponseWriter, r *http.Request, fake http.Handler) {
		if r.Method == http.MethodGet && r.URL.Path == analyticsCredentialsPath {
			mu.Lock()
			pages = append(pages, r.URL.RawQuery)
			mu.Unlock()
		}
		fake.ServeHTTP(w, r)
	})
	for i := 0; i < 250; i++ {
		f.putSSH(fmt.Sprintf("cred-%03d", i))
	}
	got, err := f.oa(testHTTP()).ListCredentials(ctxTimeout(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 250 {
		t.Fatalf("%d credentials, want 250", len(got))
	}
	seen := map[int64]bool{}
	for _, c := range got {
		seen[c.InstanceID] = true
	}
	if len(seen) != 250 {
		t.Fatalf("%d distinct IDs", len(seen))
	}
	want := []string{"page=1&pageSize=100", "page=2&pageSize=100", "page=3&pageSize=100"}
	mu.Lock()
	requested := strings.Join(pages, " ")
	mu.Unlock()
	if requested != strings.Join(want, " ") {
		t.Fatalf("pages requested: %v", requested)
	}
	// FindCredentialByName finds one on the last page.
	c, err := f.oa(testHTTP()).FindCredentialByName(ctxTimeout(t), "cred-249")
	if err != nil || c.Name != "cred-249" {
		t.Fatalf("%v %v", c, err)
	}
	if _, err := f.oa(testHTTP()).FindCredentialByName(ctxTimeout(t), "nope"); !IsNotFound(err) {
		t.Fatalf("not found: %v", err)
	}
}

func TestAnalyticsListWithoutPagination(t *testing.T) {
	t.Parallel()
	// A server that ignores the paging parameters (as JP1 does without them).
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsList, Status: 200,
		Body: `{"data":[{"instanceID":1,"name":"a","credentialType":"SSH"},{"instanceID":2,"name":"b","credentialType":"WMI"}],"count":2}`})
	got, err := f.oa(testHTTP()).ListCredentials(ctxTimeout(t))
	if err != nil || len(got) != 2 || f.Count(keyAnalyticsList) != 1 {
		t.Fatalf("%v %v", got, err)
	}
}

func TestAnalyticsHSSOReuse(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	c := f.oa(testHTTP())
	now := time.Now()
	c.auth.now = func() time.Time { return now }
	auths := func(want fakejp1.Stats) {
		t.Helper()
		if st := f.Stats(); st.AnalyticsBasicAuths != want.AnalyticsBasicAuths || st.AnalyticsHSSOAuths != want.AnalyticsHSSOAuths {
			t.Fatalf("%d Basic and %d HSSO authentications, want %d and %d", st.AnalyticsBasicAuths, st.AnalyticsHSSOAuths, want.AnalyticsBasicAuths, want.AnalyticsHSSOAuths)
		}
	}
	for i := 0; i < 3; i++ {
		if _, err := c.ListCredentials(ctxTimeout(t)); err != nil {
			t.Fatal(err)
		}
	}
	auths(fakejp1.Stats{AnalyticsBasicAuths: 1, AnalyticsHSSOAuths: 2})
	now = now.Add(899 * time.Second)
	if _, err := c.ListCredentials(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	auths(fakejp1.Stats{AnalyticsBasicAuths: 1, AnalyticsHSSOAuths: 3})
	now = now.Add(2 * time.Second) // the token is now 901 s old
	if _, err := c.ListCredentials(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	auths(fakejp1.Stats{AnalyticsBasicAuths: 2, AnalyticsHSSOAuths: 3})
}

func TestAnalyticsHSSOFallbackToBasic(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	id := f.putSSH("a")
	c := f.oa(testHTTP())
	if _, err := c.GetCredential(ctxTimeout(t), id); err != nil {
		t.Fatal(err)
	}
	f.ExpireAnalyticsTokens() // the server forgets every token
	got, err := c.GetCredential(ctxTimeout(t), id)
	if err != nil || got.Name != "a" {
		t.Fatalf("%v %v", got, err)
	}
	if st := f.Stats(); st.AnalyticsBasicAuths != 2 || st.AnalyticsTokensRefused != 1 || st.AnalyticsHSSOAuths != 0 {
		t.Fatalf("after the refusal: %+v, want Basic, a refused HSSO, Basic", st)
	}
	// and the new token is used again
	if _, err := c.GetCredential(ctxTimeout(t), id); err != nil {
		t.Fatal(err)
	}
	if st := f.Stats(); st.AnalyticsBasicAuths != 2 || st.AnalyticsHSSOAuths != 1 {
		t.Fatalf("%+v: the new token was not reused", st)
	}
}

func TestAnalyticsBadPassword(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	c := NewAnalyticsClient(testHTTP(), AnalyticsConfig{Endpoint: f.url, Username: analyticsUser, Password: "wrong"})
	_, err := c.ListCredentials(ctxTimeout(t))
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != 401 || e.Cause != CauseCredentialsRefused || e.Attempts != 1 {
		t.Fatalf("%v", err)
	}
	if f.Count(keyAnalyticsList) != 1 {
		t.Fatal("a 401 with Basic must not be retried")
	}
}

func TestAnalyticsForbiddenHint(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddAnalyticsUser(analyticsUser, analyticsPass, false) // not an Admin: the fake's own 403
	err := f.oa(testHTTP()).DeleteCredential(ctxTimeout(t), 3)
	var e *APIError
	if !errors.As(err, &e) || e.Hint != "the Operations Analytics user needs the Admin permission" {
		t.Fatalf("%v", err)
	}
	if text := err.Error(); !strings.HasPrefix(text, "DELETE /Analytics/v1/objects/Credentials/3: HTTP 403 "+e.MessageID+": ") ||
		!strings.HasSuffix(text, "(after 1 attempt). the Operations Analytics user needs the Admin permission") {
		t.Fatalf("%q", err.Error())
	}
}

func sshCredential(name string) Credential {
	return Credential{Name: name, CredentialType: "SSH", UserID: fakejp1test.Ptr("root"), Password: fakejp1test.Ptr("ssh-pass-1"),
		PortNumber: fakejp1test.Ptr(int64(22)), RootPassword: fakejp1test.Ptr("root-pass-2")}
}

func TestAnalyticsCreate(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	got, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if err != nil {
		t.Fatal(err)
	}
	if got.InstanceID == 0 || got.Name != "web01" || got.PortNumber == nil || *got.PortNumber != 22 || got.Password != nil {
		t.Fatalf("%+v", got)
	}
	// The fake decodes the Base64 secrets it keeps; a secret it keeps was sent with its update flag.
	stored, _ := f.Credential(got.InstanceID)
	if deref(stored.Password) != "ssh-pass-1" || deref(stored.RootPassword) != "root-pass-2" {
		t.Fatalf("stored secrets: %q %q", deref(stored.Password), deref(stored.RootPassword))
	}
	if stored.SSL != nil || stored.AuthenticationPassphrase != nil || stored.PrivacyPassphrase != nil {
		t.Fatalf("members of other types sent: %+v", stored)
	}
}

func TestAnalyticsCreateLostAnswerAdopted(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsCreate, Mode: fakejp1.FaultDropAfter, Times: 1})
	got, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if err != nil {
		t.Fatal(err)
	}
	if stored, ok := f.CredentialByName("web01"); !ok || got.InstanceID != stored.InstanceID || got.Name != "web01" {
		t.Fatalf("%+v", got)
	}
	if n := f.Count(keyAnalyticsCreate); n != 2 {
		t.Fatalf("POST sent %d times", n)
	}
	if n := len(f.Credentials()); n != 1 {
		t.Fatalf("%d credentials on the server", n)
	}
}

func TestAnalyticsCreateConflictOnFirstAttempt(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.putSSH("web 01")
	_, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web 01"))
	if !isConflict(err) {
		t.Fatalf("%v", err)
	}
	var e *APIError
	errors.As(err, &e)
	if e.Cause != CauseAlreadyExists || !strings.Contains(e.Hint, `"web 01"`) {
		t.Fatalf("hint: %s", e.Hint)
	}
	if f.Count(keyAnalyticsCreate) != 1 || f.Count(keyAnalyticsList) != 0 {
		t.Fatal("a 409 on the first attempt is final and costs no lookup")
	}
}

func TestAnalyticsCreateNotResentAfter500(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsCreate, Status: 500})
	_, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if StatusCode(err) != 500 {
		t.Fatalf("%v", err)
	}
	if n := f.Count(keyAnalyticsCreate); n != 1 {
		t.Fatalf("a create was re-sent after a 500: %d", n)
	}
}

func TestAnalyticsCreateRetriedWhenNotProcessed(t *testing.T) {
	t.Parallel()
	for _, status := range []int{412, 429, 503} {
		f := startFake(t)
		f.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsCreate, Status: status, Times: 1})
		got, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
		if err != nil || got.InstanceID == 0 || f.Count(keyAnalyticsCreate) != 2 || len(f.Credentials()) != 1 {
			t.Fatalf("%d: %v %v", status, got, err)
		}
	}
}

// A lost answer followed by a 409 for a credential of another type is not
// adopted: it is not ours.
func TestAnalyticsCreateLostAnswerOtherTypeNotAdopted(t *testing.T) {
	t.Parallel()
	var once sync.Once
	var f *fakeJP1
	f = startFakeBehind(t, func(w http.ResponseWriter, r *http.Request, fake http.Handler) {
		first := false
		if r.Method == http.MethodPost && r.URL.Path == analyticsCredentialsPath {
			once.Do(func() { first = true })
		}
		if first { // someone else creates "web01" while the first answer is lost
			f.PutCredential(fakejp1.Credential{Name: "web01", CredentialType: "WMI"})
			dropConnection(t, w)
			return
		}
		fake.ServeHTTP(w, r)
	})
	_, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if !isConflict(err) {
		t.Fatalf("%v", err)
	}
}

func TestAnalyticsUpdate(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	id := f.PutCredential(fakejp1.Credential{Name: "web01", CredentialType: "SSH", UserID: fakejp1test.Ptr("root"),
		RootPassword: fakejp1test.Ptr("old-root"), PortNumber: fakejp1test.Ptr(int64(22))})
	cr := Credential{Name: "web01", CredentialType: "SSH", UserID: fakejp1test.Ptr("admin"), Password: fakejp1test.Ptr("new-pass")}
	got, err := f.oa(testHTTP()).UpdateCredential(ctxTimeout(t), id, cr)
	if err != nil {
		t.Fatal(err)
	}
	if *got.UserID != "admin" || got.InstanceID != id {
		t.Fatalf("%+v", got)
	}
	// The password was sent with its flag; the root password, not sent, is kept.
	stored, _ := f.Credential(id)
	if deref(stored.Password) != "new-pass" || deref(stored.RootPassword) != "old-root" {
		t.Fatalf("stored secrets: %q %q", deref(stored.Password), deref(stored.RootPassword))
	}
	// no secret changed: no secret member and no flag, so JP1 keeps them
	if _, err := f.oa(testHTTP()).UpdateCredential(ctxTimeout(t), id, Credential{Name: "web01", CredentialType: "SSH", UserID: fakejp1test.Ptr("admin")}); err != nil {
		t.Fatal(err)
	}
	if stored, _ := f.Credential(id); deref(stored.Password) != "new-pass" || deref(stored.RootPassword) != "old-root" {
		t.Fatalf("an update without secrets changed them: %q %q", deref(stored.Password), deref(stored.RootPassword))
	}
	if _, err := f.oa(testHTTP()).UpdateCredential(ctxTimeout(t), 999, cr); !IsNotFound(err) {
		t.Fatalf("%v", err)
	}
}

func TestAnalyticsUpdateEmptyAnswer(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	id := f.putSSH("web01")
	f.AddFault(fakejp1.Fault{Endpoint: "PUT " + analyticsCredentialsPath + "/{id}", Status: http.StatusNoContent, Body: " "})
	got, err := f.oa(testHTTP()).UpdateCredential(ctxTimeout(t), id, Credential{Name: "web01", CredentialType: "SSH"})
	if err != nil || got.InstanceID != id {
		t.Fatalf("%v %v", got, err)
	}
}

func TestAnalyticsDeleteAndGet(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	id := f.putSSH("web01")
	c := f.oa(testHTTP())
	if err := c.DeleteCredential(ctxTimeout(t), id); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCredential(ctxTimeout(t), id); err != nil {
		t.Fatalf("404 on delete means already deleted: %v", err)
	}
	if _, err := c.GetCredential(ctxTimeout(t), id); !IsNotFound(err) {
		t.Fatalf("%v", err)
	}
	if n := f.Count("GET " + analyticsCredentialsPath + "/{id}"); n != 1 {
		t.Fatalf("a 404 is not retried: %d", n)
	}
}

func TestAnalyticsTolerantDecoding(t *testing.T) {
	t.Parallel()
	// Numbers and booleans as strings, an unknown member: no fake of JP1 answers so.
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: "GET " + analyticsCredentialsPath + "/{id}", Status: 200,
		Body: `{"instanceID":"7","name":"w","credentialType":"WBEM","userId":"u","portNumber":"5989",
			"ssl":"false","passwordNotRequired":"true","numOfRelatedResources":"3","namespace":"root/cimv2","unknown":{"x":1},
			"snmpVersion":null,"domainName":"CORP"}`})
	got, err := f.oa(testHTTP()).GetCredential(ctxTimeout(t), 7)
	if err != nil {
		t.Fatal(err)
	}
	if got.InstanceID != 7 || *got.PortNumber != 5989 || *got.SSL != false || *got.PasswordNotRequired != true ||
		got.NumOfRelatedResources != 3 || *got.Namespace != "root/cimv2" || got.SNMPVersion != nil || *got.DomainName != "CORP" {
		t.Fatalf("%+v", got)
	}
	var n flexInt64
	if err := n.UnmarshalJSON([]byte(`"x"`)); err == nil {
		t.Fatal("garbage number accepted")
	}
	var b flexBool
	if err := b.UnmarshalJSON([]byte(`"maybe"`)); err == nil {
		t.Fatal("garbage boolean accepted")
	}
}

func TestAnalyticsSecretTooLongNotSent(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	cr := sshCredential("web01")
	cr.RootPassword = fakejp1test.Ptr(strings.Repeat("S", 256))
	_, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), cr)
	if err == nil || !strings.Contains(err.Error(), "rootPassword") || strings.Contains(err.Error(), "SSSS") {
		t.Fatalf("%v", err)
	}
	if f.Count(keyAnalyticsCreate) != 0 {
		t.Fatal("an invalid secret was sent")
	}
}

func TestAnalyticsVersion(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	v, err := f.oa(testHTTP()).Version(ctxTimeout(t))
	if err != nil || v["productVersion"] != fakejp1.AnalyticsProductVersion {
		t.Fatalf("%v %v", v, err)
	}
}
