package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A plain http:// endpoint of another machine warns on every run (passwords
// travel in clear); loopback does not.
func TestConfigurePlainHTTPWarns(t *testing.T) {
	for endpoint, warns := range map[string]bool{
		"http://jp1host:20703":      true,
		"http://192.0.2.7:22015":    true,
		"https://jp1host:20703":     false,
		"http://localhost:20703":    false,
		"http://127.0.0.1:20703":    false,
		"http://[::1]:20703":        false,
		"http://user:pw@jp1host:80": false, // an error instead
	} {
		var diags diag.Diagnostics
		settings{ctx: context.Background(), diags: &diags}.checkEndpoint(endpoint, path.Root("im").AtName("endpoint"), envIMEndpoint)
		got := diags.WarningsCount() == 1 && strings.Contains(diags.Warnings()[0].Detail(), "im.endpoint (or JP1_IM_ENDPOINT)")
		if got != warns {
			t.Errorf("%s: warnings %v, want a warning: %v", endpoint, diags, warns)
		}
	}
}

// CA certificates given together with insecure_skip_verify are ignored, and
// the user is told so.
func TestConfigureCAWithInsecureWarns(t *testing.T) {
	var diags diag.Diagnostics
	cfg := providerModel{InsecureSkipVerify: types.BoolValue(true), CACertPEM: types.StringValue("x"), CACertFile: types.StringNull()}
	settings{ctx: context.Background(), diags: &diags}.tls(cfg)
	var found bool
	for _, w := range diags.Warnings() {
		found = found || strings.Contains(w.Detail(), "ca_cert_pem are ignored")
	}
	if !found {
		t.Errorf("no warning that the CA certificates are ignored: %v", diags)
	}
}
