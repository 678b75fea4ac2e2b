package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// secretWire says how a secret travels to JP1, for its description: the
// Operations Analytics Credentials API wants Base64 (docs/design/jp1-api.md
// §2.3), the IM APIs take the text as it is (§1.4, §1.5).
type secretWire int

const (
	secretAsIs   secretWire = iota // sent as given
	secretBase64                   // the provider Base64-encodes it
)

func (w secretWire) doc() string {
	if w == secretBase64 {
		return "Given in plain text; the provider Base64-encodes it, as the Credentials API requires."
	}
	return "Sent to JP1 as given."
}

// secretAttributes returns the three attributes of one secret: `<name>` (sensitive,
// kept in state), `<name>_wo` (write-only, never stored) and `<name>_wo_version`
// (a number whose change re-sends the write-only value). what describes the secret
// (a trailing period is dropped, so descriptions never read "WBEM., in plain text");
// maxBytes is the limit the provider applies to it (in bytes of the text given),
// wire how it is sent.
func secretAttributes(name, what string, maxBytes int, wire secretWire, extra ...validator.String) map[string]schema.Attribute {
	wo, version := writeOnlyNames(name)
	what = strings.TrimRight(strings.TrimSpace(what), ".")
	return map[string]schema.Attribute{
		name: schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			MarkdownDescription: fmt.Sprintf("%s. %s "+
				"At most %d bytes. Stored in state (marked sensitive); JP1 never returns it, so a change made outside "+
				"Terraform cannot be detected. Conflicts with `%s`, which keeps the value out of state.", what, wire.doc(), maxBytes, wo),
			Validators: append([]validator.String{
				stringvalidator.LengthBetween(1, maxBytes),
				stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName(wo)),
			}, extra...),
		},
		wo: schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			WriteOnly: true,
			MarkdownDescription: fmt.Sprintf("%s. Write-only: sent to JP1 but never stored in the plan or state "+
				"(Terraform 1.11 or later). At most %d bytes. Sent on create and whenever `%s` changes. Requires `%s`.",
				what, maxBytes, version, version),
			Validators: append([]validator.String{
				stringvalidator.LengthBetween(1, maxBytes),
				stringvalidator.AlsoRequires(path.MatchRelative().AtParent().AtName(version)),
			}, extra...),
		},
		version: schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("Version of `%s`. Change it (for example increment it) to send a new "+
				"value of `%s` to JP1. Requires `%s`.", wo, wo, wo),
			Validators: []validator.Int64{
				int64validator.AlsoRequires(path.MatchRelative().AtParent().AtName(wo)),
			},
		},
	}
}

// writeOnlyNames are the names of a secret's write-only form and its version.
func writeOnlyNames(name string) (wo, version string) { return name + "_wo", name + "_wo_version" }

// secretAttrs is one secret in a typed model: its three attributes, and the
// member of the API object it is sent in.
type secretAttrs struct {
	name    string
	value   *types.String // `<name>`
	wo      *types.String // `<name>_wo`
	version *types.Int64  // `<name>_wo_version`
	api     **string
}

// secretIn gathers one secret's inputs: planned, prior state and configuration.
func secretIn(plan, prior, config secretAttrs) secretInputs {
	return secretInputs{Value: *plan.value, PriorValue: *prior.value, WriteOnly: *config.wo, Version: *plan.version, PriorVersion: *prior.version}
}

// secretInputs gathers what decides whether a secret goes on the wire.
type secretInputs struct {
	Value        types.String // planned `<name>`
	PriorValue   types.String // `<name>` in state (null on create)
	WriteOnly    types.String // `<name>_wo`, from the configuration (never in plan or state)
	Version      types.Int64  // planned `<name>_wo_version`
	PriorVersion types.Int64  // `<name>_wo_version` in state
}

// removed reports a secret the configuration gave before (a value or a
// write-only version in state) and gives no more: JP1 must forget it.
func (in secretInputs) removed() bool {
	given := !in.Value.IsNull() || !in.Version.IsNull() || !in.WriteOnly.IsNull()
	return !given && (!in.PriorValue.IsNull() || !in.PriorVersion.IsNull())
}

// toSend returns the secret to send, or nil when JP1 must keep the one it has:
// on create every given secret is sent; on update only a changed `<name>` or a
// write-only value whose version changed.
func (in secretInputs) toSend(creating bool) *string {
	if !in.WriteOnly.IsNull() && !in.WriteOnly.IsUnknown() {
		if creating || !in.Version.Equal(in.PriorVersion) {
			v := in.WriteOnly.ValueString()
			return &v
		}
		return nil
	}
	if !in.Value.IsNull() && !in.Value.IsUnknown() {
		if creating || !in.Value.Equal(in.PriorValue) {
			v := in.Value.ValueString()
			return &v
		}
	}
	return nil
}
