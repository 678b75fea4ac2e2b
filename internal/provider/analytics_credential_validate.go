package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// ValidateConfig checks, in one pass over the member table, every rule of
// docs/design/jp1-api.md §2.3 and §2.4 that the schema itself does not: exactly one type
// block, values, and the members that need or require one another. A
// credential JP1 would refuse fails at validate/plan, and nothing is sent.
func (r *analyticsCredentialResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m analyticsCredentialModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateCredential(&m, &resp.Diagnostics)
}

func validateCredential(m *analyticsCredentialModel, diags *diag.Diagnostics) {
	given, unknown := m.givenBlocks()
	if unknown {
		return // a dynamic block not known yet: checked again at apply
	}
	if len(given) != 1 {
		found := "none"
		if len(given) > 1 {
			names := make([]string, len(given))
			for i, b := range given {
				names[i] = b.name
			}
			found = strings.Join(names, ", ")
		}
		diags.AddAttributeError(path.Root(blockNames()[0]), "Exactly one credential type block is required",
			fmt.Sprintf("Give exactly one of the blocks %s: it sets the credential type. Found: %s.", blockList(), found))
		return
	}
	blk := given[0]
	attrs := m.attrsOf(blk.name)
	at := func(name string) path.Path { return path.Root(blk.name).AtName(name) }
	isGiven := func(name string) bool {
		wo, version := writeOnlyNames(name)
		for _, k := range []string{name, wo, version} {
			if v, ok := attrs[k]; ok && !v.IsNull() {
				return true
			}
		}
		return false
	}
	for _, mem := range membersOf(blk.name) {
		if mem.needs != "" && isGiven(mem.name) && !isGiven(mem.needs) {
			diags.AddAttributeError(at(mem.name), "Attribute needs "+mem.needs,
				fmt.Sprintf("%s.%s applies only together with %s.%s: give %s, or remove %s.",
					blk.name, mem.name, blk.name, mem.needs, mem.needs, mem.name))
		}
		if mem.kind != memberSecret && mem.required && !isGiven(mem.name) {
			diags.AddAttributeError(at(mem.name), "Missing required attribute",
				fmt.Sprintf("%s is required in the %s block.", mem.name, blk.name))
		}
		if mem.kind == memberSecret && !isGiven(mem.name) {
			why := ""
			switch {
			case mem.required && mem.unlessTrue != "" && hasMember(blk.name, mem.unlessTrue):
				if b := boolIn(attrs, mem.unlessTrue); !b.IsUnknown() && !b.ValueBool() {
					why = fmt.Sprintf("in the %s block (unless %s = true)", blk.name, mem.unlessTrue)
				}
			case mem.required:
				why = "in the " + blk.name + " block"
			case mem.requiredBy != "" && isGiven(mem.requiredBy):
				why = "when " + mem.requiredBy + " is given"
			}
			if why != "" {
				diags.AddAttributeError(at(mem.name), "Missing required secret",
					fmt.Sprintf("%s or %s_wo is required %s.", mem.name, mem.name, why))
			}
		}
		if problem := mem.check(attrs[mem.name]); problem != "" {
			diags.AddAttributeError(at(mem.name), "Invalid "+mem.name, fmt.Sprintf("%s.%s %s.", blk.name, mem.name, problem))
		}
	}
}

// check returns what is wrong with a known value of the member, or "".
// (Secrets are checked by their own attributes' validators, see writeonly.go.)
func (m credentialMember) check(v attr.Value) string {
	if v == nil || v.IsNull() || v.IsUnknown() {
		return ""
	}
	switch m.kind {
	case memberString:
		n := utf8.RuneCountInString(asString(v))
		if m.maxChars > 0 && (n < 1 || n > m.maxChars) {
			return fmt.Sprintf("must be 1 to %d characters long, got %d", m.maxChars, n)
		}
		if n < 1 {
			return "must not be empty (leave it out instead)"
		}
	case memberSensitive:
		if n := len(asString(v)); n < 1 || n > jp1api.MaxSecretBytes {
			return fmt.Sprintf("must be 1 to %d bytes long", jp1api.MaxSecretBytes)
		}
	case memberEnum:
		if s := asString(v); !slices.Contains(m.enum, s) {
			return fmt.Sprintf("must be one of %s, got %q", enumDoc(m.enum), s)
		}
	case memberPort:
		if p := asInt64(v); p < 1 || p > 65535 {
			return fmt.Sprintf("must be between 1 and 65535, got %d", p)
		}
	}
	return ""
}

func asString(v attr.Value) string {
	s, _ := v.(types.String)
	return s.ValueString()
}

func asInt64(v attr.Value) int64 {
	n, _ := v.(types.Int64)
	return n.ValueInt64()
}
