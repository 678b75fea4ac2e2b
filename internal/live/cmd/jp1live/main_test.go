package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// `make sweep-live` refuses to run without a prefix (JP1_LIVE_PREFIX set
// empty) or with a bad one, before anything reaches JP1.
func TestSweepRefusesWithoutPrefix(t *testing.T) {
	var n int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { atomic.AddInt64(&n, 1) }))
	defer srv.Close()
	for _, prefix := range []string{"", "tfacc", "MANAGER_"} {
		var out bytes.Buffer
		err := run(context.Background(), []string{"sweep"}, env("JP1_LIVE_PREFIX", prefix,
			"JP1_IM_ENDPOINT", srv.URL, "JP1_IM_USERNAME", "u", "JP1_IM_PASSWORD", "pw"), &out, &out)
		if err == nil || !strings.Contains(err.Error(), "JP1_LIVE_PREFIX") {
			t.Errorf("sweep with JP1_LIVE_PREFIX=%q: %v", prefix, err)
		}
	}
	if got := atomic.LoadInt64(&n); got != 0 {
		t.Errorf("%d request(s) sent", got)
	}
}

// check-writes passes on reads and fails on any write the fake counted.
func TestCheckWrites(t *testing.T) {
	fake := fakejp1.New()
	url, err := fake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	get := func(path string) {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	get("/im/api/version")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"check-writes", "-url", url}, env(), &out, &out); err != nil {
		t.Errorf("after a version call: %v\n%s", err, out.String())
	}
	res, err := http.Post(url+"/im/api/v1/secret/client/deleteInfo", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	out.Reset()
	if err := run(context.Background(), []string{"check-writes", "-url", url}, env(), &out, &out); err == nil ||
		!strings.Contains(out.String(), "POST /im/api/v1/secret/client/deleteInfo") {
		t.Errorf("after a delete: %v\n%s", err, out.String())
	}
}
