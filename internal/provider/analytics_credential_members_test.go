package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// The member table is consistent: every member belongs to known blocks and
// points at the API field its kind needs, so the schema, the rules and the
// wire mapping built from it cannot disagree.
func TestCredentialMemberTable(t *testing.T) {
	known := map[string]bool{}
	for _, b := range credentialBlocks {
		known[b.name] = true
	}
	seen := map[string]bool{}
	for _, m := range credentialMembers {
		if seen[m.name] {
			t.Errorf("%s is listed twice", m.name)
		}
		seen[m.name] = true
		if m.wire == "" || m.doc == "" || len(m.blocks) == 0 {
			t.Errorf("%s: wire name, description and blocks are required", m.name)
		}
		for _, b := range m.blocks {
			if !known[b] {
				t.Errorf("%s: unknown block %q", m.name, b)
			}
		}
		var c jp1api.Credential
		switch m.kind {
		case memberString, memberEnum, memberSensitive, memberSecret:
			if m.str == nil || m.str(&c) == nil {
				t.Errorf("%s: a %v member needs str", m.name, m.kind)
			}
		case memberPort:
			if m.num == nil {
				t.Errorf("%s: a port needs num", m.name)
			}
		case memberBool:
			if m.flag == nil {
				t.Errorf("%s: a boolean needs flag", m.name)
			}
		}
		if m.kind == memberEnum && len(m.enum) == 0 {
			t.Errorf("%s: an enum needs its values", m.name)
		}
		for _, other := range []string{m.needs, m.requiredBy, m.unlessTrue} {
			if other != "" && !seen[other] && !hasMemberAnywhere(other) {
				t.Errorf("%s refers to unknown member %q", m.name, other)
			}
		}
	}
}

func hasMemberAnywhere(name string) bool {
	for _, m := range credentialMembers {
		if m.name == name {
			return true
		}
	}
	return false
}

// Descriptions read as sentences: no "WBEM., in plain text" and the like.
func TestCredentialDescriptionsPunctuation(t *testing.T) {
	var resp resource.SchemaResponse
	NewAnalyticsCredentialResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	check := func(where, desc string) {
		for _, bad := range []string{".,", "..", ". .", ",,"} {
			if strings.Contains(desc, bad) {
				t.Errorf("%s: %q in %q", where, bad, desc)
			}
		}
	}
	for name, a := range resp.Schema.Attributes {
		check(name, a.GetMarkdownDescription())
	}
	for name, b := range resp.Schema.Blocks {
		check(name, b.GetMarkdownDescription())
		for attr, a := range b.(schema.SingleNestedBlock).Attributes {
			check(name+"."+attr, a.GetMarkdownDescription())
		}
	}
}
