package jp1api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

const (
	imLowerManagersPath = "/im/api/v1/subManagers"
	imSubCreatePath     = "/im/api/v1/subManagers/createInfo"
	imSubDeletePath     = "/im/api/v1/subManagers/deleteInfo"

	msgSubInvalidParam = "KAJY68012-E"
	msgSubUnknownHost  = "KAJY68013-E"

	hintSubPermission = "the JP1 user needs JP1_Console_Admin on JP1 resource group '*' to manage lower managers"
)

// ListLowerManagers returns the host names of the lower managers this
// (integration) manager lists, served from the shared list cache.
func (c *IMClient) ListLowerManagers(ctx context.Context) ([]string, error) {
	return c.lowerManagers.get(ctx, c.fetchLowerManagers)
}

// fetchLowerManagers is GET /im/api/v1/subManagers, bypassing the cache. An
// answer without the subManagers list is an error, never "no lower managers":
// Read would otherwise forget every lower manager in state.
func (c *IMClient) fetchLowerManagers(ctx context.Context) ([]string, error) {
	var hosts []string
	if _, _, err := c.do(ctx, &request{method: http.MethodGet, path: imLowerManagersPath,
		decode: imListAnswer("subManagers", &hosts)}); err != nil {
		return nil, err
	}
	return hosts, nil
}

// RegisterLowerManager adds host as a lower manager with the initial secret
// it was set up with. createInfo is an upsert on JP1, so a host that JP1
// already lists is refused (with an import hint) instead of having its secret
// silently replaced. The list comes from the shared cache; a retry of our own
// createInfo after a lost answer is not a conflict (the check precedes the
// first attempt). When every attempt lost its answer the error reports
// MayHaveCreated: the host may be registered now.
func (c *IMClient) RegisterLowerManager(ctx context.Context, host, initialSecret string) error {
	hosts, err := c.ListLowerManagers(ctx)
	if err != nil {
		return err
	}
	if slices.Contains(hosts, host) {
		return &APIError{Method: http.MethodPost, Endpoint: imSubCreatePath, Product: ProductIM, Cause: CauseAlreadyExists, Existing: host,
			Message: fmt.Sprintf("the lower manager %q is already registered on this manager (createInfo was not sent: it would replace the initial secret the lower manager was added with)", host)}
	}
	if twin, ok := caseTwin(hosts, host); ok {
		return caseTwinError(imSubCreatePath, "lower manager", host, twin,
			"createInfo would then replace the initial secret of that lower manager")
	}
	return c.sendLowerManager(ctx, host, initialSecret, true)
}

// SetLowerManagerSecret sends createInfo again for a registered lower manager
// (a new initial secret); JP1 replaces the one it has.
func (c *IMClient) SetLowerManagerSecret(ctx context.Context, host, initialSecret string) error {
	return c.sendLowerManager(ctx, host, initialSecret, false)
}

// sendLowerManager is POST /im/api/v1/subManagers/createInfo; creating says
// whether the host is new (so a lost answer may have registered it).
func (c *IMClient) sendLowerManager(ctx context.Context, host, initialSecret string, creating bool) error {
	if initialSecret == "" {
		e := errorf(http.MethodPost, imSubCreatePath, "the initial secret of lower manager %q is empty", host)
		e.Product = ProductIM
		return e
	}
	defer c.lowerManagers.invalidate()
	body := struct {
		Hostname      string `json:"hostname"`
		InitialSecret string `json:"initialsecret"`
	}{host, initialSecret}
	cl, _, err := c.do(ctx, &request{method: http.MethodPost, path: imSubCreatePath, body: body, kind: kindUpsert,
		secrets: []string{initialSecret}})
	if err == nil {
		return nil
	}
	var e *APIError
	switch {
	case !errors.As(err, &e) || cl == nil || !cl.possiblyProcessed:
	case creating:
		e.MayHaveCreated = true
		e.Hint = joinHints(e.Hint, fmt.Sprintf("a request whose answer was lost may have reached the manager, so the lower manager %q may be registered now", host))
	default:
		e.Hint = joinHints(e.Hint, "a request whose answer was lost may have reached the manager, so it may hold the new initial secret already; the next apply sends it again")
	}
	return err
}

