package validators

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A password typed into the endpoint is never printed, however the "//" after
// the scheme was mistyped; what is left still shows the scheme as typed and
// the host.
func TestEndpointNeverPrintsAPassword(t *testing.T) {
	const pw = "S3cretPw"
	for _, tc := range []struct{ in, shown string }{
		{"https://admin:S3cretPw@jp1host:20703", "https://jp1host:20703"},
		{"https:/admin:S3cretPw@jp1host:20703", "https:/jp1host:20703"},
		{"https:admin:S3cretPw@jp1host:20703", "https:jp1host:20703"},
		{`https:\\admin:S3cretPw@jp1host:20703`, `https:\\jp1host:20703`},
		{`https:\admin:S3cretPw@jp1host:20703`, `https:\jp1host:20703`},
		{"https:///admin:S3cretPw@jp1host:20703", "https:///jp1host:20703"},
		{"https//admin:S3cretPw@jp1host:20703", "https//jp1host:20703"},
		{"HTTPS:admin:S3cretPw@jp1host", "HTTPS:jp1host"},
		{"admin:S3cretPw@jp1host:20703", "jp1host:20703"},
		{"S3cretPw@jp1host:20703", "jp1host:20703"},
		{"https:/admin:S3cr@tPw@jp1host:20703", "https:/jp1host:20703"},
		{"https://admin:S3cretPw/x?y#z@jp1host", "https://jp1host"},
		{" https:/admin:S3cretPw@jp1host", " https:/jp1host"},
		{"https:/jp1host:20703", "https:/jp1host:20703"}, // nothing to hide
	} {
		shown := WithoutUserInfo(tc.in)
		if shown != tc.shown {
			t.Errorf("WithoutUserInfo(%q) = %q, want %q", tc.in, shown, tc.shown)
		}
		got := validate(EndpointURL(), types.StringValue(tc.in))
		if strings.Contains(got, pw[:4]) || strings.Contains(got, "admin") {
			t.Errorf("EndpointURL(%q) printed the user information: %q", tc.in, got)
		}
		if got == "" {
			t.Errorf("EndpointURL(%q) accepted a mistyped endpoint", tc.in)
		}
	}
}
