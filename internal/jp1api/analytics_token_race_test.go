package jp1api

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Tokens dropped while many calls are in flight (a restarted Common Component):
// a call refused on a token replays with Basic, as the contract says, not with
// a newer token that an answer served before the drop brought in. Every call
// succeeds.
func TestAnalyticsTokensDroppedUnderConcurrency(t *testing.T) {
	t.Parallel()
	var served atomic.Int32
	var f *fakeJP1
	f = startFakeBehind(t, func(w http.ResponseWriter, r *http.Request, fake http.Handler) {
		fake.ServeHTTP(w, r)
		if strings.HasPrefix(r.URL.Path, "/Analytics/") && served.Add(1)%3 == 0 {
			f.ExpireAnalyticsTokens()
		}
	})
	id := f.putSSH("a")
	c := f.oa(testHTTP())
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for range 20 {
		wg.Go(func() {
			for range 10 {
				if _, err := c.GetCredential(ctxTimeout(t), id); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if f.Stats().AnalyticsTokensRefused == 0 {
		t.Fatal("no token was refused: the test proves nothing")
	}
}
