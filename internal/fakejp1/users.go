package fakejp1

import "slices"

// JP1/IM permissions (JP1 resource group "*").
const (
	PermConsoleAdmin    = "JP1_Console_Admin"
	PermConsoleOperator = "JP1_Console_Operator"
	PermConsoleUser     = "JP1_Console_User"
)

// Default users of a new server. The passwords are test fixtures, not secrets.
const (
	IMAdminUser        = "jp1admin"
	IMAdminPassword    = "jp1admin-password"
	IMOperatorUser     = "jp1operator"
	IMOperatorPassword = "jp1operator-password"
	IMUserUser         = "jp1user"
	IMUserPassword     = "jp1user-password"

	AnalyticsAdminUser     = "system"
	AnalyticsAdminPassword = "manager"
	AnalyticsUserUser      = "oauser"
	AnalyticsUserPassword  = "oauser-password"
)

// imUser is a JP1 user; its permissions apply to resource group "*".
type imUser struct {
	password    string
	permissions []string
}

func (u imUser) has(anyOf ...string) bool {
	for _, p := range anyOf {
		if slices.Contains(u.permissions, p) {
			return true
		}
	}
	return false
}

// analyticsUser is an Operations Analytics user; admin is the Admin permission.
type analyticsUser struct {
	password string
	admin    bool
}

func (s *Server) addDefaultUsers() {
	s.imUsers[IMAdminUser] = imUser{IMAdminPassword, []string{PermConsoleAdmin}}
	s.imUsers[IMOperatorUser] = imUser{IMOperatorPassword, []string{PermConsoleOperator}}
	s.imUsers[IMUserUser] = imUser{IMUserPassword, []string{PermConsoleUser}}
	s.analyticsUsers[AnalyticsAdminUser] = analyticsUser{AnalyticsAdminPassword, true}
	s.analyticsUsers[AnalyticsUserUser] = analyticsUser{AnalyticsUserPassword, false}
}

// AddIMUser adds or replaces a JP1 user with permissions on resource group "*".
// A user without permissions exists but cannot log in (403 KAJY52004-E).
func (s *Server) AddIMUser(user, password string, permissions ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.imUsers[user] = imUser{password, slices.Clone(permissions)}
}

// AddAnalyticsUser adds or replaces an Operations Analytics user.
func (s *Server) AddAnalyticsUser(user, password string, admin bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.analyticsUsers[user] = analyticsUser{password, admin}
}
