package fakejp1

import (
	"net/http"
	"sort"
	"strings"
)

// API paths, as they appear in endpoint keys.
const (
	pathIMLogin              = "/im/api/v1/login"
	pathIMLogout             = "/im/api/v1/logout"
	pathIMVersion            = "/im/api/version"
	pathIMGenerate           = "/im/api/v1/secret/client/generateInfo"
	pathIMList               = "/im/api/v1/secret/client/list"
	pathIMDelete             = "/im/api/v1/secret/client/deleteInfo"
	pathIMProxyUsers         = "/im/api/v1/proxyUsers"
	pathIMLowerManagers      = "/im/api/v1/subManagers"
	pathIMSubCreate          = "/im/api/v1/subManagers/createInfo"
	pathIMSubDelete          = "/im/api/v1/subManagers/deleteInfo"
	pathAnalyticsCredentials = "/Analytics/v1/objects/Credentials"
	pathAnalyticsCredential  = "/Analytics/v1/objects/Credentials/{id}"
	pathAnalyticsVersion     = "/Analytics/v1/configuration/version"
	wildcardID               = "{id}"
)

// route is one API operation. A tiny table router is used instead of
// http.ServeMux because the fake needs the matched pattern for counting before
// serving, and its own JSON 404/405 bodies.
type route struct {
	method  string
	pattern string
	segs    []string
	handler http.HandlerFunc
}

func (s *Server) buildRoutes() []route {
	rs := []route{
		{method: http.MethodPost, pattern: pathIMLogin, handler: s.handleIMLogin},
		{method: http.MethodPost, pattern: pathIMLogout, handler: s.handleIMLogout},
		{method: http.MethodGet, pattern: pathIMVersion, handler: s.handleIMVersion},
		{method: http.MethodPost, pattern: pathIMGenerate, handler: s.handleIMGenerate},
		{method: http.MethodGet, pattern: pathIMList, handler: s.handleIMList},
		{method: http.MethodPost, pattern: pathIMDelete, handler: s.handleIMDelete},
		{method: http.MethodPost, pattern: pathIMProxyUsers, handler: s.handleProxyUsers},
		{method: http.MethodGet, pattern: pathIMLowerManagers, handler: s.handleLowerManagersList},
		{method: http.MethodPost, pattern: pathIMSubCreate, handler: s.handleLowerManagersCreate},
		{method: http.MethodPost, pattern: pathIMSubDelete, handler: s.handleLowerManagersDelete},
		{method: http.MethodGet, pattern: pathAnalyticsCredentials, handler: s.handleAnalyticsList},
		{method: http.MethodPost, pattern: pathAnalyticsCredentials, handler: s.handleAnalyticsCreate},
		{method: http.MethodGet, pattern: pathAnalyticsCredential, handler: s.handleAnalyticsGet},
		{method: http.MethodPut, pattern: pathAnalyticsCredential, handler: s.handleAnalyticsUpdate},
		{method: http.MethodDelete, pattern: pathAnalyticsCredential, handler: s.handleAnalyticsDelete},
		{method: http.MethodGet, pattern: pathAnalyticsVersion, handler: s.handleAnalyticsVersion},
	}
	for i := range rs {
		rs[i].segs = strings.Split(rs[i].pattern, "/")
	}
	return rs
}

// match finds the route for method and path. pathKnown reports whether any
// route serves the path, so that a wrong method gets 405 rather than 404.
func (s *Server) match(method, p string) (rt *route, pathKnown bool, id string) {
	segs := strings.Split(p, "/")
	for i := range s.routes {
		v, ok := matchSegments(s.routes[i].segs, segs)
		if !ok {
			continue
		}
		pathKnown = true
		if s.routes[i].method == method {
			return &s.routes[i], true, v
		}
	}
	return nil, pathKnown, ""
}

// matchSegments matches a pattern split on "/" against a path split on "/",
// returning the value of the {id} wildcard if there is one.
func matchSegments(pattern, segs []string) (string, bool) {
	if len(pattern) != len(segs) {
		return "", false
	}
	id := ""
	for i, ps := range pattern {
		switch {
		case ps == wildcardID && segs[i] != "":
			id = segs[i]
		case ps != segs[i]:
			return "", false
		}
	}
	return id, true
}

// allowedMethods lists the methods served at a path, for the Allow header.
func (s *Server) allowedMethods(p string) string {
	segs := strings.Split(p, "/")
	var ms []string
	for _, rt := range s.routes {
		if _, ok := matchSegments(rt.segs, segs); ok {
			ms = append(ms, rt.method)
		}
	}
	sort.Strings(ms)
	return strings.Join(ms, ", ")
}
