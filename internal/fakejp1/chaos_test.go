package fakejp1

import (
	"net/http"
	"slices"
	"testing"
)

// LoseWriteAnswers: the change is committed, the answer is lost; never more
// than maxInARow in a row for one request; reads are never hit; the same seed
// loses the same arrivals.
func TestLoseWriteAnswers(t *testing.T) {
	t.Parallel()
	run := func(seed int64) []bool {
		s, c := newTestServer(t)
		s.LoseWriteAnswers(seed, 0.5, 2)
		nc := noRetryClient(c)
		var lost []bool
		inARow := 0
		for i := range 40 {
			body := `{"op":"add","id":"u","pw":"p"}`
			err := sendExpectingDrop(nc, http.MethodPost, pathProxy, body, authIMAdmin)
			lost = append(lost, err == nil)
			if err == nil {
				inARow++
				if inARow > 2 {
					t.Fatalf("seed %d: %d answers lost in a row at arrival %d", seed, inARow, i)
				}
				if _, ok := s.ProxyPassword("u"); !ok {
					t.Fatal("a lost answer must still commit the change")
				}
			} else {
				inARow = 0
			}
		}
		// Reads are never lost.
		for range 20 {
			nc.do(http.MethodPost, pathProxy, authIMAdmin, `{"op":"list"}`).wantStatus(t, http.StatusOK)
		}
		return lost
	}
	a, b := run(7), run(7)
	if !slices.Equal(a, b) {
		t.Error("the same seed must lose the same arrivals")
	}
	n := 0
	for _, l := range a {
		if l {
			n++
		}
	}
	if n < 10 || n > 30 {
		t.Errorf("%d of 40 answers lost, want about half", n)
	}
	if c := run(8); slices.Equal(a, c) {
		t.Error("another seed must lose other arrivals")
	}
}
