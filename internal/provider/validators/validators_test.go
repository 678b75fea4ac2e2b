package validators

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func validate(v validator.String, value types.String) string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("attr"), ConfigValue: value}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

func TestDuration(t *testing.T) {
	v := Duration(time.Millisecond, time.Minute)
	for _, tc := range []struct {
		in, want string
	}{
		{"500ms", ""}, {"30s", ""}, {"1m", ""},
		{"30", `attr must be a duration such as "500ms"`},
		{"-1s", "attr must be between 1ms and 1m0s"},
		{"2m", "attr must be between 1ms and 1m0s"},
		{"", "attr must be a duration"},
	} {
		got := validate(v, types.StringValue(tc.in))
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("Duration(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := validate(v, types.StringUnknown()); got != "" {
		t.Errorf("unknown values are checked later, got %q", got)
	}
}

func TestEndpointURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://immhost01:20703", ""},
		{"https://oa.example.com:22016/", ""},
		{"immhost01:20703", `must start with "http://" or "https://"`},
		{"ftp://host", `must start with "http://" or "https://"`},
		{"http://", "must name a host"},
		{"http://:80", "must name a host"},
		{"http://u:secret@host", "must not contain user information"},
		{"ftp://u:secret@host", `must start with "http://" or "https://", got "ftp://host"`},
		{"https://u:se/cr#et@host:1", `got "https://host:1"`},
		{"http://u:sec%zzret@host", `got "http://host"`},
		{"", "must be an absolute URL"},
	} {
		got := validate(EndpointURL(), types.StringValue(tc.in))
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("EndpointURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if strings.Contains(got, "secret") {
			t.Errorf("EndpointURL(%q) echoed a password: %q", tc.in, got)
		}
	}
}

func TestCACert(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := validate(CACertFile(), types.StringValue(filepath.Join(dir, "missing.pem"))); !strings.Contains(got, "must name a readable PEM file") {
		t.Errorf("missing file: %q", got)
	}
	if got := validate(CACertFile(), types.StringValue(notPEM)); !strings.Contains(got, "holds no PEM-encoded certificate") {
		t.Errorf("not PEM: %q", got)
	}
	if got := validate(CACertPEM(), types.StringValue("-----BEGIN NOTHING-----")); !strings.Contains(got, "holds no PEM-encoded certificate") {
		t.Errorf("bad PEM text: %q", got)
	}
}

// The client-ID rules: AGENT_ and MANAGER_ are refused, except an existing
// MANAGER_INTEGRATED_<host> (which jp1_im_client may import and destroy).
func TestClientID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"grafana tool", ""},
		{"MANAGER_INTEGRATED_oldhost", ""},
		{"MANAGER_INTEGRATED_", `attr must not begin with "MANAGER_"`},
		{"MANAGER_host", `attr must not begin with "MANAGER_"`},
		{"AGENT_host", `attr must not begin with "AGENT_"`},
		{"a:b", "except ':'"},
	} {
		var got string
		for _, v := range ClientID() {
			if got = validate(v, types.StringValue(tc.in)); got != "" {
				break
			}
		}
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("ClientID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRegexp(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"^win-", ""}, {"", ""}, {`dc\d+$`, ""},
		{"win-(", "attr must be a regular expression in RE2 syntax: error parsing regexp: missing closing )"},
		{`(?<!x)y`, "attr must be a regular expression in RE2 syntax"},
	} {
		got := validate(Regexp(), types.StringValue(tc.in))
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("Regexp(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
