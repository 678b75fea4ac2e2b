package jp1api

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"sync"
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

// gate keeps a wrong password (or a user that may not log in) from costing more
// than one refused request per client (an account lockout policy counts every
// one): until an answer shows that the credentials are accepted, one call at a
// time sends them and the others wait for its outcome; a refusal is remembered
// and returned to every later call without asking the server again.
type gate struct {
	slot    slot
	base    string // the endpoint URL, named by the errors of the calls not made
	mu      sync.Mutex
	proven  bool
	refused *APIError
}

func newGate(base string) *gate { return &gate{slot: newSlot(), base: base} }

// state returns, for a call r, the error of a call not made because of the
// remembered refusal (its text one line, its cause the refusal's), and
// whether the credentials were accepted once.
func (g *gate) state(r *request) (error, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.refused != nil {
		return notAttempted(r, g.base, g.refused, refusalReason(g.refused.Cause)), false
	}
	return nil, g.proven
}

// refusalReason says in a few words what a remembered refusal was.
func refusalReason(cause Cause) string {
	switch cause {
	case CauseBasicDisabled:
		return "refused Basic authentication"
	case CauseLoginNotPermitted:
		return "refused the login of this user"
	}
	return "refused the user name or password"
}

type gateKey struct{ g *gate }

// run runs fn through the gate. A call made while the gate is held by the
// same call chain (a lookup inside a retry decision) passes straight through.
func (g *gate) run(ctx context.Context, r *request, fn func(context.Context) (*call, []byte, error)) (*call, []byte, error) {
	if ctx.Value(gateKey{g}) != nil {
		return fn(ctx)
	}
	if err, proven := g.state(r); err != nil || proven {
		if err != nil {
			return &call{req: r, endpoint: pathOnly(r.path)}, nil, err
		}
		return fn(ctx)
	}
	if err := g.slot.acquire(ctx); err != nil {
		c := &call{req: r, endpoint: pathOnly(r.path)}
		return c, nil, c.transportError(err)
	}
	defer g.slot.release()
	if err, proven := g.state(r); err != nil || proven { // decided while we waited
		if err != nil {
			return &call{req: r, endpoint: pathOnly(r.path)}, nil, err
		}
		return fn(ctx)
	}
	cl, data, err := fn(context.WithValue(ctx, gateKey{g}, true))
	g.settle(err)
	return cl, data, err
}

// settle records what an answer says about the credentials.
func (g *gate) settle(err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	var e *APIError
	var na *NotAttemptedError
	switch {
	case err == nil:
		g.proven = true
	case errors.As(err, &na): // a call not made says nothing new
	case !errors.As(err, &e):
	case e.Cause == CauseCredentialsRefused || e.Cause == CauseLoginNotPermitted || e.Cause == CauseBasicDisabled:
		cp := *e
		cp.Attempts = 0 // later calls make no attempt
		g.refused = &cp
	case e.StatusCode != 0 && e.StatusCode != http.StatusUnauthorized:
		g.proven = true // an answer past authentication
	}
}
