package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// JP1's text and the client's hints are joined as sentences: no "..", and a
// capital after every sentence end the provider makes; quoted names and
// JP1's own words keep their case.
func TestErrorDetail_joinsSentences(t *testing.T) {
	intRef := func(n int) *int { return &n }
	for _, tc := range []struct {
		name    string
		err     error
		want    []string
		notWant []string
	}{
		{"JP1's message ends with a period",
			&jp1api.APIError{Method: "POST", Endpoint: "/im/api/v1/login/", Product: jp1api.ProductIM, StatusCode: 403, MessageID: "KAJY52001-E",
				Message: "The user name or password is incorrect.", Attempts: 1,
				Hint: "the manager refused the JP1 user or its password", Cause: jp1api.CauseCredentialsRefused},
			[]string{"is incorrect (after 1 attempt). The manager refused the JP1 user or its password. Check im.username"},
			[]string{".."}},
		{"a hint after the attempts",
			&jp1api.APIError{Method: "POST", Endpoint: "/Analytics/v1/objects/Credentials", StatusCode: 409,
				Message: "Conflict.", Attempts: 1, Hint: `a credential named "linux. servers" already exists`},
			[]string{`Conflict (after 1 attempt). A credential named "linux. servers" already exists`},
			[]string{"). a credential", `"Linux. Servers"`, `"linux. Servers"`}},
		{"joined hints",
			&jp1api.APIError{Method: "POST", Endpoint: "/im/api/v1/proxyUsers", StatusCode: 500, MessageID: "KAJY52014-E",
				ReturnCode: intRef(13), Attempts: 3,
				Hint: `the manager could not update its proxy user definition. an answer of the manager was lost, so proxy user "a. b" may have been added`},
			[]string{`(after 3 attempts). The manager could not update its proxy user definition. An answer of the manager was lost, so proxy user "a. b" may have been added`},
			nil},
		{"a body, not a message",
			&jp1api.APIError{Method: "GET", Endpoint: "/im/api/v1/subManagers", StatusCode: 502, Body: "Bad gateway.", Attempts: 5},
			[]string{"Bad gateway (after 5 attempts)"}, []string{"gateway."}},
		{"wrapped",
			fmt.Errorf("recovering the lost answer of POST /x: %w",
				&jp1api.APIError{Method: "POST", Endpoint: "/im/api/v1/secret/client/deleteInfo", StatusCode: 500,
					MessageID: "KAJY68007-E", Message: "Failed to delete an IM client secret.", Attempts: 2, Hint: "try again later"}),
			[]string{"recovering the lost answer of POST /x: POST /im/api/v1/secret/client/deleteInfo: HTTP 500 KAJY68007-E: Failed to delete an IM client secret (after 2 attempts). Try again later"},
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := errorDetail(tc.err)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("got  %q\nwant %q in it", got, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("got %q, with %q", got, w)
				}
			}
		})
	}
}

