package jp1api

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	oaUser = "admin"
	oaPass = "oa-Passw0rd-Secret"
)

// oaFake is a small Operations Analytics server for these tests.
type oaFake struct {
	t   *testing.T
	srv *httptest.Server

	counts counter

	mu        sync.Mutex
	tokens    map[string]bool
	tokenSeq  int
	creds     map[int64]map[string]any
	nextID    int64
	auths     []string         // scheme of each request: "Basic", "HSSO", or "none"
	bodies    []map[string]any // bodies of POST/PUT
	hook      func(w http.ResponseWriter, r *http.Request, n int) bool
	dropAfter map[string]int // "METHOD path" -> attempt whose answer is lost after the change is committed
}

func newOAFake(t *testing.T) *oaFake {
	f := &oaFake{t: t, tokens: map[string]bool{}, creds: map[int64]map[string]any{}, nextID: 1, dropAfter: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *oaFake) client(h *HTTP) *AnalyticsClient {
	return NewAnalyticsClient(h, AnalyticsConfig{Endpoint: f.srv.URL + "/", Username: oaUser, Password: oaPass})
}

func (f *oaFake) add(cr map[string]any) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.nextID
	f.nextID++
	cr["instanceID"] = id
	f.creds[id] = cr
	return id
}

func (f *oaFake) authSchemes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.auths...)
}

