package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// addAPIError turns a client error into one diagnostic that says what failed, what
// JP1 answered (messageId: message, HTTP status) and what to do about it. Client
// errors never carry request bodies or secrets, so the text is safe to show.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, err.Error())
}

// addCreateError reports a failed create and says whether the caller must record
// the object as pending: when the request may have created it all the same
// (its answer was lost and the server then stayed away), the caller sets what it
// knows as the state. Terraform keeps that state as tainted, and the next apply
// deletes whatever the lost request created and creates the object again, so a
// failed run never leaves an orphan, a duplicate or a lost secret for a person
// to find.
func addCreateError(diags *diag.Diagnostics, summary string, err error) (recordPending bool) {
	detail := err.Error()
	if jp1api.MayHaveCreated(err) {
		detail += "\n\nTerraform records the object as tainted: the next apply removes it from JP1 if this request " +
			"created it, and creates it again."
	}
	diags.AddError(summary, detail)
	return jp1api.MayHaveCreated(err)
}

// addWarnings surfaces the Warning headers JP1 sent with successful answers.
func addWarnings(diags *diag.Diagnostics, w *jp1api.Warnings) {
	for _, text := range w.List() {
		diags.AddWarning("JP1 returned a warning", fmt.Sprintf("JP1/Operations Analytics: %s", text))
	}
}
