package provider

import (
	"context"
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
	switch {
	case err == nil:
		return true
	case jp1api.CauseOf(err) == jp1api.CauseAlreadyExists:
		diags.AddError(fmt.Sprintf("%s %q already exists in JP1", strings.ToUpper(o.noun[:1])+o.noun[1:], key),
			errorDetail(err)+"\n\n"+importAdvice(key, o.keyAttr)+
				fmt.Sprintf("\n\nAn imported %s has no %s in state; the first apply after the import sends the configured one.",
					o.noun, o.secretNoun))
		return false
	default:
		return addCreateError(diags, fmt.Sprintf("Could not add %s %q", o.noun, key), err)
	}
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
