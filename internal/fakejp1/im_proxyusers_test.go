package fakejp1

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const pathProxy = "/im/api/v1/proxyUsers"

func proxyBody(op, id, pw string) map[string]string {
	b := map[string]string{"op": op}
	if id != "" {
		b["id"] = id
	}
	if pw != "" {
		b["pw"] = pw
	}
	return b
}

func TestProxyUsersLifecycle(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	listIDs := func() []string {
		r := c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", ""))
		r.wantStatus(t, http.StatusOK)
		var got struct {
			UserIDList []string `json:"userIdList"`
		}
		r.decode(t, &got)
		if got.UserIDList == nil {
			t.Fatalf("userIdList missing or null: %s", r.body)
		}
		return got.UserIDList
	}
	if ids := listIDs(); len(ids) != 0 {
		t.Fatalf("initial list = %v", ids)
	}
	for _, u := range []struct{ id, pw string }{{"user002", "pw2"}, {"user001", "pw1"}, {"user001", "pw1-new"}} {
		r := c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("add", u.id, u.pw))
		r.wantStatus(t, http.StatusOK)
		if len(r.body) != 0 {
			t.Errorf("add body = %q, want empty", r.body)
		}
	}
	if ids := listIDs(); !slices.Equal(ids, []string{"user001", "user002"}) {
		t.Errorf("list = %v", ids)
	}
	if pw, _ := s.ProxyPassword("user001"); pw != "pw1-new" {
		t.Errorf("add did not replace the password: %q", pw)
	}
	r := c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("rm", "user002", ""))
	r.wantStatus(t, http.StatusOK)
	if len(r.body) != 0 {
		t.Errorf("rm body = %q, want empty", r.body)
	}
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("rm", "user002", "")).
		wantIMError(t, http.StatusBadRequest, msgProxyInvalidParam, rcInvalidParam)
	if got := s.ProxyUsers(); !maps.Equal(got, map[string]string{"user001": "pw1-new"}) {
		t.Errorf("state = %v", got)
	}
	for key, want := range map[string]int{
		"POST /im/api/v1/proxyUsers list": 2,
		"POST /im/api/v1/proxyUsers add":  3,
		"POST /im/api/v1/proxyUsers rm":   2,
	} {
		if got := s.Count(key); got != want {
			t.Errorf("Count(%q) = %d, want %d", key, got, want)
		}
	}
}

func TestProxyUsersValidation(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetProxyProcessingTime(0)
	tests := map[string]any{
		"unknown op":     proxyBody("get", "u", "p"),
		"no op":          `{"id":"u","pw":"p"}`,
		"malformed":      `{"op":`,
		"add without id": proxyBody("add", "", "p"),
		"add without pw": proxyBody("add", "u", ""),
		"id too long":    proxyBody("add", strings.Repeat("u", maxProxyIDLen+1), "p"),
		"id with space":  proxyBody("add", "a b", "p"),
		"id non-ASCII":   proxyBody("add", "ユーザー", "p"),
		"pw too long":    proxyBody("add", "u", strings.Repeat("p", maxProxyPWLen+1)),
		"empty id":       `{"op":"add","id":"","pw":"p"}`,
		"empty pw":       `{"op":"add","id":"u","pw":""}`,
		"rm without id":  proxyBody("rm", "", ""),
		// Member names are matched exactly, as JP1 does.
		"ID":             `{"op":"add","ID":"u","pw":"p"}`,
		"Op":             `{"Op":"list"}`,
		"unknown member": `{"op":"list","filter":"u*"}`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPost, pathProxy, authIMAdmin, body).
				wantIMError(t, http.StatusBadRequest, msgProxyInvalidParam, rcInvalidParam)
		})
	}
	// Limits are inclusive; the password may hold any bytes.
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("add", strings.Repeat("u", maxProxyIDLen), strings.Repeat("p", maxProxyPWLen))).
		wantStatus(t, http.StatusOK)
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("add", "~!u", "pässwörd with space")).wantStatus(t, http.StatusOK)
	if len(s.ProxyUsers()) != 2 {
		t.Errorf("state = %v", s.ProxyUsers())
	}
}

func TestProxyUsersPermissions(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	c.do(http.MethodPost, pathProxy, authIMOperator, proxyBody("add", "u1", "p")).wantStatus(t, http.StatusOK)
	c.do(http.MethodPost, pathProxy, authIMUser, proxyBody("add", "u2", "p")).wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
	c.do(http.MethodPost, pathProxy, authIMUser, proxyBody("list", "", "")).wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
	c.do(http.MethodPost, pathProxy, "", proxyBody("list", "", "")).wantIMError(t, http.StatusUnauthorized, msgIMAuthInvalid, 0)
	if got := s.ProxyUsers(); len(got) != 1 {
		t.Errorf("state = %v", got)
	}
}

