package jp1api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// hostilePager answers every page asked for with the page number echoed,
// pageSize items never seen before and a pagination that promises more,
// until page stopAt, after which it answers empty pages (so that a client
// without limits stops some time, and the test with it).
func hostilePager(t *testing.T, totalCount int64, perPage, stopAt int, name func(id int) string) (*httptest.Server, *atomic.Int64, *atomic.Int64) {
	t.Helper()
	var requests, served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		var b strings.Builder
		b.WriteString(`{"data":[`)
		if n <= stopAt {
			for i := range perPage {
				id := (n-1)*perPage + i + 1
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(`{"instanceID":` + strconv.Itoa(id) + `,"name":"` + name(id) + `","credentialType":"SSH","userId":"root","portNumber":22}`)
				served.Add(1)
			}
		}
		b.WriteString(`],"pagination":{"page":` + strconv.Itoa(n) + `,"pageSize":100,"numPages":1099511627776,"totalCount":` +
			strconv.FormatInt(totalCount, 10) + `}}`)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(b.String()))
	}))
	t.Cleanup(srv.Close)
	return srv, &requests, &served
}

func shortName(id int) string { return "c" + strconv.Itoa(id) }

// The server of issue 18: totalCount 2^40, the page number echoed, 100 new
// credentials a page. The first page's totalCount is past the limit: the
// listing ends there, with an error naming both numbers.
func TestAnalyticsListRefusesAHugeTotalCount(t *testing.T) {
	t.Parallel()
	srv, requests, served := hostilePager(t, 1<<40, 100, 3000, shortName)
	held, err := analyticsClient(srv.URL).listCredentials(ctxTimeout(t), analyticsListLimits)
	t.Logf("%d requests, %d credentials served, %d held", requests.Load(), served.Load(), len(held))
	if err == nil || !strings.Contains(err.Error(), "1099511627776") || !strings.Contains(err.Error(), "100000") {
		t.Fatalf("err = %v, want one naming the totalCount and the limit", err)
	}
	if requests.Load() != 1 || len(held) != 0 {
		t.Errorf("%d requests, %d credentials held; want 1 and 0", requests.Load(), len(held))
	}
	if got, err := analyticsClient(srv.URL).ListCredentials(ctxTimeout(t)); got != nil || err == nil {
		t.Errorf("ListCredentials returned %d credentials and %v: want none and the error", len(got), err)
	}
}

// A server that reports a totalCount within the limit but never stops giving
// new credentials: the listing holds at most 100,000 and then fails, naming
// the limit.
func TestAnalyticsListStopsAtTheCredentialLimit(t *testing.T) {
	t.Parallel()
	srv, requests, served := hostilePager(t, analyticsMaxCredentials, 100, 2000, shortName)
	held, err := analyticsClient(srv.URL).listCredentials(ctxTimeout(t), analyticsListLimits)
	t.Logf("%d requests, %d credentials served, %d held", requests.Load(), served.Load(), len(held))
	if err == nil || !strings.Contains(err.Error(), "more than 100000 credentials") {
		t.Fatalf("err = %v (%d credentials), want one naming the limit of 100000", err, len(held))
	}
	if requests.Load() != analyticsMaxCredentials/analyticsPageSize || len(held) != analyticsMaxCredentials {
		t.Errorf("%d requests and %d credentials held, want %d and %d", requests.Load(), len(held), analyticsMaxCredentials/analyticsPageSize, analyticsMaxCredentials)
	}
}

// A page with more items than were asked for is refused, naming the numbers.
func TestAnalyticsListRefusesAnOversizedPage(t *testing.T) {
	t.Parallel()
	srv, requests, _ := hostilePager(t, 300, 150, 2, shortName)
	held, err := analyticsClient(srv.URL).listCredentials(ctxTimeout(t), analyticsListLimits)
	if err == nil || !strings.Contains(err.Error(), "page 1 holds 150 credentials") || !strings.Contains(err.Error(), "pageSize=100") {
		t.Fatalf("err = %v, want one naming the 150 items and the pageSize 100", err)
	}
	if requests.Load() != 1 || len(held) != 0 {
		t.Errorf("%d requests and %d credentials held, want 1 and 0", requests.Load(), len(held))
	}
}

// Long names cannot make a listing hold more than its text budget: 10 KiB
// names, 100 a page, end the listing at the budget (shrunk to 4 MiB here, so
// that the test does not send 96 MiB; the same code holds analyticsMaxListText).
func TestAnalyticsListStopsAtTheTextLimit(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("n", 10<<10)
	name := func(id int) string { return fmt.Sprintf("%06d", id) + long } // every name as long as the others
	srv, requests, served := hostilePager(t, 10000, 100, 12, name)
	lim := listLimits{credentials: analyticsMaxCredentials, text: 4 << 20}
	held, err := analyticsClient(srv.URL).listCredentials(ctxTimeout(t), lim)
	t.Logf("%d requests, %d credentials served, %d held", requests.Load(), served.Load(), len(held))
	if err == nil || !strings.Contains(err.Error(), "more than 4 MiB") {
		t.Fatalf("err = %v, want one naming the text limit", err)
	}
	// Each credential holds its name, "SSH" and the user ID "root".
	perCredential := len(name(1)) + len("SSH") + len("root")
	fits := lim.text / perCredential
	if len(held) != fits || requests.Load() != int64(fits/analyticsPageSize+1) {
		t.Errorf("%d requests and %d credentials held, want %d and %d", requests.Load(), len(held), fits/analyticsPageSize+1, fits)
	}
	if analyticsListLimits.text != 96<<20 || analyticsListLimits.credentials != 100_000 {
		t.Errorf("the limits of every listing are %+v, not the documented 100,000 credentials and 96 MiB", analyticsListLimits)
	}
}
