package jp1api

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
)

// The client sets the paging limits, whatever the server reports (a
// totalCount past analyticsMaxCredentials is refused: analytics_limits_test.go).
func TestAnalyticsPagingLimits(t *testing.T) {
	t.Parallel()
	page := func(n, first, count int, total, pages int64) map[string]any {
		data := []any{}
		for i := range count {
			data = append(data, map[string]any{"instanceID": first + i, "name": "c" + strconv.Itoa(first+i), "credentialType": "SSH"})
		}
		return map[string]any{"data": data, "pagination": map[string]any{"page": n, "pageSize": analyticsPageSize, "numPages": pages, "totalCount": total}}
	}
	cases := []struct {
		name     string
		answer   func(asked int) map[string]any
		requests int
		items    int
	}{
		{"ignores page, 2^40 pages", func(int) map[string]any { return page(1, 1, 100, analyticsMaxCredentials, 1<<40) }, 2, 100},
		{"2^40 pages, small totalCount", func(n int) map[string]any { return page(n, n*100, 100, 150, 1<<40) }, 4, 400},
		{"empty page", func(n int) map[string]any {
			if n == 3 {
				return page(n, 0, 0, analyticsMaxCredentials, 1<<40)
			}
			return page(n, n*100, 100, analyticsMaxCredentials, 1<<40)
		}, 3, 200},
		{"the same items on every page", func(n int) map[string]any { return page(n, 1, 100, 300, 3) }, 3, 100},
		{"honest", func(n int) map[string]any { return page(n, n*100, min(100, 250-(n-1)*100), 250, 3) }, 3, 250},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				n, _ := strconv.Atoi(r.URL.Query().Get("page"))
				writeJSON(w, http.StatusOK, tc.answer(n))
			}))
			defer srv.Close()
			got, err := analyticsClient(srv.URL).ListCredentials(ctxTimeout(t))
			if err != nil {
				t.Fatal(err)
			}
			if int(hits.Load()) != tc.requests || len(got) != tc.items {
				t.Errorf("%d requests and %d items, want %d and %d", hits.Load(), len(got), tc.requests, tc.items)
			}
		})
	}
}
