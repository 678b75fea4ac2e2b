package jp1api

import (
	"context"
	"net/http"
	"strings"
	"sync"
)

// Warnings collects the `Warning` headers of the answers received with a
// context made by WithWarnings. It is safe for concurrent use.
type Warnings struct {
	mu   sync.Mutex
	list []string
}

type warningsKey struct{}

// WithWarnings returns a context carrying a new collector, and the collector.
func WithWarnings(ctx context.Context) (context.Context, *Warnings) {
	w := &Warnings{}
	return context.WithValue(ctx, warningsKey{}, w), w
}

// List returns the collected warnings in arrival order, without duplicates.
func (w *Warnings) List() []string {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.list...)
}

// The server sets how many warnings it sends; the client sets how many it shows.
const (
	maxWarnings     = 5
	maxWarningBytes = 300
)

func (w *Warnings) add(v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	if len(v) > maxWarningBytes {
		v = excerpt([]byte(v), maxWarningBytes)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.list) >= maxWarnings {
		return
	}
	for _, s := range w.list {
		if s == v {
			return
		}
	}
	w.list = append(w.list, v)
}

// collectWarnings appends the Warning header values to the collector in ctx,
// on one line without control characters; a value that may reveal one of the
// call's secrets is withheld whole (serverText).
func collectWarnings(ctx context.Context, h http.Header, secrets []string) {
	w, _ := ctx.Value(warningsKey{}).(*Warnings)
	if w == nil {
		return
	}
	for _, v := range h.Values("Warning") {
		w.add(serverText(v, secrets, withheldWarning))
	}
}
