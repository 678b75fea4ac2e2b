package fakejp1

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestLowerManagers(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	for _, h := range []string{"hostB", "hostA"} {
		c.do(http.MethodPost, "/im/api/v1/subManagers/createInfo", authIMAdmin,
			map[string]string{"hostname": h, "initialsecret": "secret " + h}).wantStatus(t, http.StatusOK)
	}
	// Upsert.
	c.do(http.MethodPost, "/im/api/v1/subManagers/createInfo", authIMAdmin,
		map[string]string{"hostname": "hostA", "initialsecret": "new"}).wantStatus(t, http.StatusOK)
	if sec, _ := s.LowerManagerSecret("hostA"); sec != "new" {
		t.Errorf("secret = %q", sec)
	}
	var list struct {
		LowerManagers []string `json:"subManagers"`
	}
	c.do(http.MethodGet, "/im/api/v1/subManagers", authIMAdmin, nil).decode(t, &list)
	if !slices.Equal(list.LowerManagers, []string{"hostA", "hostB"}) {
		t.Errorf("list = %v", list.LowerManagers)
	}

	r := c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string][]string{"subManagers": {"hostA"}})
	r.wantStatus(t, http.StatusOK)
	if len(r.body) != 0 {
		t.Errorf("body = %s", r.body)
	}
	// An unknown host fails the whole call: nothing is deleted.
	c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string][]string{"subManagers": {"hostB", "ghost"}}).
		wantIMError(t, http.StatusBadRequest, msgSubUnknownHost, 0)
	if !slices.Equal(s.LowerManagers(), []string{"hostB"}) {
		t.Errorf("a refused delete changed the list: %v", s.LowerManagers())
	}
	if s.Count("POST /im/api/v1/subManagers/deleteInfo") != 2 || s.Count("POST /im/api/v1/subManagers/createInfo") != 3 {
		t.Errorf("counts = %v", s.Counts())
	}
}

// An unreachable lower manager is deleted all the same; the answer is 200 with
// errhostlist and KAJY68204-W, and the mark outlives the registration.
func TestLowerManagersUnreachable(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.PutLowerManager("hostA", "s")
	s.PutLowerManager("hostB", "s")
	s.SetLowerManagerUnreachable("hostB", true)
	r := c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string][]string{"subManagers": {"hostA", "hostB"}})
	r.wantStatus(t, http.StatusOK)
	var warn struct {
		ErrHostList []string     `json:"errhostlist"`
		MessageList []subMessage `json:"messageList"`
	}
	r.decode(t, &warn)
	if !slices.Equal(warn.ErrHostList, []string{"hostB"}) || len(warn.MessageList) != 1 || warn.MessageList[0].MessageID != msgSubUnreachable ||
		!strings.Contains(warn.MessageList[0].Message, "hostB") {
		t.Errorf("warning answer = %s", r.body)
	}
	if len(s.LowerManagers()) != 0 {
		t.Errorf("left: %v", s.LowerManagers())
	}
	// Registered again, still unreachable; then reachable again.
	s.PutLowerManager("hostB", "s")
	r = c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string][]string{"subManagers": {"hostB"}})
	if r.decode(t, &warn); !slices.Equal(warn.ErrHostList, []string{"hostB"}) {
		t.Errorf("second delete = %s", r.body)
	}
	s.PutLowerManager("hostB", "s")
	c.do(http.MethodPost, "/_fake/lower-manager-unreachable", "", map[string]any{"host": "hostB", "unreachable": false}).
		wantStatus(t, http.StatusNoContent)
	r = c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string][]string{"subManagers": {"hostB"}})
	if r.wantStatus(t, http.StatusOK); len(r.body) != 0 {
		t.Errorf("delete of a reachable host = %s", r.body)
	}
	for _, body := range []any{map[string]any{"host": "h"}, map[string]any{"unreachable": true}, "{"} {
		c.do(http.MethodPost, "/_fake/lower-manager-unreachable", "", body).wantStatus(t, http.StatusBadRequest)
	}
}

func TestLowerManagersValidationAndPermissions(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	for name, body := range map[string]any{
		"no hostname":       map[string]string{"initialsecret": "s"},
		"hostname too long": map[string]string{"hostname": strings.Repeat("h", 256), "initialsecret": "s"},
		"no secret":         map[string]string{"hostname": "h"},
		"secret too long":   map[string]string{"hostname": "h", "initialsecret": strings.Repeat("s", 1025)},
		"secret not ASCII":  map[string]string{"hostname": "h", "initialsecret": "秘密"},
		"secret with tab":   map[string]string{"hostname": "h", "initialsecret": "a\tb"},
		"malformed":         "{",
		"initialSecret":     map[string]string{"hostname": "h", "initialSecret": "s"},
		"unknown member":    map[string]string{"hostname": "h", "initialsecret": "s", "port": "20306"},
	} {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPost, "/im/api/v1/subManagers/createInfo", authIMAdmin, body).
				wantIMError(t, http.StatusBadRequest, msgSubInvalidParam, 0)
		})
	}
	c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string][]string{"subManagers": {}}).
		wantIMError(t, http.StatusBadRequest, msgSubInvalidParam, 0)
	c.do(http.MethodGet, "/im/api/v1/subManagers", authIMOperator, nil).wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
	c.do(http.MethodPost, "/im/api/v1/subManagers/createInfo", authIMOperator,
		map[string]string{"hostname": "h", "initialsecret": "s"}).wantIMError(t, http.StatusForbidden, msgIMNoPermission, 0)
	if len(s.LowerManagers()) != 0 {
		t.Errorf("refused calls changed state: %v", s.LowerManagers())
	}
}
