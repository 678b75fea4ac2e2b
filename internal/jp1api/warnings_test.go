package jp1api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestAnalyticsWarnings(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	ctx, w := WithWarnings(context.Background())
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := http.Header{}
			h.Add("Warning", fmt.Sprintf(`299 - "w%d"`, i%5))
			h.Add("Warning", " ")
			collectWarnings(ctx, h, nil)
		}()
	}
	wg.Wait()
	if got := w.List(); len(got) != 5 {
		t.Fatalf("%q", got)
	}
	collectWarnings(context.Background(), http.Header{"Warning": {"x"}}, nil) // no collector: no effect
}

// The server decides how many warnings it sends; the client shows at most
// maxWarnings, each at most maxWarningBytes long and without control
// characters; one that repeats a secret of the call is withheld whole.
func TestWarningsCapped(t *testing.T) {
	t.Parallel()
	ctx, w := WithWarnings(context.Background())
	h := http.Header{}
	h.Add("Warning", "299 - \"you sent s3cr\u00e9t-9\"")
	for i := range 50 {
		h.Add("Warning", fmt.Sprintf("299 - \"w%d %s\x1b[2J\"", i, strings.Repeat("x", 1000)))
	}
	collectWarnings(ctx, h, []string{"s3cr\u00e9t-9"})
	got := w.List()
	if len(got) != maxWarnings {
		t.Fatalf("%d warnings, want %d", len(got), maxWarnings)
	}
	if got[0] != wantWithheldWarning {
		t.Errorf("the warning with the secret is %q, want it withheld", got[0])
	}
	for _, v := range got {
		if len(v) > maxWarningBytes+len("…") || strings.ContainsAny(v, "\x1b") || strings.Contains(v, "s3cr") {
			t.Fatalf("warning not capped, withheld and cleaned: %q", v)
		}
	}
}
