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

// proxyUsers return codes (IM2 5.9.1). The returnCode decides over the
// messageId: 2 and 7 are the lock whatever the messageId says.
const (
	rcProxyExclusiveLock = 2   // another call holds the exclusive lock
	rcProxyProcessing    = 7   // another call is being processed
	rcProxyUpdateFailed  = 13  // the definition could not be updated
	rcProxySystemError   = 255 // system error
)

// proxyUsersBusy reports an answer that means "the lock is held, try later":
// returnCode 2 or 7, or, without a returnCode, KAJY52013-E. Such answers are
// retried with the full budget; any other 5xx (returnCode 13, 255) is a
// server fault, retried a few times and then reported.
func proxyUsersBusy(messageID string, returnCode *int) bool {
	if returnCode != nil {
		return *returnCode == rcProxyExclusiveLock || *returnCode == rcProxyProcessing
	}
	return messageID == msgProxyLocked
}

// proxyUsersHint is the remedy for a failed proxyUsers call, chosen like the
// retry: by returnCode first.
func proxyUsersHint(e *APIError) string {
	if e.StatusCode < 500 {
		return ""
	}
	switch {
	case proxyUsersBusy(e.MessageID, e.ReturnCode):
		return "another program (another run of this tool, a script, or the integrated operation viewer) kept the manager's proxyUsers lock: try again later"
	case e.ReturnCode != nil && *e.ReturnCode == rcProxyUpdateFailed:
		return "the manager could not update its proxy user definition (returnCode 13): check the manager's log and free disk space, then try again"
	case e.ReturnCode != nil && *e.ReturnCode == rcProxySystemError:
		return "the manager reported a system error (returnCode 255): check the manager's integrated trace log, then try again"
	}
	return ""
}

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
		busy: proxyUsersBusy, decode: decode})
}

// lockProxyUsers takes the one-slot lock of the proxyUsers API, or gives up
// when ctx ends.
func (c *IMClient) lockProxyUsers(ctx context.Context) error {
	if err := c.proxyLock.acquire(ctx); err != nil {
		return &APIError{Method: http.MethodPost, Endpoint: imProxyUsersPath, Product: ProductIM, Err: fmt.Errorf("waiting for the other proxyUsers calls: %w", err)}
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
	var users []string
	if _, _, err := c.proxyUsersCall(ctx, proxyUsersBody{Op: "list"}, imListAnswer("userIdList", &users)); err != nil {
		return nil, err
	}
	return users, nil
}

// CreateProxyUser adds userID with its password, refusing a user that JP1
// already lists: add is an upsert, so adding an existing user would replace
// the password someone else set. The list comes from the shared cache when it
// is fresh (no extra request). A retry of this add after a lost answer is part
// of the same call and never meets the check. When the add fails after an
// attempt whose answer was lost, a list under the same lock tells:
// a listed user is ours (it was absent a moment ago), so the create succeeded;
// when even the list fails, the error is marked MayHaveCreated.
func (c *IMClient) CreateProxyUser(ctx context.Context, userID, password string) error {
	if password == "" {
		return emptyProxyPassword(userID)
	}
	if err := c.lockProxyUsers(ctx); err != nil {
		return err
	}
	defer c.proxyLock.release()
	// Under the lock, so no call of this process changes the list meanwhile.
	// Not through proxyUsers.get: a reader's fetch in flight waits for this lock.
	users, gen, fresh := c.proxyUsers.cached()
	if !fresh {
		var err error
		if users, err = c.listProxyUsersLocked(ctx); err != nil {
			return err
		}
		c.proxyUsers.storeIf(gen, users)
	}
	if slices.Contains(users, userID) {
		return &APIError{Method: http.MethodPost, Endpoint: imProxyUsersPath, Product: ProductIM,
			Cause: CauseAlreadyExists, Existing: userID,
			Message: fmt.Sprintf("proxy user %q already exists", userID),
			Hint:    "JP1 already lists it, and adding it would replace the password that someone else set"}
	}
	if twin, ok := caseTwin(users, userID); ok {
		return caseTwinError(imProxyUsersPath, "proxy user", userID, twin,
			"adding it would then replace the password of that user, which someone else set")
	}
	cl, _, err := c.proxyUsersCall(ctx, proxyUsersBody{Op: "add", ID: userID, PW: password}, nil)
	if err == nil {
		c.proxyUsers.update(userID, true)
		return nil
	}
	gen = c.proxyUsers.invalidate()
	var e *APIError
	if !errors.As(err, &e) || !cl.possiblyProcessed || ctx.Err() != nil {
		return err
	}
	// An attempt whose answer was lost may have added the user; it was absent a
	// moment ago, under this lock, so a listed user is ours.
	users, lerr := c.listProxyUsersLocked(ctx)
	if lerr != nil {
		e.MayHaveCreated = true
		e.Hint = joinHints(e.Hint, fmt.Sprintf("an answer of the manager was lost, so proxy user %q may have been added", userID))
		return err
	}
	c.proxyUsers.storeIf(gen, users)
	if slices.Contains(users, userID) {
		return nil
	}
	return err
}

// AddProxyUser sets the password of userID, creating the user if needed (upsert).
func (c *IMClient) AddProxyUser(ctx context.Context, userID, password string) error {
	if password == "" {
		return emptyProxyPassword(userID)
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
	if rmErr == nil {
		c.proxyUsers.update(userID, false)
		return nil
	}
	gen := c.proxyUsers.invalidate()
	if MessageID(rmErr) != msgProxyInvalidArg {
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

// emptyProxyPassword refuses an add without a password before anything is sent.
func emptyProxyPassword(userID string) error {
	e := errorf(http.MethodPost, imProxyUsersPath, "the password of proxy user %q is empty", userID)
	e.Product = ProductIM
	return e
}
