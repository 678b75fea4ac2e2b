package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// One cause, one error (issue 18 §3): an error value that reaches a second
// resource (both waited for one shared request) is shown in full once, then
// in one line; a call the client did not make is one line that keeps no
// advice. Each is still an error diagnostic.
func TestOneCauseOneDiagnostic(t *testing.T) {
	shared := &jp1api.APIError{Method: "GET", Endpoint: "/im/api/v1/secret/client/list", Attempts: 3,
		Err: errors.New("connection refused"), Hint: "nothing answers at that address"}
	var diags diag.Diagnostics
	for i := range 3 {
		addAPIError(&diags, fmt.Sprintf("Could not read %d", i), fmt.Errorf("listing: %w", shared))
	}
	addCreateError(&diags, "Could not create", shared, "pending")
	if diags.ErrorsCount() != 4 {
		t.Fatalf("%d errors, want 4", diags.ErrorsCount())
	}
	for i, d := range diags.Errors() {
		brief := strings.HasPrefix(d.Detail(), "not attempted: it waited for the same request (GET /im/api/v1/secret/client/list)") &&
			strings.HasSuffix(d.Detail(), "see the first error") && !strings.Contains(d.Detail(), "\n")
		if full := strings.Contains(strings.ToLower(d.Detail()), "nothing answers"); full != (i == 0) || brief == (i == 0) {
			t.Errorf("diagnostic %d: %q, want the full error first and one line after", i, d.Detail())
		}
	}

	// Another value with the same text is another failure: shown in full.
	var other diag.Diagnostics
	again := *shared
	addAPIError(&other, "Could not read", &again)
	if !strings.Contains(strings.ToLower(other.Errors()[0].Detail()), "nothing answers") {
		t.Errorf("another error value: %q, want it in full", other.Errors()[0].Detail())
	}

	// A call the client did not make: its one line, without the advice of its cause.
	na := &jp1api.NotAttemptedError{Method: "POST", Endpoint: "/Analytics/v1/objects/Credentials", Product: jp1api.ProductAnalytics,
		BaseURL: "https://oa:22016", Reason: "presented a certificate that failed verification",
		First: &jp1api.APIError{Method: "POST", Endpoint: "/Analytics/v1/objects/Credentials", Cause: jp1api.CauseUntrustedCA}}
	var short diag.Diagnostics
	if addCreateError(&short, "Could not create", na, "pending") {
		t.Error("a call not made cannot have created anything")
	}
	if d := short.Errors(); len(d) != 1 || d[0].Detail() != na.Error() || strings.Contains(d[0].Detail(), "ca_cert_file") {
		t.Errorf("not attempted: %v, want one error with %q", d, na.Error())
	}
}