// LowerManagerDeleted is what JP1 said about a delete it completed.
type LowerManagerDeleted struct {
	// Unreached is set when JP1 could not reach the lower manager (errhostlist):
	// the integration manager forgot it, but the MANAGER_INTEGRATED_ ID that it
	// registered there may remain on the lower manager.
	Unreached bool
	// Messages are JP1's warnings, "messageId: message".
	Messages []string
	// AnswerLost is set when the answer of an attempt was lost and a later
	// one found the host gone: JP1 deleted it, but whether it reached the
	// lower manager (or warned as with Unreached) is unknown.
	AnswerLost bool
}

// DeleteLowerManager removes host from the integration manager. A 200 with
// errhostlist (KAJY68204-W: the lower manager could not be reached) is a
// completed delete whose warnings are returned. KAJY68013-E (JP1 does not know
// the host, also what a retry after a lost answer meets) is confirmed by a
// fresh list: an absent host counts as deleted (AnswerLost after a lost answer).
func (c *IMClient) DeleteLowerManager(ctx context.Context, host string) (*LowerManagerDeleted, error) {
	body := struct {
		LowerManagers []string `json:"subManagers"`
	}{[]string{host}}
	var out deleteAnswer
	cl, _, delErr := c.do(ctx, &request{method: http.MethodPost, path: imSubDeletePath, body: body, decode: out.decode})
	gen := c.lowerManagers.invalidate()
	if delErr == nil {
		return out.deleted(cl.secrets()), nil
	}
	if MessageID(delErr) != msgSubUnknownHost {
		return nil, delErr
	}
	hosts, err := c.fetchLowerManagers(ctx)
	if err != nil {
		var e *APIError
		if errors.As(delErr, &e) {
			e.Hint = "listing the lower managers to check the deletion failed too: " + strings.TrimSuffix(err.Error(), ".")
		}
		return nil, delErr
	}
	c.lowerManagers.storeIf(gen, hosts) // listed after the write: fresh
	if slices.Contains(hosts, host) {
		return nil, delErr
	}
	return &LowerManagerDeleted{AnswerLost: cl != nil && cl.possiblyProcessed}, nil
}

// deleteAnswer is the answer of a deleteInfo that succeeded: empty, or
// {"errhostlist": [...], "messageList": [{"messageId", "message"}]}.
type deleteAnswer struct {
	ErrHostList []string `json:"errhostlist"`
	MessageList []struct {
		MessageID flexString `json:"messageId"`
		Message   flexString `json:"message"`
	} `json:"messageList"`
}

func (a *deleteAnswer) decode(data []byte) error {
	*a = deleteAnswer{}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	return answer(a, nil)(data)
}

// deleted returns what JP1 said. Its warnings are server text, judged like
// any other (a front end may repeat the request's Authorization header in
// them): a message that may reveal one of the call's secrets is withheld
// whole, its messageId shown as shownMessageID says.
func (a *deleteAnswer) deleted(secrets []string) *LowerManagerDeleted {
	d := &LowerManagerDeleted{Unreached: len(a.ErrHostList) > 0}
	for _, m := range a.MessageList {
		text := strings.TrimSpace(string(m.Message))
		if text != "" {
			text = excerpt([]byte(serverText(text, secrets, withheldMessage)), maxErrorBody)
		}
		if id := shownMessageID(string(m.MessageID), secrets); id != "" {
			text = strings.TrimSpace(id + ": " + text)
		}
		if text != "" {
			d.Messages = append(d.Messages, text)
		}
	}
	return d
}

// lowerManagerHint is the remedy of a lower-manager error, when one is known.
func lowerManagerHint(e *APIError) string {
	switch e.MessageID {
	case "KAJY01000-E":
		return hintSubPermission
	case msgSubInvalidParam:
		return "JP1 refused the host name or the initial secret: a host name has 1 to 255 characters, an initial secret 1 to 1024 printable ASCII characters"
	case msgSubUnknownHost:
		return "JP1 does not know this lower manager, yet still lists it: try again later"
	case "KAJY68203-E", "KAJY68017-E":
		return "the manager could not update its lower manager definition: check the manager and try again"
	}
	return ""
}
