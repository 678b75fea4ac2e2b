package fakejp1

import (
	"net/url"
	"strconv"
)

// defaultPageSize is both the page size when only page is sent and the most
// items an unpaged list returns ($count default 100, DOC OA 2.1.1).
const defaultPageSize = 100

type pagination struct {
	Page       int `json:"page"`
	PageSize   int `json:"pageSize"`
	NumPages   int `json:"numPages"`
	TotalCount int `json:"totalCount"`
}

// pageRequest is the paging a list asked for; paged is false when neither
// page nor pageSize was sent.
type pageRequest struct {
	page, size int
	paged      bool
}

// parsePaging reads ?page=N&pageSize=M. Either one turns paging on; the other
// then takes its default (page 1, pageSize 100).
func parsePaging(q url.Values) (pageRequest, *apiError) {
	pr := pageRequest{page: 1, size: defaultPageSize}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &pr.page}, {"pageSize", &pr.size}} {
		if !q.Has(p.name) {
			continue
		}
		n, err := strconv.Atoi(q.Get(p.name))
		if err != nil || n < 1 {
			return pageRequest{}, invalid("%s must be a positive integer", p.name)
		}
		*p.dst = n
		pr.paged = true
	}
	return pr, nil
}

// window returns the slice bounds of the requested page over total items and
// the pagination object; numPages is at least 1 even for an empty list.
func (pr pageRequest) window(total int) (lo, hi int, pg pagination) {
	numPages := max(1, (total+pr.size-1)/pr.size)
	lo = min(total, (pr.page-1)*pr.size)
	hi = min(total, lo+pr.size)
	return lo, hi, pagination{Page: pr.page, PageSize: pr.size, NumPages: numPages, TotalCount: total}
}
