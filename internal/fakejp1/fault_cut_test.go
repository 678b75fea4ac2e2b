package fakejp1

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"
)

// FaultCutAnswer commits the change and sends the status, the headers and
// half the body before the connection goes: the client reads a 2xx whose
// body ends early.
func TestFaultCutAnswer(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.AddFault(Fault{Endpoint: "POST /Analytics/v1/objects/Credentials", Mode: FaultCutAnswer, Times: 1})
	body := `{"name":"n","credentialType":"WMI","userId":"u","passwordNotRequired":true}`
	req, _ := http.NewRequest(http.MethodPost, c.base+pathCreds, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", authAnalyticsAdmin)
	res, err := noRetryClient(c).hc.Do(req)
	if err != nil {
		t.Fatalf("the status and headers must arrive: %v", err)
	}
	got, err := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if res.StatusCode != http.StatusCreated || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("status %d, read error %v: want 201 and a body cut off", res.StatusCode, err)
	}
	if want := int(res.ContentLength) / 2; len(got) != want || want == 0 {
		t.Errorf("%d of %d bytes arrived, want half", len(got), res.ContentLength)
	}
	if _, ok := s.CredentialByName("n"); !ok {
		t.Fatal("a cut answer must apply the change")
	}
	if s.FaultsInjected() != 1 {
		t.Errorf("FaultsInjected = %d", s.FaultsInjected())
	}
	// The retry that follows sees the conflict.
	c.do(http.MethodPost, pathCreds, authAnalyticsAdmin, body).wantAnalyticsError(t, http.StatusConflict, msgAnalyticsConflict)

	// An answer without a body has nothing to cut: the connection goes without one.
	id := s.PutCredential(Credential{Name: "gone", CredentialType: "SSH"})
	s.AddFault(Fault{Endpoint: "DELETE /Analytics/v1/objects/Credentials/{id}", Mode: FaultCutAnswer, Times: 1})
	if err := sendExpectingDrop(noRetryClient(c), http.MethodDelete, pathCreds+"/"+itoa64(id), "", authAnalyticsAdmin); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Credential(id); ok {
		t.Error("the delete was not applied")
	}
	if FaultCutAnswer.String() != "cut-answer" {
		t.Errorf("String() = %q", FaultCutAnswer.String())
	}
}
