package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

// Each typed block has exactly the attributes of its schema block, and binds
// every secret the table gives the block to a member of the API object.
func TestCredentialTypedBlocks(t *testing.T) {
	for _, b := range credentialBlocks {
		if _, d := types.ObjectValueFrom(context.Background(), blockAttrTypes[b.name], b.newBlock()); d.HasError() {
			t.Errorf("%s: %v", b.name, d)
		}
		if _, d := types.ObjectValueFrom(context.Background(), blockDataAttrTypes[b.name], b.newData()); d.HasError() {
			t.Errorf("%s (data sources): %v", b.name, d)
		}
		var want, got []string
		for _, m := range membersOf(b.name) {
			if m.kind == memberSecret {
				want = append(want, m.name)
			}
		}
		var c jp1api.Credential
		for _, s := range b.newBlock().secrets(&c) {
			if s.api == nil || s.value == nil || s.wo == nil || s.version == nil {
				t.Errorf("%s.%s: unbound", b.name, s.name)
			}
			got = append(got, s.name)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: secrets %v, the table says %v", b.name, got, want)
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
