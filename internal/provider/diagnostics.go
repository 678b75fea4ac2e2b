package provider

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// addAPIError turns a client error into one diagnostic that says what failed, what
// JP1 answered (messageId: message, HTTP status) and what to do about it. Client
// errors never carry request bodies or secrets, so the text is safe to show.
func addAPIError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, errorDetail(err))
}

// addCreateError reports a failed create and says whether the caller must record
// the object as pending: when the request may have created it all the same
// (its answer was lost and the server then stayed away), the caller sets what it
// knows as the state. Terraform keeps that state as tainted, and the next apply
// repairs it, so a failed run never leaves an orphan, a duplicate or a lost
// secret for a person to find. How it repairs differs per resource (an IM
// client is deleted and issued again, a credential is adopted): pending is the
// resource's own sentence for it, shown with the error. An object that already
// exists gets the advice to import it.
func addCreateError(diags *diag.Diagnostics, summary string, err error, pending string) (recordPending bool) {
	detail := errorDetail(err)
	var e *jp1api.APIError
	switch {
	case jp1api.MayHaveCreated(err):
		detail += "\n\n" + pending
	case errors.As(err, &e) && e.Cause == jp1api.CauseAlreadyExists && !isIMError(err):
		detail += "\n\n" + importAdvice(importByNamePrefix+e.Existing, "name")
	}
	diags.AddError(summary, detail)
	return jp1api.MayHaveCreated(err)
}

// importAdvice tells how to bring an existing object under Terraform, or else to
// change the identifying argument. The provider is never told the resource's
// address, so the advice refers to the address that Terraform prints above the
// error instead of guessing one (modules and for_each keys would be lost).
func importAdvice(importID, identifyingArgument string) string {
	return fmt.Sprintf("To manage the existing object with Terraform, import it with the ID %s: %s\n\nOtherwise choose another %s.",
		hclString(importID), importBlockAdvice(importID), identifyingArgument)
}

// importBlockAdvice is the import block for importID, with the words that
// place it (the resource's address is the one Terraform prints above the error).
func importBlockAdvice(importID string) string {
	return "add this block to the configuration, with the resource address that Terraform printed above this " +
		"error, and apply again:\n\nimport {\n  to = <resource address>\n  id = " + hclString(importID) + "\n}"
}

// hclString quotes s as an HCL string literal whose value is exactly s. HCL
// knows only the escapes \n \r \t \" \\ \uNNNN and \UNNNNNNNN (Go's %q also
// writes \x17, \a or \x7f, which HCL refuses), so every other character that
// does not print (controls, DEL, C1, format characters such as bidi overrides)
// is written as \uNNNN or \UNNNNNNNN; template sequences become $${ and %%{.
func hclString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r > 0xFFFF:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// errorDetail is the client's error with the remedy that concerns this provider's
// settings, which the client reports as a cause and leaves to the provider to word.
//
// One cause, one error: an error whose cause an earlier diagnostic of this
// process showed in full is one line that points at it (see briefDetail).
func errorDetail(err error) string {
	if brief, ok := briefDetail(err); ok {
		return brief
	}
	text := errorSentences(err)
	if advice := causeAdvice(err); advice != "" {
		text = strings.TrimSuffix(text, ".") + ". " + advice
	}
	return text
}

// shownErrors holds the client errors this process has shown in full, so that
// the same error value reaching another resource is shown once: resources that
// wait for one shared request (creates waiting for one listing) all receive its
// error. Keys are weak: an error forgotten by everyone leaves the set.
var shownErrors sync.Map // weak.Pointer[jp1api.APIError] -> struct{}

