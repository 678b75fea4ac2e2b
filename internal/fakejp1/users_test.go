package fakejp1

import (
	"net/http"
	"testing"
)

func TestDefaultUsers(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	for _, u := range []struct {
		user, password string
		perm           string
	}{
		{IMAdminUser, IMAdminPassword, PermConsoleAdmin},
		{IMOperatorUser, IMOperatorPassword, PermConsoleOperator},
		{IMUserUser, IMUserPassword, PermConsoleUser},
	} {
		r := c.do(http.MethodPost, "/im/api/v1/login", "", map[string]string{"user": u.user, "password": u.password})
		var lr loginResponse
		r.decode(t, &lr)
		if r.status != http.StatusOK || len(lr.Permissions) != 1 || lr.Permissions[0] != u.perm {
			t.Errorf("%s: %d %s", u.user, r.status, r.body)
		}
	}
	c.do(http.MethodGet, pathCreds, basic(AnalyticsAdminUser, AnalyticsAdminPassword), nil).wantStatus(t, http.StatusOK)
	c.do(http.MethodGet, pathCreds, basic(AnalyticsUserUser, AnalyticsUserPassword), nil).wantStatus(t, http.StatusForbidden)
	if IMAdminUser != "jp1admin" || IMAdminPassword != "jp1admin-password" || AnalyticsAdminUser != "system" || AnalyticsAdminPassword != "manager" {
		t.Error("the documented default credentials changed")
	}
}

func TestIMUserHas(t *testing.T) {
	t.Parallel()
	u := imUser{permissions: []string{PermConsoleOperator}}
	if !u.has(PermConsoleAdmin, PermConsoleOperator) || u.has(PermConsoleAdmin) || u.has() {
		t.Error("has() must match any of the given permissions")
	}
}