// The error of a create whose outcome is unknown says what that resource's
// next apply does, not one story for all.
func TestCreateOutcomeUnknown_saysWhatTheNextApplyDoes(t *testing.T) {
	// A new error each time: the provider shows one error value in full once.
	lostErr := func() error {
		return &jp1api.APIError{Method: "POST", Endpoint: "/x", Attempts: 5, MayHaveCreated: true,
			Err: errors.New("connection reset by peer"), Hint: "an answer of the manager was lost"}
	}
	for _, tc := range []struct {
		name string
		run  func(*diag.Diagnostics) bool
		want []string
	}{
		{"proxy user", func(d *diag.Diagnostics) bool {
			pw := "pw"
			return proxyUserObject.create(context.Background(), d, "u1", &pw, func(context.Context, string, string) error { return lostErr() })
		}, []string{"records the proxy user as tainted", "removes the user if this request added it", "adds it again with the configured password"}},
		{"lower manager", func(d *diag.Diagnostics) bool {
			s := "s"
			return lowerManagerObject.create(context.Background(), d, "h1", &s, func(context.Context, string, string) error { return lostErr() })
		}, []string{"records the lower manager as tainted", "deletes it from the integration manager if this request registered it", "registers it again"}},
		{"IM client", func(d *diag.Diagnostics) bool {
			return addCreateError(d, "Could not issue", lostErr(), imClientPending)
		}, []string{"records the IM client as tainted", "deletes the client ID if this request registered it", "issues it again, with a new secret"}},
		{"analytics credential", func(d *diag.Diagnostics) bool {
			return addCreateError(d, "Could not create", lostErr(), credentialPending)
		}, []string{"records the credential as tainted", "deletes nothing", "adopts a credential of this name and type"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d diag.Diagnostics
			if !tc.run(&d) {
				t.Error("the object is not recorded as pending")
			}
			detail := d.Errors()[0].Detail()
			for _, w := range tc.want {
				if !strings.Contains(detail, w) {
					t.Errorf("detail lacks %q:\n%s", w, detail)
				}
			}
			if strings.Contains(detail, "the next apply removes it from JP1 if this request created it, and creates it again") {
				t.Errorf("the one story for every resource is back:\n%s", detail)
			}
		})
	}
	// The credential is never said to be removed.
	var d diag.Diagnostics
	addCreateError(&d, "Could not create", lostErr(), credentialPending)
	if detail := d.Errors()[0].Detail(); strings.Contains(detail, "removes it") {
		t.Errorf("the credential's error says it is removed:\n%s", detail)
	}
}

// A key JP1 lists in another case: the error names the listed key, and the
// import advice sets the key as JP1 lists it (importing with the configured
// case would be followed by a replacement).
func TestSecretObject_keyListedInAnotherCase(t *testing.T) {
	twin := &jp1api.APIError{Method: "POST", Endpoint: "/im/api/v1/proxyUsers", Cause: jp1api.CauseAlreadyExists,
		Existing: "proxyuser", Message: `proxy user "ProxyUser" is not listed, but "proxyuser" is, which differs only in case (nothing was sent)`}
	var d diag.Diagnostics
	pw := "pw"
	if proxyUserObject.create(context.Background(), &d, "ProxyUser", &pw, func(context.Context, string, string) error { return twin }) {
		t.Fatal("recorded as created")
	}
	e := d.Errors()[0]
	if e.Summary() != `Proxy user "ProxyUser" differs only in case from "proxyuser", which JP1 lists` {
		t.Errorf("summary %q", e.Summary())
	}
	for _, w := range []string{`set user_id = "proxyuser"`, `id = "proxyuser"`, "differs from \"proxyuser\" in more than case",
		"An imported proxy user has no password in state"} {
		if !strings.Contains(e.Detail(), w) {
			t.Errorf("detail lacks %q:\n%s", w, e.Detail())
		}
	}
	if strings.Contains(e.Detail(), `id = "ProxyUser"`) {
		t.Errorf("the advice imports the configured key:\n%s", e.Detail())
	}
}

// The create_before_destroy paragraph: worded as a condition (Create cannot
// see the lifecycle), and left out when this process deleted the ID itself.
func TestIMClient_createBeforeDestroyParagraph(t *testing.T) {
	data := &providerData{}
	if p := createBeforeDestroyParagraph(data, "c1"); !strings.Contains(p, "If this resource replaces a client with the same client_id under lifecycle { create_before_destroy = true }") ||
		!strings.Contains(p, "Otherwise the ID was registered outside this configuration") {
		t.Errorf("paragraph %q", p)
	}
	data.deleted.add("c1")
	if p := createBeforeDestroyParagraph(data, "c1"); strings.Contains(p, "create_before_destroy") || !strings.Contains(p, "This apply deleted \"c1\"") {
		t.Errorf("after a delete of this process: %q", p)
	}
	if p := createBeforeDestroyParagraph(data, "c2"); !strings.Contains(p, "create_before_destroy") {
		t.Errorf("another ID: %q", p)
	}
}
