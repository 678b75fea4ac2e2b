package fakejp1

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestSubManagers(t *testing.T) {
	s, c := newTestServer(t)
	for _, h := range []string{"hostB", "hostA"} {
		c.do(http.MethodPost, "/im/api/v1/subManagers/createInfo", authIMAdmin,
			map[string]string{"hostname": h, "initialsecret": "secret " + h}).wantStatus(t, http.StatusOK)
	}
	// Upsert.
	c.do(http.MethodPost, "/im/api/v1/subManagers/createInfo", authIMAdmin,
		map[string]string{"hostname": "hostA", "initialsecret": "new"}).wantStatus(t, http.StatusOK)
	if sec, _ := s.SubManagerSecret("hostA"); sec != "new" {
		t.Errorf("secret = %q", sec)
	}
	var list struct {
		SubManagers []string `json:"subManagers"`
	}
	c.do(http.MethodGet, "/im/api/v1/subManagers", authIMAdmin, nil).decode(t, &list)
	if !slices.Equal(list.SubManagers, []string{"hostA", "hostB"}) {
		t.Errorf("list = %v", list.SubManagers)
	}

	r := c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string][]string{"subManagers": {"hostA"}})
	r.wantStatus(t, http.StatusOK)
	if len(r.body) != 0 {
		t.Errorf("body = %s", r.body)
	}
	// Unknown hosts: 200 with warnings; known ones are still deleted.
	r = c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string][]string{"subManagers": {"hostB", "ghost"}})
	r.wantStatus(t, http.StatusOK)
	var warn struct {
		ErrHostList []string     `json:"errhostlist"`
		MessageList []subMessage `json:"messageList"`
	}
	r.decode(t, &warn)
	if !slices.Equal(warn.ErrHostList, []string{"ghost"}) || len(warn.MessageList) != 1 || warn.MessageList[0].MessageID != msgSubNotRegistered {
		t.Errorf("warning answer = %s", r.body)
	}
	if len(s.SubManagers()) != 0 {
		t.Errorf("left: %v", s.SubManagers())
	}
}

func TestSubManagersValidationAndPermissions(t *testing.T) {
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
	if len(s.SubManagers()) != 0 {
		t.Errorf("refused calls changed state: %v", s.SubManagers())
	}
}
