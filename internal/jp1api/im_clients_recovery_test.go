package jp1api

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// loseIssues serves fake behind a front that loses the answer of the first
// `lose` issues that succeed (the ID is registered, the secret never arrives);
// lose < 0 loses every one.
func loseIssues(t *testing.T, fake *fakejp1.Server, lose int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var lost atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != imIssuePath || (lose >= 0 && int(lost.Load()) >= lose) {
			fake.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		lost.Add(1)
		dropConnection(t, w)
	}))
	t.Cleanup(srv.Close)
	return srv, &lost
}

func recoveryClient(url string) *IMClient {
	return NewIMClient(testHTTP(), IMConfig{Endpoint: url, Username: fakejp1.IMAdminUser, Password: fakejp1.IMAdminPassword})
}

// Lost, conflict, delete, issue again, lost again …: the recovery repeats
// until an answer arrives, and the secret returned is the one JP1 holds.
func TestIMIssueRecoversFromRepeatedLostAnswers(t *testing.T) {
	t.Parallel()
	fake := fakejp1.New()
	srv, lost := loseIssues(t, fake, 3)
	s, err := recoveryClient(srv.URL).IssueClientSecret(ctxTimeout(t), "c1")
	if err != nil {
		t.Fatal(err)
	}
	if live, _ := fake.IMClientSecret("c1"); live != s.ClientSecret || len(fake.IMClientIDs()) != 1 {
		t.Fatalf("returned secret is not the live one (clients %v)", fake.IMClientIDs())
	}
	if lost.Load() != 3 || fake.Count("POST "+imDeletePath) != 3 {
		t.Fatalf("%d answers lost, %d deletes; want 3 and 3", lost.Load(), fake.Count("POST "+imDeletePath))
	}
}

// When every answer is lost, the recovery stops with the budget, and the
// error says the ID may be registered (the provider records it as pending).
func TestIMIssueRecoveryStopsWithTheBudget(t *testing.T) {
	t.Parallel()
	fake := fakejp1.New()
	srv, lost := loseIssues(t, fake, -1)
	_, err := recoveryClient(srv.URL).IssueClientSecret(ctxTimeout(t), "c1")
	if err == nil || !MayHaveCreated(err) || CauseOf(err) == CauseAlreadyExists {
		t.Fatalf("err = %v, want one that may have created the ID", err)
	}
	if budget := testOptions().MaxAttempts; int(lost.Load()) != budget {
		t.Errorf("%d rounds, want the %d of the budget", lost.Load(), budget)
	}
}
