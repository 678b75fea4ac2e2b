package fakejp1

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	pathGenerate = "/im/api/v1/secret/client/generateInfo"
	pathDelete   = "/im/api/v1/secret/client/deleteInfo"
)

func TestIMClientIssue(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	r := c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": "oss-tool"})
	r.wantStatus(t, http.StatusOK)
	var got struct {
		ClientSecret   string `json:"clientSecret"`
		LastUpdateTime string `json:"lastUpdateTime"`
	}
	r.decode(t, &got)
	raw, err := base64.RawURLEncoding.DecodeString(got.ClientSecret)
	if err != nil || len(raw) != 32 || len(got.ClientSecret) != 43 {
		t.Errorf("secret %q: want 32 random bytes as 43 base64url characters (err %v)", got.ClientSecret, err)
	}
	ts, err := time.Parse(lastUpdateTimeLayout, got.LastUpdateTime)
	if err != nil || !strings.HasSuffix(got.LastUpdateTime, "Z") || time.Since(ts) > time.Minute {
		t.Errorf("lastUpdateTime %q: want recent UTC ISO 8601 (err %v)", got.LastUpdateTime, err)
	}
	if sec, ok := s.IMClientSecret("oss-tool"); !ok || sec != got.ClientSecret {
		t.Errorf("stored secret = %q, %v", sec, ok)
	}

	// Already registered: 400 KAJY68004-E and nothing is overwritten.
	c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": "oss-tool"}).
		wantIMError(t, http.StatusBadRequest, msgClientExists, 0)
	if sec, _ := s.IMClientSecret("oss-tool"); sec != got.ClientSecret {
		t.Error("re-issue overwrote the secret")
	}
}

func TestIMClientIDValidation(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	valid := []string{"a", strings.Repeat("x", maxClientIDLen), "with space", "~!@#$%^&*()", "agent_lower", "MANAGERX"}
	for _, id := range valid {
		c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": id}).wantStatus(t, http.StatusOK)
	}
	invalid := map[string]string{
		"empty":              "",
		"too long":           strings.Repeat("x", maxClientIDLen+1),
		"colon":              "a:b",
		"control character":  "a\tb",
		"DEL":                "a\x7fb",
		"non-ASCII":          "ｃｌｉｅｎｔ",
		"AGENT_ prefix":      "AGENT_x",
		"MANAGER_ prefix":    "MANAGER_x",
		"MANAGER_INTEGRATED": "MANAGER_INTEGRATED_host1",
	}
	for name, id := range invalid {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": id}).
				wantIMError(t, http.StatusBadRequest, msgClientInvalidParam, 0)
		})
	}
	for name, body := range map[string]string{
		"missing": "{}", "wrong type": `{"clientId": 7}`, "malformed": "{",
		// Member names are matched exactly, as JP1 does.
		"clientID": `{"clientID": "c1"}`, "unknown member": `{"clientId": "c1", "clientSecret": "s"}`,
	} {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPost, pathGenerate, authIMAdmin, body).wantIMError(t, http.StatusBadRequest, msgClientInvalidParam, 0)
		})
	}
}

func TestIMClientListAndDelete(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.PutIMClient("MANAGER_INTEGRATED_host1") // a system ID, registered out of band
	for _, id := range []string{"b", "a", "c"} {
		c.do(http.MethodPost, pathGenerate, authIMAdmin, map[string]string{"clientId": id}).wantStatus(t, http.StatusOK)
	}
	var list struct {
		ClientIDs []string `json:"clientIds"`
	}
	c.do(http.MethodGet, pathList, authIMAdmin, nil).decode(t, &list)
	if want := []string{"MANAGER_INTEGRATED_host1", "a", "b", "c"}; !slices.Equal(list.ClientIDs, want) {
		t.Errorf("list = %v, want %v", list.ClientIDs, want)
	}

	r := c.do(http.MethodPost, pathDelete, authIMAdmin, map[string][]string{"clientIds": {"a"}})
	r.wantStatus(t, http.StatusOK)
	if len(r.body) != 0 {
		t.Errorf("delete body = %q, want empty", r.body)
	}
	// All-or-nothing: "b" is kept because "a" is gone.
	c.do(http.MethodPost, pathDelete, authIMAdmin, map[string][]string{"clientIds": {"b", "a"}}).
		wantIMError(t, http.StatusInternalServerError, msgClientDeleteFailed, rcClientDeleteDB)
	if _, ok := s.IMClientSecret("b"); !ok {
		t.Error("a failed multi-ID delete removed an ID")
	}
	c.do(http.MethodPost, pathDelete, authIMAdmin, map[string][]string{"clientIds": {"b", "MANAGER_INTEGRATED_host1"}}).
		wantStatus(t, http.StatusOK)
	if got := s.IMClientIDs(); !slices.Equal(got, []string{"c"}) {
		t.Errorf("after deletes: %v", got)
	}
}

func TestIMClientDeleteValidation(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.PutIMClient("AGENT_x")
	s.PutIMClient("MANAGER_x")
	for name, body := range map[string]any{
		"empty list":         map[string][]string{"clientIds": {}},
		"missing":            "{}",
		"malformed":          `{"clientIds": "a"}`,
		"AGENT_":             map[string][]string{"clientIds": {"AGENT_x"}},
		"MANAGER_":           map[string][]string{"clientIds": {"MANAGER_x"}},
		"MANAGER_INTEGRATED": map[string][]string{"clientIds": {"MANAGER_INTEGRATED_"}},
		"colon":              map[string][]string{"clientIds": {"a:b"}},
		"clientIDs":          map[string][]string{"clientIDs": {"AGENT_x"}},
		"unknown member":     `{"clientIds": ["MANAGER_x"], "force": true}`,
	} {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPost, pathDelete, authIMAdmin, body).wantIMError(t, http.StatusBadRequest, msgClientInvalidParam, 0)
		})
	}
	if len(s.IMClientIDs()) != 2 {
		t.Errorf("invalid deletes removed IDs: %v", s.IMClientIDs())
	}
}

func TestIMClientPermissions(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.PutIMClient("x")
	for name, auth := range map[string]string{"operator": authIMOperator, "user": authIMUser} {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPost, pathGenerate, auth, map[string]string{"clientId": "y"}).
				wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
			c.do(http.MethodGet, pathList, auth, nil).wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
			c.do(http.MethodPost, pathDelete, auth, map[string][]string{"clientIds": {"x"}}).
				wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
		})
	}
	if !slices.Equal(s.IMClientIDs(), []string{"x"}) {
		t.Errorf("forbidden calls changed state: %v", s.IMClientIDs())
	}
	// Bearer tokens carry the same permissions.
	c.do(http.MethodGet, pathList, c.login(IMOperatorUser, IMOperatorPassword), nil).
		wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
}

func TestIMClientListEmptyIsArray(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	r := c.do(http.MethodGet, pathList, authIMAdmin, nil)
	if string(r.body) != `{"clientIds":[]}` {
		t.Errorf("empty list = %s", r.body)
	}
}
