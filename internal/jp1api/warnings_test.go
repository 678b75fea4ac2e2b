package jp1api

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
)

func TestAnalyticsWarnings(t *testing.T) {
	// The fake sends no Warning headers; a front adds two to every answer.
	f := startFakeBehind(t, func(w http.ResponseWriter, r *http.Request, fake http.Handler) {
		w.Header().Add("Warning", `299 - "The credential is used by 3 resources."`)
		w.Header().Add("Warning", `299 - "Second warning."`)
		fake.ServeHTTP(w, r)
	})
	id := f.putSSH("a")
	ctx, warnings := WithWarnings(ctxTimeout(t))
	if _, err := f.oa(testHTTP()).GetCredential(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.oa(testHTTP()).GetCredential(ctx, id); err != nil {
		t.Fatal(err)
	}
	got := warnings.List()
	if len(got) != 2 || got[0] != `299 - "The credential is used by 3 resources."` {
		t.Fatalf("%q", got)
	}
	// without a collector nothing happens
	if _, err := f.oa(testHTTP()).GetCredential(ctxTimeout(t), id); err != nil {
		t.Fatal(err)
	}
	var none *Warnings
	if none.List() != nil {
		t.Fatal("nil collector")
	}
}

func TestWarningsCollector(t *testing.T) {
	ctx, w := WithWarnings(context.Background())
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := http.Header{}
			h.Add("Warning", fmt.Sprintf(`299 - "w%d"`, i%5))
			h.Add("Warning", " ")
			collectWarnings(ctx, h)
		}()
	}
	wg.Wait()
	if got := w.List(); len(got) != 5 {
		t.Fatalf("%q", got)
	}
	collectWarnings(context.Background(), http.Header{"Warning": {"x"}}) // no collector: no effect
}
