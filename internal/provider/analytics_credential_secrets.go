package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// What a plan cannot show of a credential's secrets (JP1 never returns them),
// said as warnings at plan time:
//
//   - A secret the configuration stops giving is cleared in JP1 (the update
//     sends its update* flag without a value), but the plan shows no more than
//     `root_password_wo_version = 1 -> null`: warnSecretsCleared says so.
//   - An imported credential may hold an optional secret (an SSH root
//     password) that the configuration does not name. The provider neither
//     sends nor clears it, JP1 never returns it, so every plan after the first
//     apply would be empty while JP1 holds a secret nobody declared:
//     warnSecretsUnknown says so, on the plans that change the credential,
//     until the configuration gives the secret (then JP1 holds that one) or
//     gives and removes it (then JP1 holds none).

// secretsUnknownPrivate is the private-state key of the optional secrets an
// import left unknown: `true` right after ImportState (the type is not known
// yet), then the JSON list of the secret names still unknown.
const secretsUnknownPrivate = "secrets_unknown"

// markSecretsUnknown records, on import, that JP1 may hold optional secrets
// that are in no configuration.
func markSecretsUnknown(ctx context.Context, p privateSetter) diag.Diagnostics {
	return p.SetKey(ctx, secretsUnknownPrivate, []byte("true"))
}

// optionalSecret reports a secret a configuration may leave out while JP1
// holds one that is in use: not one that only goes with a member left out too
// (a passphrase without its protocol).
func optionalSecret(m credentialMember) bool {
	return m.kind == memberSecret && m.needs == "" && (!m.required || m.unlessTrue != "")
}

// warnSecretsCleared warns of each secret the update clears (secretInputs.removed).
func warnSecretsCleared(diags *diag.Diagnostics, name string, blk credentialBlock, plan, state, config *analyticsCredentialModel) {
	secrets, err := secretChanges(blk, &jp1api.Credential{}, plan, state, config)
	if err != nil {
		diags.AddError("Unexpected analytics credential", err.Error())
	}
	for _, s := range secrets {
		if !s.in.removed() {
			continue
		}
		m := s.member
		diags.AddWarning(fmt.Sprintf("The %s of analytics credential %q will be cleared in JP1", secretWords(m), name),
			fmt.Sprintf("The configuration no longer gives %s (or %s_wo), so this apply sends JP1's %s flag without a "+
				"value, which clears the %s: the plan shows only the argument going to null. (That a flag without a "+
				"value clears the secret is the provider's reading of the Credentials API; the manual does not say "+
				"it.) To keep the %s, give it again.",
				m.name, m.name, updateFlag(m), secretWords(m), secretWords(m)))
	}
}

// warnSecretsUnknown warns, on a plan that imports or changes an imported
// credential, of each optional secret JP1 may hold that the configuration does
// not give, and records in the plan's private state those still unknown.
func warnSecretsUnknown(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
	name string, blk credentialBlock, plan, state, config *analyticsCredentialModel) {
	if req.Private == nil || resp.Private == nil {
		return
	}
	raw, diags := req.Private.GetKey(ctx, secretsUnknownPrivate)
	if diags.HasError() || len(raw) == 0 {
		return
	}
	justImported := string(raw) == "true"
	var unknown []string
	if !justImported && json.Unmarshal(raw, &unknown) != nil {
		return
	}
	secrets, err := secretChanges(blk, &jp1api.Credential{}, plan, state, config)
	if err != nil {
		resp.Diagnostics.AddError("Unexpected analytics credential", err.Error())
	}
	var still []string
	for _, s := range secrets {
		m, in := s.member, s.in
		if !optionalSecret(m) || (!justImported && !slices.Contains(unknown, m.name)) {
			continue
		}
		if !in.Value.IsNull() || !in.WriteOnly.IsNull() || !in.Version.IsNull() || in.removed() {
			continue // given, so sent: JP1 then holds the configured one (or, removed, none)
		}
		still = append(still, m.name)
	}
	var value []byte
	if len(still) > 0 {
		value, _ = json.Marshal(still)
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, secretsUnknownPrivate, value)...)
	if !justImported && resp.Plan.Raw.Equal(req.State.Raw) {
		return // nothing changes: the warning was shown when the credential was imported
	}
	for _, n := range still {
		m := memberNamed(blk, n)
		resp.Diagnostics.AddWarning(fmt.Sprintf("JP1 may hold a %s for analytics credential %q that the plan cannot show", secretWords(m), name),
			fmt.Sprintf("The credential was imported, and the configuration gives no %s (nor %s_wo). JP1 never "+
				"returns secrets, so whether it holds one is unknown, and the provider neither sends nor clears it: "+
				"plans stay empty either way. To decide it, give %s (or %s_wo with %s_wo_version), and JP1 holds "+
				"that one; to clear one JP1 may hold, give it and apply, then remove it and apply again. This warning "+
				"comes with every plan that changes the credential until then.",
				m.name, m.name, m.name, m.name, m.name))
	}
}

func memberNamed(blk credentialBlock, name string) credentialMember {
	for _, m := range membersOf(blk.name) {
		if m.name == name {
			return m
		}
	}
	return credentialMember{name: name, wire: name}
}

// secretWords is a secret as a sentence names it: "root password".
func secretWords(m credentialMember) string { return strings.ReplaceAll(m.name, "_", " ") }

// updateFlag is JP1's update flag of a secret: updateRootPassword.
func updateFlag(m credentialMember) string {
	return "update" + strings.ToUpper(m.wire[:1]) + m.wire[1:]
}
