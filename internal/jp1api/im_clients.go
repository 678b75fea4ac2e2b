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
// it. KAJY68004-E (already registered) on the first attempt is an error that
// suggests `terraform import`; on a retry that follows a possibly processed
// attempt, it means that attempt registered the ID and its secret is lost: the
// ID is deleted and issued once more.
func (c *IMClient) IssueClientSecret(ctx context.Context, clientID string) (*IssuedSecret, error) {
	defer c.clients.invalidate()
	s, cl, err := c.issue(ctx, clientID)
	if err != nil && MessageID(err) == msgAlreadyRegistered && cl.possiblyProcessed {
		tflog.Debug(ctx, "JP1 API: the answer to an earlier attempt to issue the client secret was lost; deleting the client ID and issuing again",
			map[string]any{"path": imIssuePath, "attempts": cl.attempts})
		if derr := c.deleteClientSecret(ctx, clientID); derr != nil {
			var e *APIError
			if errors.As(derr, &e) {
				e.MayHaveCreated = true // our lost attempt registered the ID, and it is still there
			}
			return nil, fmt.Errorf("recovering the lost answer of %s %s: %w", http.MethodPost, imIssuePath, derr)
		}
		s, cl, err = c.issue(ctx, clientID)
	}
	if err != nil {
		return nil, issueHint(err, cl, clientID)
	}
	return s, nil
}

func (c *IMClient) issue(ctx context.Context, clientID string) (*IssuedSecret, *call, error) {
	body := struct {
		ClientID string `json:"clientId"`
	}{clientID}
	cl, data, err := c.do(ctx, &request{method: http.MethodPost, path: imIssuePath, body: body, kind: kindCreate})
	if err != nil {
		return nil, cl, err
	}
	var out struct {
		ClientSecret   flexString `json:"clientSecret"`
		LastUpdateTime flexString `json:"lastUpdateTime"`
	}
	if err := decodeJSON(cl, data, &out); err != nil {
		return nil, cl, err
	}
	if out.ClientSecret == "" {
		return nil, cl, &APIError{Method: http.MethodPost, Endpoint: imIssuePath, StatusCode: http.StatusOK, Attempts: cl.attempts,
			Message: "the answer has no clientSecret"}
	}
	return &IssuedSecret{ClientSecret: string(out.ClientSecret), LastUpdateTime: string(out.LastUpdateTime)}, cl, nil
}

func issueHint(err error, cl *call, clientID string) error {
	var e *APIError
	if !errors.As(err, &e) {
		return err
	}
	imp := fmt.Sprintf("terraform import jp1_im_client.%s %s", resourceLabel(clientID), shellQuote(clientID))
	switch {
	case e.MessageID == msgAlreadyRegistered:
		e.Hint = fmt.Sprintf("the client ID %q is already registered (its secret cannot be read back): import it with `%s` and rotate it with `keepers`, or choose another client_id", clientID, imp)
	case cl != nil && cl.possiblyProcessed:
		e.MayHaveCreated = true
		e.Hint = joinHints(e.Hint, fmt.Sprintf("the request may have reached the manager before its answer was lost, so the client ID %q may be registered now, with a secret nobody received", clientID))
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
	cl, data, err := c.do(ctx, &request{method: http.MethodGet, path: imListPath})
	if err != nil {
		return nil, err
	}
	var out struct {
		ClientIDs []string `json:"clientIds"`
	}
	if err := decodeJSON(cl, data, &out); err != nil {
		return nil, err
	}
	if out.ClientIDs == nil {
		out.ClientIDs = []string{}
	}
	return out.ClientIDs, nil
}

// DeleteClientSecret deletes one client ID. On KAJY68007-E (used for both "DB
// error" and "not registered") the IDs are listed afresh: an absent ID counts
// as deleted; a still-listed one is a DB error, retried a few times.
func (c *IMClient) DeleteClientSecret(ctx context.Context, clientID string) error {
	defer c.clients.invalidate()
	return c.deleteClientSecret(ctx, clientID)
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