// briefDetail returns the one-line detail of an error whose cause is shown in
// full by another diagnostic of this run: a call the client did not make
// because an earlier one found what no call can get past (the endpoint
// unreachable, a certificate that fails verification, the login refused:
// jp1api.NotAttemptedError, which words itself), or an error value already
// shown for another resource. Either is still an error: Terraform records no
// success for the resource.
func briefDetail(err error) (string, bool) {
	var na *jp1api.NotAttemptedError
	if errors.As(err, &na) {
		return err.Error(), true
	}
	var e *jp1api.APIError
	if !errors.As(err, &e) {
		return "", false
	}
	key := weak.Make(e)
	if _, shown := shownErrors.LoadOrStore(key, struct{}{}); !shown {
		runtime.AddCleanup(e, func(k weak.Pointer[jp1api.APIError]) { shownErrors.Delete(k) }, key)
		return "", false
	}
	return fmt.Sprintf("not attempted: it waited for the same request (%s %s) as another resource of this run, which failed; "+
		"see the first error", e.Method, e.Endpoint), true
}

// errorSentences is err's text with its parts joined as sentences. The client
// joins JP1's message and its hint with ". ": a message that ends with its own
// period read "incorrect.. the manager", and a hint, written in lower case to
// follow a colon, read "(after 1 attempt). a credential named". So JP1's text
// loses its final period (the join supplies one) and each sentence of the hint
// begins with a capital; quoted names are never touched.
func errorSentences(err error) string {
	text := err.Error()
	var e *jp1api.APIError
	if !errors.As(err, &e) {
		return text
	}
	tidy := *e
	tidy.Message = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(e.Message, " "), "."), " ")
	tidy.Body = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(e.Body, " "), "."), " ")
	tidy.Hint = capitalizeSentences(e.Hint)
	return strings.Replace(text, e.Error(), tidy.Error(), 1)
}

// capitalizeSentences capitalizes the first letter of s and every lower-case
// ASCII letter that follows ". " outside a double-quoted string (names are
// quoted with %q, so their case is kept).
func capitalizeSentences(s string) string {
	b := []byte(s)
	quoted, start := false, true
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"' && (i == 0 || b[i-1] != '\\'):
			quoted, start = !quoted, false
		case quoted:
		case start && c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
			start = false
		case c == '.' && i+1 < len(b) && b[i+1] == ' ':
			start = true
			i++ // the space
		case c != ' ':
			start = false
		}
	}
	return string(b)
}

func causeAdvice(err error) string {
	switch jp1api.CauseOf(err) {
	case jp1api.CauseUntrustedCA:
		return "Give the provider that CA with ca_cert_file (or " + envCACertFile + ") or ca_cert_pem " +
			"(insecure_skip_verify = true also connects, but without any protection against interception)."
	case jp1api.CauseCertificate:
		return "Set ca_cert_file or ca_cert_pem to the CA that issued the certificate (insecure_skip_verify only for tests)."
	case jp1api.CauseTimeout:
		return "Check the endpoint, or raise request_timeout."
	case jp1api.CauseNotHTTPS:
		return "Set the endpoint to http://… (credentials then travel in clear), or to the server's HTTPS port."
	case jp1api.CauseHTTPSRequired:
		return "Set the endpoint to https://…."
	case jp1api.CauseBasicDisabled:
		return `Or set im.auth_method = "login" (or ` + envIMAuthMethod + `=login).`
	case jp1api.CauseCredentialsRefused:
		if isIMError(err) {
			return "Check im.username and im.password (or " + envIMUsername + " and " + envIMPassword + ")."
		}
		return "Check analytics.username and analytics.password (or " + envAnalyticsUsername + " and " + envAnalyticsPassword + ")."
	case jp1api.CauseLoginNotPermitted:
		return "Or set im.username (or " + envIMUsername + ") to a user that has one."
	}
	return ""
}

// isIMError reports an error of an Integrated Management call.
func isIMError(err error) bool {
	var e *jp1api.APIError
	return errors.As(err, &e) && e.Product == jp1api.ProductIM
}

// addWarnings surfaces the Warning headers JP1 sent with successful answers.
func addWarnings(diags *diag.Diagnostics, w *jp1api.Warnings) {
	for _, text := range w.List() {
		diags.AddWarning("JP1 returned a warning", fmt.Sprintf("JP1/Operations Analytics: %s", text))
	}
}
