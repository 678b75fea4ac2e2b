package jp1api

import (
	"context"
	"encoding/base64"
	"net/http"
)

// authenticator sets the Authorization header of each attempt.
type authenticator interface {
	// authorize returns the Authorization value for the next attempt of c
	// (fresh credentials when c.reauth is set) and records what was sent in c.
	authorize(ctx context.Context, c *call) (string, error)
	// replay401 reports whether a 401 answer to an attempt of c may be
	// replayed with fresh credentials (and drops the refused ones).
	replay401(c *call) bool
	// observe sees every answer (e.g. to learn a new token).
	observe(resp *http.Response)
	// secrets returns the values to mask in logs: passwords, header values, tokens.
	secrets() []string
}

// basicHeader returns the value of a Basic Authorization header.
func basicHeader(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

// slot is a context-aware one-slot lock.
type slot chan struct{}

func newSlot() slot { return make(slot, 1) }

// acquire takes the slot, or returns ctx.Err() when ctx ends first.
func (s slot) acquire(ctx context.Context) error {
	select {
	case s <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s slot) release() { <-s }
