package fakejp1test

import (
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

func getVersion(t *testing.T, url string) int {
	t.Helper()
	res, err := http.Get(url + "/im/api/version")
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	return res.StatusCode
}

func TestStart(t *testing.T) {
	t.Parallel()
	fake, url := Start(t)
	if got := getVersion(t, url); got != http.StatusOK {
		t.Fatalf("GET version: %d", got)
	}
	if fake.TotalRequests() != 1 {
		t.Errorf("the fake counted %d requests, want 1", fake.TotalRequests())
	}
}

func TestStartBehind(t *testing.T) {
	t.Parallel()
	var seen atomic.Int32
	fake, url := StartBehind(t, func(w http.ResponseWriter, r *http.Request, f *fakejp1.Server) {
		seen.Add(1)
		f.ServeHTTP(w, r)
	})
	if got := getVersion(t, url); got != http.StatusOK {
		t.Fatalf("GET version: %d", got)
	}
	if seen.Load() != 1 || fake.TotalRequests() != 1 {
		t.Errorf("front saw %d requests, the fake %d; want 1 and 1", seen.Load(), fake.TotalRequests())
	}
}

func TestStartBehindNilFront(t *testing.T) {
	t.Parallel()
	_, url := StartBehind(t, nil)
	if got := getVersion(t, url); got != http.StatusOK {
		t.Fatalf("GET version: %d", got)
	}
}

func TestPtr(t *testing.T) {
	t.Parallel()
	v := 3
	p := Ptr(v)
	if *p != 3 || p == &v {
		t.Errorf("Ptr(3) = %v (%p), want a pointer to a copy", *p, p)
	}
}
