package jp1api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
)

const (
	imProxyUsersPath = "/im/api/v1/proxyUsers"

	msgProxyLocked     = "KAJY52013-E"
	msgProxyInvalidArg = "KAJY52012-E"
)

// proxyUsersBody is the one body of POST /im/api/v1/proxyUsers.
type proxyUsersBody struct {
	Op string `json:"op"`
	ID string `json:"id,omitempty"`
	PW string `json:"pw,omitempty"`
}

// proxyUsers runs one proxyUsers call. The caller holds c.proxyLock, so the
// in-process calls never overlap; KAJY52013-E (another process holds the
// manager's lock) is retried with backoff.
func (c *IMClient) proxyUsersCall(ctx context.Context, body proxyUsersBody, decode func([]byte) error) (*call, []byte, error) {
	var secrets []string
	if body.PW != "" {
		secrets = []string{body.PW}
	}
	return c.do(ctx, &request{method: http.MethodPost, path: imProxyUsersPath, body: body, secrets: secrets,
		retryIDs: []string{msgProxyLocked}, decode: decode})
}

// lockProxyUsers takes the one-slot lock of the proxyUsers API, or gives up
// when ctx ends.
func (c *IMClient) lockProxyUsers(ctx context.Context) error {
	if err := c.proxyLock.acquire(ctx); err != nil {
		return &APIError{Method: http.MethodPost, Endpoint: imProxyUsersPath, Err: fmt.Errorf("waiting for the other proxyUsers calls: %w", err)}
	}
	return nil
}

// ListProxyUsers returns the proxy user IDs, served from the shared list cache.
func (c *IMClient) ListProxyUsers(ctx context.Context) ([]string, error) {
	return c.proxyUsers.get(ctx, func(ctx context.Context) ([]string, error) {
		if err := c.lockProxyUsers(ctx); err != nil {
			return nil, err
		}
		defer c.proxyLock.release()
		return c.listProxyUsersLocked(ctx)
	})
}

func (c *IMClient) listProxyUsersLocked(ctx context.Context) ([]string, error) {
	var out struct {
		UserIDList *[]string `json:"userIdList"`
	}
	_, _, err := c.proxyUsersCall(ctx, proxyUsersBody{Op: "list"}, answer(&out, func() error {
		if out.UserIDList == nil {
			return errors.New("the answer has no userIdList list")
		}
		return nil
	}))
	if err != nil {
		return nil, err
	}
	return *out.UserIDList, nil
}

// AddProxyUser sets the password of userID, creating the user if needed (upsert).
func (c *IMClient) AddProxyUser(ctx context.Context, userID, password string) error {
	if password == "" {
		return errorf(http.MethodPost, imProxyUsersPath, "the password of proxy user %q is empty", userID)
	}
	if err := c.lockProxyUsers(ctx); err != nil {
		return err
	}
	defer c.proxyLock.release()
	defer c.proxyUsers.invalidate()
	cl, _, err := c.proxyUsersCall(ctx, proxyUsersBody{Op: "add", ID: userID, PW: password}, nil)
	var e *APIError
	if errors.As(err, &e) && cl.possiblyProcessed {
		// An attempt whose answer was lost may have added the user.
		e.MayHaveCreated = true
		e.Hint = joinHints(e.Hint, fmt.Sprintf("an answer of the manager was lost, so proxy user %q may have been added", userID))
	}
	return err
}

// RemoveProxyUser removes userID. A 200 means the user is gone (JP1 may also
// answer 200 for an unknown ID), so it costs one call. KAJY52012-E means either
// "unknown ID" or a real parameter error: only then a list under the same lock
// tells them apart, an absent user counting as removed.
func (c *IMClient) RemoveProxyUser(ctx context.Context, userID string) error {
	if err := c.lockProxyUsers(ctx); err != nil {
		return err
	}
	defer c.proxyLock.release()
	_, _, rmErr := c.proxyUsersCall(ctx, proxyUsersBody{Op: "rm", ID: userID}, nil)
	gen := c.proxyUsers.invalidate()
	if rmErr == nil || MessageID(rmErr) != msgProxyInvalidArg {
		return rmErr
	}
	users, err := c.listProxyUsersLocked(ctx)
	if err != nil {
		return rmErr
	}
	c.proxyUsers.storeIf(gen, users) // listed after the write, under the lock: fresh
	if slices.Contains(users, userID) {
		return rmErr
	}
	return nil
}
