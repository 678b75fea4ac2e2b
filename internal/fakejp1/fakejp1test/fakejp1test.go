// Package fakejp1test holds the test helpers every package's tests share for
// serving the fake JP1 (internal/fakejp1): one home instead of a copy per
// package. internal/fakejp1's own tests cannot use it (import cycle).
package fakejp1test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// Start serves a fresh fake JP1 on 127.0.0.1:0 for one test and returns it
// with its base URL. The fake is closed when the test ends; a fake that
// cannot start fails the test.
func Start(t testing.TB) (*fakejp1.Server, string) {
	t.Helper()
	fake := fakejp1.New()
	url, err := fake.Start()
	if err != nil {
		t.Fatalf("starting the fake JP1: %v", err)
	}
	t.Cleanup(fake.Close)
	return fake, url
}

// StartBehind serves a fresh fake JP1 behind front, which sees every request
// and hands it to the fake itself: for acting at an exact point of a run
// (expiring the tokens right after the third call, say), which no schedule
// can do reliably. A nil front serves the fake directly. The server is
// closed when the test ends.
func StartBehind(t testing.TB, front func(w http.ResponseWriter, r *http.Request, fake *fakejp1.Server)) (*fakejp1.Server, string) {
	t.Helper()
	fake := fakejp1.New()
	var h http.Handler = fake
	if front != nil {
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { front(w, r, fake) })
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return fake, srv.URL
}

// Ptr returns a pointer to a copy of v, for the optional fields of the
// fake's and the API's records.
func Ptr[T any](v T) *T { return &v }

// Seed chooses the seed of a test's fault draws (AddFaultMix, Fault.Seed,
// SetCompetingLockHolder): a fresh one each run, or JP1_FAKE_SEED to replay
// one. It logs the seed, so a failed test shows how to replay it.
func Seed(t testing.TB) int64 {
	t.Helper()
	seed, err := fakejp1.ChooseSeed()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fault seed %d (replay: %s=%d go test -run '^%s$')", seed, fakejp1.SeedEnv, seed, t.Name())
	return seed
}
