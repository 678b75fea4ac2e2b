package jp1api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

// testOptions keeps waits tiny so the package's tests run in a few seconds.
func testOptions() Options {
	return Options{
		RequestTimeout: 2 * time.Second,
		MaxAttempts:    5,
		MinWait:        time.Millisecond,
		MaxWait:        5 * time.Millisecond,
		UserAgent:      "terraform-provider-jp1/test",
	}
}

func testHTTP() *HTTP { return NewHTTP(testOptions()) }

// dropConnection ends the exchange without an answer (a lost answer).
func dropConnection(t *testing.T, w http.ResponseWriter) {
	t.Helper()
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Fatal("the test server cannot hijack connections")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Fatalf("hijack: %v", err)
	}
	_ = conn.Close()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// imError writes an IM error body (messageId padded as in the seed example).
func imError(w http.ResponseWriter, status int, messageID, message string, returnCode int) {
	writeJSON(w, status, map[string]any{
		"timestamp": 1585561108345, "status": status, "error": http.StatusText(status),
		"message": message, "path": " /im/api/v1/x ", "messageId": " " + messageID + " ", "returnCode": returnCode,
	})
}

func readBody(r *http.Request) map[string]any {
	data, _ := io.ReadAll(r.Body)
	out := map[string]any{}
	_ = json.Unmarshal(data, &out)
	return out
}

// counter counts requests by key.
type counter struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *counter) inc(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]int{}
	}
	c.m[key]++
	return c.m[key]
}

func (c *counter) get(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

// syncBuffer is a bytes.Buffer safe for concurrent writers (log output).
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func ctxTimeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func ptr[T any](v T) *T { return &v }
