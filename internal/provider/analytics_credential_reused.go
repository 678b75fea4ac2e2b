package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// checkInstanceIDStillOurs is the Read's guard against an instanceID that now
// holds another credential: an Operations Analytics restored from a backup or
// reinstalled gives its instanceIDs out again, so the ID in state can name a
// credential this resource never managed. Planning the difference as drift
// would rename (or, for another type, replace) someone else's credential.
//
// got is what JP1 holds at the instanceID in state. When its name and type
// are the recorded ones, or nothing is recorded yet (a Read after import),
// there is nothing to check. Otherwise the recorded name is looked up:
//
//   - it lives at another instanceID: the ID in state is stale; an error
//     names both IDs and how to import the right one;
//   - it lives nowhere and the type at the ID is the recorded one: the
//     credential was renamed behind Terraform's back, which is ordinary drift
//     (the plan renames it back);
//   - it lives nowhere and the type differs: a credential's type never
//     changes, so the ID holds another credential and this one is gone; an
//     error says so, rather than a plan that deletes the other one.
//
// The check costs one list, and only when the name or type differ. Every
// text from JP1 is quoted (%q), so none can hold a control character.
func checkInstanceIDStillOurs(ctx context.Context, client *jp1api.AnalyticsClient, state *analyticsCredentialModel, id int64, got *jp1api.Credential, diags *diag.Diagnostics) {
	name, typ := state.Name.ValueString(), state.CredentialType.ValueString()
	if state.Name.IsNull() || state.Name.IsUnknown() || name == "" {
		return
	}
	otherType := !state.CredentialType.IsNull() && typ != "" && !strings.EqualFold(got.CredentialType, typ)
	if got.Name == name && !otherType {
		return
	}
	found, err := client.FindCredentialByName(ctx, name)
	switch {
	case err != nil && !jp1api.IsNotFound(err):
		addAPIError(diags, fmt.Sprintf("Could not read analytics credential %q", name), fmt.Errorf(
			"instanceID %d holds the credential %q; looking for %q elsewhere failed: %w", id, got.Name, name, err))
	case found != nil && found.InstanceID != id:
		diags.AddError(fmt.Sprintf("Analytics credential %q is recorded at another credential's instanceID", name),
			fmt.Sprintf("The state records analytics credential %q at instanceID %d, but JP1/Operations Analytics holds the "+
				"credential %q (type %q) at instanceID %d, and %q at instanceID %d. The instanceID in state is stale (Operations "+
				"Analytics was restored or reinstalled, for example, and gave its instanceIDs out again): planning from it would "+
				"change a credential this resource does not manage, so Terraform stops here.\n\n", name, id, got.Name,
				got.CredentialType, id, name, found.InstanceID)+
				reimportAdvice(found.InstanceID))
	case otherType:
		diags.AddError(fmt.Sprintf("Analytics credential %q is recorded at another credential's instanceID", name),
			fmt.Sprintf("The state records the %s credential %q at instanceID %d, but JP1/Operations Analytics holds the "+
				"credential %q of type %q there, and no credential is named %q. A credential's type never changes, so instanceID %d holds "+
				"another credential (Operations Analytics was restored or reinstalled, for example, and gave its instanceIDs out "+
				"again): planning from it would replace that credential, so Terraform stops here.\n\n"+
				"To create %q again, remove the resource from state with `terraform state rm <resource address>` (the address "+
				"Terraform printed above this error) and apply. To manage an existing credential instead, import it after the "+
				"`terraform state rm`, with an import block naming its instanceID or \"name:<credential name>\".",
				typ, name, id, got.Name, got.CredentialType, name, id, name))
	}
}

// reimportAdvice tells how to point a resource whose instanceID is stale at
// the credential's instanceID: remove it from state, then import it by ID or
// by identity.
func reimportAdvice(instanceID int64) string {
	return fmt.Sprintf("To manage the credential at instanceID %[1]d again, remove the resource from state with "+
		"`terraform state rm <resource address>` (the address Terraform printed above this error), then add this block "+
		"to the configuration and apply:\n\n"+
		"import {\n  to = <resource address>\n  id = \"%[1]d\"\n}\n\n"+
		"(with Terraform 1.12 or later, `identity = { instance_id = %[1]d }` can stand for the id).", instanceID)
}