func (f *oaFake) serve(w http.ResponseWriter, r *http.Request) {
	key := r.Method + " " + r.URL.Path
	n := f.counts.inc(key)

	authz := r.Header.Get("Authorization")
	scheme, cred, _ := strings.Cut(authz, " ")
	f.mu.Lock()
	if scheme == "" {
		scheme = "none"
	}
	f.auths = append(f.auths, scheme)
	ok := false
	token := ""
	switch scheme {
	case "Basic":
		ok = cred == base64.StdEncoding.EncodeToString([]byte(oaUser+":"+oaPass))
		if ok {
			f.tokenSeq++
			token = fmt.Sprintf("hsso-token-%d-abcdef", f.tokenSeq)
			f.tokens[token] = true
		}
	case "HSSO":
		ok = f.tokens[cred]
		token = cred
	}
	hook := f.hook
	f.mu.Unlock()
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="Analytics"`)
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Unauthorized", "messageID": "KNAQ00001-E"})
		return
	}
	w.Header().Set("WWW-Authenticate", "HSSO "+token)
	if hook != nil && hook(w, r, n) {
		return
	}
	var body map[string]any
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		body = readBody(r)
		f.mu.Lock()
		f.bodies = append(f.bodies, body)
		f.mu.Unlock()
	}
	lose := func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.dropAfter[key] == n
	}

	switch {
	case r.URL.Path == oaVersionPath:
		writeJSON(w, 200, map[string]any{"productName": "JP1/Operations Analytics", "productVersion": "12.10.00", "apiVersion": "01.00.00"})
	case r.URL.Path == oaCredentialsPath && r.Method == http.MethodGet:
		f.list(w, r)
	case r.URL.Path == oaCredentialsPath && r.Method == http.MethodPost:
		f.mu.Lock()
		for _, c := range f.creds {
			if c["name"] == body["name"] {
				f.mu.Unlock()
				writeJSON(w, http.StatusConflict, map[string]any{"message": "The name is already used.", "messageID": "KNAQ30012-E"})
				return
			}
		}
		f.mu.Unlock()
		stored := storedCredential(body)
		f.add(stored)
		if lose() {
			dropConnection(f.t, w)
			return
		}
		writeJSON(w, http.StatusCreated, stored)
	case strings.HasPrefix(r.URL.Path, oaCredentialsPath+"/"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(r.URL.Path, oaCredentialsPath+"/"), 10, 64)
		f.mu.Lock()
		cur, exists := f.creds[id]
		f.mu.Unlock()
		if !exists {
			writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not found.", "messageID": "KNAQ30004-E"})
			return
		}
		switch r.Method {
		case http.MethodGet:
			writeJSON(w, 200, cur)
		case http.MethodPut:
			stored := storedCredential(body)
			stored["instanceID"] = id
			f.mu.Lock()
			f.creds[id] = stored
			f.mu.Unlock()
			writeJSON(w, 200, stored)
		case http.MethodDelete:
			f.mu.Lock()
			delete(f.creds, id)
			f.mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
		}
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

// storedCredential drops the write-only members.
func storedCredential(body map[string]any) map[string]any {
	out := map[string]any{"numOfRelatedResources": 0}
	for k, v := range body {
		switch k {
		case "password", "rootPassword", "authenticationPassphrase", "privacyPassphrase",
			"updatePassword", "updateRootPassword", "updateAuthenticationPassphrase", "updatePrivacyPassphrase":
		default:
			out[k] = v
		}
	}
	return out
}

func (f *oaFake) list(w http.ResponseWriter, r *http.Request) {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	size, _ := strconv.Atoi(r.URL.Query().Get("pageSize"))
	f.mu.Lock()
	ids := make([]int64, 0, len(f.creds))
	for id := range f.creds {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	all := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		all = append(all, f.creds[id])
	}
	f.mu.Unlock()
	if page == 0 || size == 0 { // no paging parameters: at most 100, no pagination
		if len(all) > 100 {
			all = all[:100]
		}
		writeJSON(w, 200, map[string]any{"data": all, "count": len(all)})
		return
	}
	numPages := (len(all) + size - 1) / size
	lo := min((page-1)*size, len(all))
	hi := min(lo+size, len(all))
	writeJSON(w, 200, map[string]any{"data": all[lo:hi], "count": hi - lo,
		"pagination": map[string]any{"page": page, "pageSize": size, "numPages": numPages, "totalCount": len(all)}})
}

func TestAnalyticsListPagesAcross250(t *testing.T) {
	f := newOAFake(t)
	for i := 0; i < 250; i++ {
		f.add(map[string]any{"name": fmt.Sprintf("cred-%03d", i), "credentialType": "SSH", "userId": "u"})
	}
	var pages []string
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		pages = append(pages, r.URL.RawQuery)
		return false
	}
	got, err := f.client(testHTTP()).ListCredentials(ctxTimeout(t))
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
	if strings.Join(pages, " ") != strings.Join(want, " ") {
		t.Fatalf("pages requested: %v", pages)
	}
	// FindCredentialByName finds one on the last page.
	c, err := f.client(testHTTP()).FindCredentialByName(ctxTimeout(t), "cred-249")
	if err != nil || c.Name != "cred-249" {
		t.Fatalf("%v %v", c, err)
	}
	if _, err := f.client(testHTTP()).FindCredentialByName(ctxTimeout(t), "nope"); !IsNotFound(err) {
		t.Fatalf("not found: %v", err)
	}
}

func TestAnalyticsListWithoutPagination(t *testing.T) {
	f := newOAFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		writeJSON(w, 200, map[string]any{"data": []any{map[string]any{"instanceID": 1, "name": "a", "credentialType": "SSH"}, map[string]any{"instanceID": 2, "name": "b", "credentialType": "WMI"}}, "count": 2})
		return true
	}
	got, err := f.client(testHTTP()).ListCredentials(ctxTimeout(t))
	if err != nil || len(got) != 2 || f.counts.get("GET "+oaCredentialsPath) != 1 {
		t.Fatalf("%v %v", got, err)
	}
}

func TestAnalyticsHSSOReuse(t *testing.T) {
	f := newOAFake(t)
	c := f.client(testHTTP())
	now := time.Now()
	c.auth.now = func() time.Time { return now }
	for i := 0; i < 3; i++ {
		if _, err := c.Version(ctxTimeout(t)); err != nil {
			t.Fatal(err)
		}
	}
	if got := strings.Join(f.authSchemes(), ","); got != "Basic,HSSO,HSSO" {
		t.Fatalf("schemes: %s", got)
	}
	now = now.Add(899 * time.Second)
	if _, err := c.Version(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Second) // the token is now 901 s old
	if _, err := c.Version(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.authSchemes(), ","); got != "Basic,HSSO,HSSO,HSSO,Basic" {
		t.Fatalf("schemes: %s", got)
	}
}

func TestAnalyticsHSSOFallbackToBasic(t *testing.T) {
	f := newOAFake(t)
	id := f.add(map[string]any{"name": "a", "credentialType": "SSH"})
	c := f.client(testHTTP())
	if _, err := c.GetCredential(ctxTimeout(t), id); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.tokens = map[string]bool{} // the server forgets every token
	f.mu.Unlock()
	got, err := c.GetCredential(ctxTimeout(t), id)
	if err != nil || got.Name != "a" {
		t.Fatalf("%v %v", got, err)
	}
	if s := strings.Join(f.authSchemes(), ","); s != "Basic,HSSO,Basic" {
		t.Fatalf("schemes: %s", s)
	}
	// and the new token is used again
	if _, err := c.GetCredential(ctxTimeout(t), id); err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(f.authSchemes(), ","); s != "Basic,HSSO,Basic,HSSO" {
		t.Fatalf("schemes: %s", s)
	}
}

func TestAnalyticsBadPassword(t *testing.T) {
	f := newOAFake(t)
	c := NewAnalyticsClient(testHTTP(), AnalyticsConfig{Endpoint: f.srv.URL, Username: oaUser, Password: "wrong"})
	_, err := c.ListCredentials(ctxTimeout(t))
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != 401 || e.Cause != CauseCredentialsRefused || e.Attempts != 1 {
		t.Fatalf("%v", err)
	}
	if f.counts.get("GET "+oaCredentialsPath) != 1 {
		t.Fatal("a 401 with Basic must not be retried")
	}
}

func TestAnalyticsForbiddenHint(t *testing.T) {
	f := newOAFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		writeJSON(w, 403, map[string]any{"messageID": "KNAQ00003-E", "message": "Forbidden."})
		return true
	}
	err := f.client(testHTTP()).DeleteCredential(ctxTimeout(t), 3)
	var e *APIError
	if !errors.As(err, &e) || e.Hint != "the Operations Analytics user needs the Admin permission" {
		t.Fatalf("%v", err)
	}
	if !strings.Contains(err.Error(), "DELETE /Analytics/v1/objects/Credentials/3: HTTP 403 KNAQ00003-E: Forbidden. (after 1 attempt). the Operations Analytics user needs the Admin permission") {
		t.Fatalf("%q", err.Error())
	}
}

func sshCredential(name string) Credential {
	return Credential{Name: name, CredentialType: "SSH", UserID: ptr("root"), Password: ptr("ssh-pass-1"),
		PortNumber: ptr(int64(22)), RootPassword: ptr("root-pass-2")}
}

func TestAnalyticsCreate(t *testing.T) {
	f := newOAFake(t)
	got, err := f.client(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if err != nil {
		t.Fatal(err)
	}
	if got.InstanceID != 1 || got.Name != "web01" || got.PortNumber == nil || *got.PortNumber != 22 || got.Password != nil {
		t.Fatalf("%+v", got)
	}
	b := f.bodies[0]
	if b["password"] != base64.StdEncoding.EncodeToString([]byte("ssh-pass-1")) || b["updatePassword"] != true ||
		b["rootPassword"] != base64.StdEncoding.EncodeToString([]byte("root-pass-2")) || b["updateRootPassword"] != true {
		t.Fatalf("body: %v", b)
	}
	for _, k := range []string{"updateAuthenticationPassphrase", "updatePrivacyPassphrase", "instanceID", "numOfRelatedResources", "ssl"} {
		if _, ok := b[k]; ok {
			t.Errorf("%s sent", k)
		}
	}
}

func TestAnalyticsCreateLostAnswerAdopted(t *testing.T) {
	f := newOAFake(t)
	f.dropAfter["POST "+oaCredentialsPath] = 1
	got, err := f.client(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if err != nil {
		t.Fatal(err)
	}
	if got.InstanceID != 1 || got.Name != "web01" {
		t.Fatalf("%+v", got)
	}
	if n := f.counts.get("POST " + oaCredentialsPath); n != 2 {
		t.Fatalf("POST sent %d times", n)
	}
	if len(f.creds) != 1 {
		t.Fatalf("%d credentials on the server", len(f.creds))
	}
}

func TestAnalyticsCreateConflictOnFirstAttempt(t *testing.T) {
	f := newOAFake(t)
	f.add(map[string]any{"name": "web 01", "credentialType": "SSH"})
	_, err := f.client(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web 01"))
	if !IsConflict(err) {
		t.Fatalf("%v", err)
	}
	var e *APIError
	errors.As(err, &e)
	if e.Cause != CauseAlreadyExists || !strings.Contains(e.Hint, `"web 01"`) {
		t.Fatalf("hint: %s", e.Hint)
	}
	if f.counts.get("POST "+oaCredentialsPath) != 1 || f.counts.get("GET "+oaCredentialsPath) != 0 {
		t.Fatal("a 409 on the first attempt is final and costs no lookup")
	}
}

func TestAnalyticsCreateNotResentAfter500(t *testing.T) {
	f := newOAFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPost {
			writeJSON(w, 500, map[string]any{"messageID": "KNAQ99999-E", "message": "Internal error."})
			return true
		}
		return false
	}
	_, err := f.client(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if StatusCode(err) != 500 {
		t.Fatalf("%v", err)
	}
	if n := f.counts.get("POST " + oaCredentialsPath); n != 1 {
		t.Fatalf("a create was re-sent after a 500: %d", n)
	}
}

func TestAnalyticsCreateRetriedWhenNotProcessed(t *testing.T) {
	for _, status := range []int{412, 429, 503} {
		f := newOAFake(t)
		f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
			if r.Method == http.MethodPost && n == 1 {
				w.WriteHeader(status)
				return true
			}
			return false
		}
		got, err := f.client(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
		if err != nil || got.InstanceID != 1 || f.counts.get("POST "+oaCredentialsPath) != 2 || len(f.creds) != 1 {
			t.Fatalf("%d: %v %v", status, got, err)
		}
	}
}

// A lost answer followed by a 409 for a credential of another type is not
// adopted: it is not ours.
func TestAnalyticsCreateLostAnswerOtherTypeNotAdopted(t *testing.T) {
	f := newOAFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPost && n == 1 {
			f.add(map[string]any{"name": "web01", "credentialType": "WMI"}) // someone else's
			dropConnection(t, w)
			return true
		}
		return false
	}
	_, err := f.client(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if !IsConflict(err) {
		t.Fatalf("%v", err)
	}
}

func TestAnalyticsUpdate(t *testing.T) {
	f := newOAFake(t)
	id := f.add(map[string]any{"name": "web01", "credentialType": "SSH", "userId": "root", "portNumber": 22})
	cr := Credential{Name: "web01", CredentialType: "SSH", UserID: ptr("admin"), Password: ptr("new-pass")}
	got, err := f.client(testHTTP()).UpdateCredential(ctxTimeout(t), id, cr)
	if err != nil {
		t.Fatal(err)
	}
	if *got.UserID != "admin" || got.PortNumber != nil || got.InstanceID != id {
		t.Fatalf("%+v", got)
	}
	b := f.bodies[0]
	if b["password"] != base64.StdEncoding.EncodeToString([]byte("new-pass")) || b["updatePassword"] != true {
		t.Fatalf("body %v", b)
	}
	for _, k := range []string{"rootPassword", "updateRootPassword", "portNumber"} {
		if _, ok := b[k]; ok {
			t.Errorf("%s sent", k)
		}
	}
	// no secret changed: no secret member and no flag
	if _, err := f.client(testHTTP()).UpdateCredential(ctxTimeout(t), id, Credential{Name: "web01", CredentialType: "SSH", UserID: ptr("admin")}); err != nil {
		t.Fatal(err)
	}
	for k := range f.bodies[1] {
		if strings.HasPrefix(k, "update") || k == "password" {
			t.Errorf("%s sent", k)
		}
	}
	if _, err := f.client(testHTTP()).UpdateCredential(ctxTimeout(t), 999, cr); !IsNotFound(err) {
		t.Fatalf("%v", err)
	}
}

func TestAnalyticsUpdateEmptyAnswer(t *testing.T) {
	f := newOAFake(t)
	id := f.add(map[string]any{"name": "web01", "credentialType": "SSH"})
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if r.Method == http.MethodPut {
			w.WriteHeader(http.StatusNoContent)
			return true
		}
		return false
	}
	got, err := f.client(testHTTP()).UpdateCredential(ctxTimeout(t), id, Credential{Name: "web01", CredentialType: "SSH"})
	if err != nil || got.InstanceID != id {
		t.Fatalf("%v %v", got, err)
	}
}

func TestAnalyticsDeleteAndGet(t *testing.T) {
	f := newOAFake(t)
	id := f.add(map[string]any{"name": "web01", "credentialType": "SSH"})
	c := f.client(testHTTP())
	if err := c.DeleteCredential(ctxTimeout(t), id); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCredential(ctxTimeout(t), id); err != nil {
		t.Fatalf("404 on delete means already deleted: %v", err)
	}
	if _, err := c.GetCredential(ctxTimeout(t), id); !IsNotFound(err) {
		t.Fatalf("%v", err)
	}
	if n := f.counts.get(fmt.Sprintf("GET %s/%d", oaCredentialsPath, id)); n != 1 {
		t.Fatalf("a 404 is not retried: %d", n)
	}
}

func TestAnalyticsTolerantDecoding(t *testing.T) {
	f := newOAFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"instanceID":"7","name":"w","credentialType":"WBEM","userId":"u","portNumber":"5989",
			"ssl":"false","passwordNotRequired":"true","numOfRelatedResources":"3","namespace":"root/cimv2","unknown":{"x":1},
			"snmpVersion":null,"domainName":"CORP"}`))
		return true
	}
	got, err := f.client(testHTTP()).GetCredential(ctxTimeout(t), 7)
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
	f := newOAFake(t)
	cr := sshCredential("web01")
	cr.RootPassword = ptr(strings.Repeat("S", 256))
	_, err := f.client(testHTTP()).CreateCredential(ctxTimeout(t), cr)
	if err == nil || !strings.Contains(err.Error(), "rootPassword") || strings.Contains(err.Error(), "SSSS") {
		t.Fatalf("%v", err)
	}
	if f.counts.get("POST "+oaCredentialsPath) != 0 {
		t.Fatal("an invalid secret was sent")
	}
}

func TestAnalyticsVersion(t *testing.T) {
	f := newOAFake(t)
	v, err := f.client(testHTTP()).Version(ctxTimeout(t))
	if err != nil || v["productVersion"] != "12.10.00" {
		t.Fatalf("%v %v", v, err)
	}
}
