package jp1api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const (
	imIssuePath  = "/im/api/v1/secret/client/generateInfo"
	imListPath   = "/im/api/v1/secret/client/list"
	imDeletePath = "/im/api/v1/secret/client/deleteInfo"

	msgAlreadyRegistered = "KAJY68004-E"
	msgDeleteFailed      = "KAJY68007-E"
)

// IssuedSecret is the answer to an issue: the secret is returned only here.
type IssuedSecret struct{ ClientSecret, LastUpdateTime string }

// IssueClientSecret registers clientID and returns its new secret.
//
// The issue is a create: it is retried only when the server did not process
// it, or when an attempt's answer was lost. KAJY68004-E (already registered)
// with no lost answer before it is an error: the ID was someone else's. After
// a lost answer it means our lost attempt registered the ID and its secret is
// gone: the ID is deleted and issued again, as often as answers keep getting
// lost, for at most as many rounds as the retry budget has attempts. When the
// budget runs out the error says the ID may be registered (MayHaveCreated).
//
// Before the first attempt the IDs are listed (from the per-process cache when
// it is fresh): an ID that JP1 lists in another case is refused (caseTwin).
// An ID listed exactly is left to JP1, which answers KAJY68004-E. A success is
// recorded in the cached list, so N issues cost one list.
func (c *IMClient) IssueClientSecret(ctx context.Context, clientID string) (*IssuedSecret, error) {
	ids, err := c.clients.getOwn(ctx, c.fetchClientIDs)
	if err != nil {
		return nil, err
	}
	if twin, ok := caseTwin(ids, clientID); ok {
		return nil, caseTwinError(imIssuePath, "client ID", clientID, twin,
			"issuing it would then reach the client of that ID, whose secret JP1 cannot return")
	}
	lost := false // an attempt of ours may have registered the ID
	for round := 1; ; round++ {
		s, cl, err := c.issue(ctx, clientID)
		lost = lost || cl.possiblyProcessed
		if err == nil {
			c.clients.update(clientID, true)
			return s, nil
		}
		if MessageID(err) != msgAlreadyRegistered || !lost || round >= c.h.maxAttempts {
			c.clients.invalidate()
			return nil, issueHint(err, lost, clientID)
		}
		tflog.Debug(ctx, "JP1 API: the answer to an earlier attempt to issue the client secret was lost; deleting the client ID and issuing again",
			map[string]any{"path": imIssuePath, "round": round})
		if derr := c.deleteClientSecret(ctx, clientID); derr != nil {
			var e *APIError
			if errors.As(derr, &e) {
				e.MayHaveCreated = true // our lost attempt registered the ID, and it may still be there
			}
			c.clients.invalidate()
			return nil, fmt.Errorf("recovering the lost answer of %s %s: %w", http.MethodPost, imIssuePath, derr)
		}
	}
}

func (c *IMClient) issue(ctx context.Context, clientID string) (*IssuedSecret, *call, error) {
	body := struct {
		ClientID string `json:"clientId"`
	}{clientID}
	var out struct {
		ClientSecret   flexString `json:"clientSecret"`
		LastUpdateTime flexString `json:"lastUpdateTime"`
	}
	cl, _, err := c.do(ctx, &request{method: http.MethodPost, path: imIssuePath, body: body, kind: kindCreate,
		decode: answer(&out, func() error {
			if out.ClientSecret == "" {
				return errors.New("the answer has no clientSecret")
			}
			return nil
		})})
	if err != nil {
		return nil, cl, err
	}
	return &IssuedSecret{ClientSecret: string(out.ClientSecret), LastUpdateTime: string(out.LastUpdateTime)}, cl, nil
}

func issueHint(err error, lost bool, clientID string) error {
	var e *APIError
	if !errors.As(err, &e) {
		return err
	}
	switch {
	case lost:
		e.MayHaveCreated = true
		e.Hint = joinHints(e.Hint, fmt.Sprintf("an answer of the manager was lost, so the client ID %q may be registered now, with a secret nobody received", clientID))
	case e.MessageID == msgAlreadyRegistered:
		e.Cause, e.Existing = CauseAlreadyExists, clientID
		e.Hint = fmt.Sprintf("the client ID %q is already registered, and JP1 cannot return its secret", clientID)
	}
	return err
}

// ListClientIDs returns the registered client IDs (system IDs included),
// served from the shared list cache.
func (c *IMClient) ListClientIDs(ctx context.Context) ([]string, error) {
	return c.clients.get(ctx, c.fetchClientIDs)
}

// fetchClientIDs is GET /im/api/v1/secret/client/list, bypassing the cache.
func (c *IMClient) fetchClientIDs(ctx context.Context) ([]string, error) {
	var ids []string
	if _, _, err := c.do(ctx, &request{method: http.MethodGet, path: imListPath,
		decode: imListAnswer("clientIds", &ids)}); err != nil {
		return nil, err
	}
	return ids, nil
}

// DeleteClientSecret deletes one client ID. On KAJY68007-E (used for both "DB
// error" and "not registered") the IDs are listed afresh: an absent ID counts
// as deleted; a still-listed one is a DB error, retried a few times.
// A success is recorded in the cached list.
func (c *IMClient) DeleteClientSecret(ctx context.Context, clientID string) error {
	if err := c.deleteClientSecret(ctx, clientID); err != nil {
		c.clients.invalidate()
		return err
	}
	c.clients.update(clientID, false)
	return nil
}

func (c *IMClient) deleteClientSecret(ctx context.Context, clientID string) error {
	body := struct {
		ClientIDs []string `json:"clientIds"`
	}{[]string{clientID}}
	var listErr error
	_, _, err := c.do(ctx, &request{method: http.MethodPost, path: imDeletePath, body: body,
		onServerError: func(ctx context.Context, _ int, id string) verdict {
			if id != msgDeleteFailed {
				return verdictDefault
			}
			ids, err := c.fetchClientIDs(ctx)
			if err != nil {
				listErr = err
				return verdictStop
			}
			if !slices.Contains(ids, clientID) {
				return verdictDone
			}
			return verdictRetry
		}})
	if err != nil && MessageID(err) == msgDeleteFailed {
		var e *APIError
		if errors.As(err, &e) {
			if listErr != nil {
				e.Hint = "listing the client IDs to check the deletion failed too: " + strings.TrimSuffix(listErr.Error(), ".")
			} else {
				e.Hint = "the client ID is still registered: the manager reported a database error; try again later"
			}
		}
	}
	return err
}