// postAsync sends a proxyUsers call from another goroutine and reports its status.
func (c *testClient) postAsync(ctx context.Context, body map[string]string) <-chan int {
	out := make(chan int, 1)
	b, _ := json.Marshal(body)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.base+pathProxy, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", authIMAdmin)
	go func() {
		res, err := c.hc.Do(req)
		if err != nil {
			out <- 0
			return
		}
		res.Body.Close()
		out <- res.StatusCode
	}()
	return out
}

// waitProxyBusy waits until a proxyUsers call holds the lock.
func waitProxyBusy(t *testing.T, s *Server) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.Lock()
		busy := s.proxyBusy
		s.mu.Unlock()
		if busy > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("no proxyUsers call took the lock")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestProxyUsersOverlapDetected(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetProxyProcessingTime(300 * time.Millisecond)
	first := c.postAsync(context.Background(), proxyBody("add", "u1", "p1"))
	waitProxyBusy(t, s)

	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", "")).
		wantIMError(t, http.StatusInternalServerError, msgProxyLocked, rcProcessing)
	if st := <-first; st != http.StatusOK {
		t.Fatalf("first call status = %d", st)
	}
	if s.ProxyOverlaps() != 1 || s.LockErrors() != 1 {
		t.Errorf("ProxyOverlaps() = %d, LockErrors() = %d, want 1, 1", s.ProxyOverlaps(), s.LockErrors())
	}
	if _, ok := s.ProxyPassword("u1"); !ok {
		t.Error("the lock holder's change was not applied")
	}
	// Once the holder is done, the lock is free again.
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", "")).wantStatus(t, http.StatusOK)
}

func TestProxyUsersConcurrentCallers(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetProxyProcessingTime(100 * time.Millisecond)
	const n = 6
	var wg sync.WaitGroup
	statuses := make([]int, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			statuses[i] = <-c.postAsync(context.Background(), proxyBody("add", "u", "p"))
		})
	}
	close(start)
	wg.Wait()
	ok, locked := 0, 0
	for _, st := range statuses {
		switch st {
		case http.StatusOK:
			ok++
		case http.StatusInternalServerError:
			locked++
		default:
			t.Errorf("unexpected status %d", st)
		}
	}
	if ok < 1 || ok+locked != n || s.ProxyOverlaps() != locked || s.LockErrors() != locked {
		t.Errorf("ok=%d locked=%d overlaps=%d lockErrors=%d", ok, locked, s.ProxyOverlaps(), s.LockErrors())
	}
}

func TestProxyUsersZeroProcessingNeverOverlaps(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetProxyProcessingTime(0)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { <-c.postAsync(context.Background(), proxyBody("list", "", "")) })
	}
	wg.Wait()
	if s.ProxyOverlaps() != 0 || s.LockErrors() != 0 {
		t.Errorf("ProxyOverlaps() = %d, LockErrors() = %d", s.ProxyOverlaps(), s.LockErrors())
	}
}

func TestProxyUsersChangeSurvivesClientTimeout(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetProxyProcessingTime(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if st := <-c.postAsync(ctx, proxyBody("add", "late", "p")); st != 0 {
		t.Fatalf("status = %d, want a client timeout", st)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, ok := s.ProxyPassword("late"); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the manager did not finish the abandoned call")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestProxyUsersCompetingHolder(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetProxyProcessingTime(0)
	s.SetCompetingLockHolder(0, 1)
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("add", "u", "p")).
		wantIMError(t, http.StatusInternalServerError, msgProxyLocked, rcExclusiveLock)
	if len(s.ProxyUsers()) != 0 || s.LockErrors() != 1 || s.ProxyOverlaps() != 0 {
		t.Errorf("state %v, LockErrors %d, ProxyOverlaps %d", s.ProxyUsers(), s.LockErrors(), s.ProxyOverlaps())
	}

	seed := testSeed(t)
	s.SetCompetingLockHolder(seed, 0.5)
	locked := 0
	const n = 200
	for range n {
		if c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("list", "", "")).status == http.StatusInternalServerError {
			locked++
		}
	}
	if locked < n/5 || locked > n*4/5 {
		t.Errorf("seed %d: fraction 0.5 locked %d of %d calls", seed, locked, n)
	}

	s.SetCompetingLockHolder(0, 0)
	c.do(http.MethodPost, pathProxy, authIMAdmin, proxyBody("add", "u", "p")).wantStatus(t, http.StatusOK)
}
