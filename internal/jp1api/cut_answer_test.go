package jp1api

import (
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// A 2xx answer cut off mid-body (the connection reset while the body is read)
// is a lost answer, not a malformed one: the create may have taken effect. The
// OA create retries, meets 409 and adopts the credential its first attempt made.
func TestAnalyticsCreateCutAnswerAdopted(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsCreate, Mode: fakejp1.FaultCutAnswer, Times: 1})
	got, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if err != nil {
		t.Fatal(err)
	}
	stored, ok := f.CredentialByName("web01")
	if !ok || got.InstanceID != stored.InstanceID {
		t.Fatalf("returned %+v, the fake holds %+v", got, stored)
	}
	if n, lists, all := f.Count(keyAnalyticsCreate), f.Count(keyAnalyticsList), len(f.Credentials()); n != 2 || lists != 1 || all != 1 || f.FaultsInjected() != 1 {
		t.Fatalf("%d creates, %d lists, %d credentials, %d faults; want 2, 1, 1, 1", n, lists, all, f.FaultsInjected())
	}
}

// The IM issue whose answer is cut off registered the ID, and its secret never
// arrived: the retry meets KAJY68004-E, the client deletes the ID and issues
// again, and returns the secret the manager holds.
func TestIMIssueCutAnswerRecovered(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyIMIssue, Mode: fakejp1.FaultCutAnswer, Times: 1})
	s, err := f.im(testHTTP()).IssueClientSecret(ctxTimeout(t), "client1")
	if err != nil {
		t.Fatal(err)
	}
	if live, _ := f.IMClientSecret("client1"); s.ClientSecret != live {
		t.Fatal("the secret returned is not the one registered")
	}
	if issues, deletes := f.Count(keyIMIssue), f.Count(keyIMDelete); issues != 3 || deletes != 1 {
		t.Fatalf("%d issues and %d deletes, want 3 and 1", issues, deletes)
	}
}

// Every answer of the OA create cut off, the 409 of the retry too: a cut error
// answer still says what happened by its status, so the credential is adopted.
func TestAnalyticsCreateEveryAnswerCutAdopted(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsCreate, Mode: fakejp1.FaultCutAnswer})
	got, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
	if err != nil {
		t.Fatal(err)
	}
	if stored, ok := f.CredentialByName("web01"); !ok || got.InstanceID != stored.InstanceID {
		t.Fatalf("returned %+v, the fake holds %+v", got, stored)
	}
	if n, lists, all := f.Count(keyAnalyticsCreate), f.Count(keyAnalyticsList), len(f.Credentials()); n != 2 || lists != 1 || all != 1 {
		t.Fatalf("%d creates, %d lists, %d credentials; want 2, 1, 1", n, lists, all)
	}
}

// When the outcome stays unknown (every answer cut off, the lookup's too),
// the creates end with an error that says the object may exist (the provider
// records it as tainted), never "malformed".
func TestCreatesEveryAnswerCut(t *testing.T) {
	t.Parallel()
	t.Run("OA", func(t *testing.T) {
		f := startFake(t)
		f.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsCreate, Mode: fakejp1.FaultCutAnswer})
		f.AddFault(fakejp1.Fault{Endpoint: keyAnalyticsList, Mode: fakejp1.FaultCutAnswer})
		_, err := f.oa(testHTTP()).CreateCredential(ctxTimeout(t), sshCredential("web01"))
		checkCutError(t, err)
		if n, lists := len(f.Credentials()), f.Count(keyAnalyticsList); n != 1 || lists != testOptions().MaxAttempts {
			t.Errorf("the fake holds %d credentials and was listed %d times, want the 1 the first attempt made and %d lists",
				n, lists, testOptions().MaxAttempts)
		}
	})
	t.Run("IM", func(t *testing.T) {
		f := startFake(t)
		f.AddFault(fakejp1.Fault{Endpoint: keyIMIssue, Mode: fakejp1.FaultCutAnswer})
		_, err := f.im(testHTTP()).IssueClientSecret(ctxTimeout(t), "client1")
		checkCutError(t, err)
		if n := f.Count(keyIMIssue); n < 2 {
			t.Errorf("%d issues: a cut answer is retried", n)
		}
	})
}

func checkCutError(t *testing.T, err error) {
	t.Helper()
	if err == nil || !MayHaveCreated(err) {
		t.Fatalf("err = %v, want one that says the object may exist", err)
	}
	t.Log(err)
	if strings.Contains(err.Error(), "malformed") {
		t.Errorf("a cut answer is a lost answer, not a malformed one: %v", err)
	}
}

// A read whose answer is cut off is retried like any lost answer.
func TestReadCutAnswerRetried(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	id := f.putSSH("web01")
	f.AddFault(fakejp1.Fault{Endpoint: "GET " + analyticsCredentialsPath + "/{id}", Mode: fakejp1.FaultCutAnswer, Times: 2})
	got, err := f.oa(testHTTP()).GetCredential(ctxTimeout(t), id)
	if err != nil || got.Name != "web01" {
		t.Fatalf("%+v %v", got, err)
	}
	if n := f.Count("GET " + analyticsCredentialsPath + "/{id}"); n != 3 {
		t.Errorf("%d reads, want 3", n)
	}
}
