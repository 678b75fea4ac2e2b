package provider

import (
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// addAPIError turns a client error into one diagnostic that says what failed, what
// JP1 answered (messageId: message, HTTP status) and what to do about it. Client
// errors never carry request bodies or secrets, so the text is safe to show.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	detail := err.Error()
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	switch {
	case errors.As(err, &unknownCA):
		detail += "\n\nThe server's certificate is signed by a CA this machine does not trust. Give the provider that CA " +
			"with ca_cert_file (or JP1_CA_CERT_FILE) or ca_cert_pem. insecure_skip_verify = true also connects, " +
			"but without any protection against interception."
	case errors.As(err, &hostname):
		detail += "\n\nThe server's certificate does not name the host in the endpoint URL: use the host name the " +
			"certificate was issued for."
	}
	diags.AddError(summary, detail)
}

// addWarnings surfaces the Warning headers JP1 sent with successful answers.
func addWarnings(diags *diag.Diagnostics, w *jp1api.Warnings) {
	for _, text := range w.List() {
		diags.AddWarning("JP1 returned a warning", fmt.Sprintf("JP1/Operations Analytics: %s", text))
	}
}
