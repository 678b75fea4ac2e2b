package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// secretObject is what jp1_proxy_user and jp1_im_lower_manager share: an IM
// object that JP1 lists under one key attribute and adds with a secret it never
// returns. JP1's add replaces the secret of an object it already has, so a
// create refuses a listed key (the client reports CauseAlreadyExists) and says
// how to import it; an update re-sends the secret only when the `_wo` rules
// choose to (secretInputs.toSend).
type secretObject struct {
	noun       string // "proxy user"
	keyAttr    string // "user_id"
	secretAttr string // "password"
	secretNoun string // "password"
	// pending says what Terraform and the next apply do with an object whose add
	// may have taken effect (addCreateError).
	pending string
}

// create adds the object under key with the secret toSend chose (nil when
// none is configured). It reports whether the resource goes into state: after
// success, and after a failure that may have added it (Terraform then keeps it
// tainted, and the next apply replaces it rather than refusing it as someone
// else's).
func (o secretObject) create(ctx context.Context, diags *diag.Diagnostics, key string, secret *string,
	add func(ctx context.Context, key, secret string) error) bool {
	if secret == nil {
		diags.AddAttributeError(path.Root(o.secretAttr), "Missing "+o.secretNoun,
			fmt.Sprintf("JP1 cannot add a %s without its %s: set %s, or %s_wo with %s_wo_version.",
				o.noun, o.secretNoun, o.secretAttr, o.secretAttr, o.secretAttr))
		return false
	}
	err := add(ctx, key, *secret)
	var e *jp1api.APIError
	switch {
	case err == nil:
		return true
	case errors.As(err, &e) && e.Cause == jp1api.CauseAlreadyExists && e.Existing != key:
		addCaseTwinError(diags, o.noun, o.keyAttr, key, e.Existing, errorDetail(err),
			fmt.Sprintf("An imported %s has no %s in state; the first apply after the import sends the configured one.",
				o.noun, o.secretNoun))
		return false
	case errors.As(err, &e) && e.Cause == jp1api.CauseAlreadyExists:
		diags.AddError(fmt.Sprintf("%s %q already exists in JP1", capitalize(o.noun), key),
			errorDetail(err)+"\n\n"+importAdvice(key, o.keyAttr)+
				fmt.Sprintf("\n\nAn imported %s has no %s in state; the first apply after the import sends the configured one.",
					o.noun, o.secretNoun))
		return false
	default:
		return addCreateError(diags, fmt.Sprintf("Could not add %s %q", o.noun, key), err, o.pending)
	}
}

// addCaseTwinError reports a create refused because JP1 lists its key in
// another case (jp1api caseTwin: whether JP1 ignores case is not documented,
// docs/design/jp1-api.md §1.3): to manage the listed object, the configuration
// must name it as JP1 lists it, or the import would be followed by a
// replacement. after is what to know about an imported object ("" for none).
func addCaseTwinError(diags *diag.Diagnostics, noun, keyAttr, key, existing, detail, after string) {
	text := detail + "\n\n" + fmt.Sprintf("To manage the listed %s with Terraform, set %s = %s in this resource "+
		"(as JP1 lists it) and import it: %s\n\nOtherwise choose a %s that differs from %s in more than case.",
		noun, keyAttr, hclString(existing), importBlockAdvice(existing), keyAttr, hclString(existing))
	if after != "" {
		text += "\n\n" + after
	}
	diags.AddError(fmt.Sprintf("%s %q differs only in case from %q, which JP1 lists", capitalize(noun), key, existing), text)
}

// update sends a new secret for key through upsert; it reports success.
func (o secretObject) update(ctx context.Context, diags *diag.Diagnostics, key, secret string,
	upsert func(ctx context.Context, key, secret string) error) bool {
	if err := upsert(ctx, key, secret); err != nil {
		addAPIError(diags, fmt.Sprintf("Could not send the new %s of %s %q", o.secretNoun, o.noun, key), err)
		return false
	}
	return true
}

// capitalize upper-cases the first letter of an ASCII noun ("proxy user").
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
