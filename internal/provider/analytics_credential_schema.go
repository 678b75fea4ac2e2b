package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// memberDoc is a member's description with what the table knows about it.
// (Members a block requires are Optional in the schema, because the framework
// would demand them even when their block is absent; ValidateConfig requires them.)
func (m credentialMember) memberDoc(configurable bool) string {
	doc := m.doc
	if configurable && m.required && m.kind != memberSecret {
		doc = "**Required** in this block. " + doc
	}
	if m.kind == memberEnum {
		doc += " One of " + enumDoc(m.enum) + "."
	}
	if m.kind == memberBool {
		doc += " Defaults to `false`."
	}
	return doc + " JP1 member `" + m.wire + "`."
}

// credentialResourceBlocks is the resource's one block per credential type.
func credentialResourceBlocks() map[string]schema.Block {
	blocks := map[string]schema.Block{}
	for _, b := range credentialBlocks {
		attrs := map[string]schema.Attribute{}
		for _, m := range membersOf(b.name) {
			switch m.kind {
			case memberString, memberEnum:
				attrs[m.name] = schema.StringAttribute{Optional: true, MarkdownDescription: m.memberDoc(true)}
			case memberSensitive:
				attrs[m.name] = schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: m.memberDoc(true)}
			case memberPort:
				attrs[m.name] = schema.Int64Attribute{Optional: true, Computed: true, MarkdownDescription: m.memberDoc(true)}
			case memberBool:
				attrs[m.name] = schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false), MarkdownDescription: m.memberDoc(true)}
			case memberSecret:
				for k, v := range secretAttributes(m.name, m.doc+" (JP1 member `"+m.wire+"`)", jp1api.MaxSecretBytes, secretBase64) {
					attrs[k] = v
				}
			}
		}
		blocks[b.name] = schema.SingleNestedBlock{
			MarkdownDescription: b.doc + " Give exactly one of the blocks " + blockList() + "; it sets the credential type, " +
				"and changing to another type's block replaces the credential (JP1 cannot change a credential's type).",
			Attributes: attrs,
		}
	}
	return blocks
}

// credentialDataAttributes is the same shape for the data sources, as nested
// attributes, without the secrets JP1 never returns.
func credentialDataAttributes() map[string]dschema.Attribute {
	out := map[string]dschema.Attribute{}
	for _, b := range credentialBlocks {
		attrs := map[string]dschema.Attribute{}
		for _, m := range membersOf(b.name) {
			switch m.kind {
			case memberString, memberEnum:
				attrs[m.name] = dschema.StringAttribute{Computed: true, MarkdownDescription: m.memberDoc(false)}
			case memberSensitive:
				attrs[m.name] = dschema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: m.memberDoc(false)}
			case memberPort:
				attrs[m.name] = dschema.Int64Attribute{Computed: true, MarkdownDescription: m.memberDoc(false)}
			case memberBool:
				attrs[m.name] = dschema.BoolAttribute{Computed: true, MarkdownDescription: m.memberDoc(false)}
			}
		}
		out[b.name] = dschema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: b.doc + " Set only for a credential of this type (secrets are never returned).",
			Attributes:          attrs,
		}
	}
	return out
}

// blockAttrTypes is the object type of each block, with secrets (resource) and
// without (data sources), as the schemas say.
var blockAttrTypes, blockDataAttrTypes = func() (map[string]map[string]attr.Type, map[string]map[string]attr.Type) {
	withSecrets, without := map[string]map[string]attr.Type{}, map[string]map[string]attr.Type{}
	for name, b := range credentialResourceBlocks() {
		withSecrets[name] = objectAttrTypes(b.Type())
	}
	for name, a := range credentialDataAttributes() {
		without[name] = objectAttrTypes(a.GetType())
	}
	return withSecrets, without
}()

func objectAttrTypes(t attr.Type) map[string]attr.Type {
	if o, ok := t.(types.ObjectType); ok {
		return o.AttrTypes
	}
	return nil // a block is always an object
}

// blockList renders "`wmi`, `ssh`, … or `snmp_v3`".
func blockList() string { return enumDoc(blockNames()) }

// typeTable renders which block is which JP1 type, for the docs.
func typeTable() string {
	var b strings.Builder
	for _, blk := range credentialBlocks {
		fmt.Fprintf(&b, "`%s` = `%s`", blk.name, blk.credType)
		if blk.snmpVersion != "" {
			fmt.Fprintf(&b, " `%s`", blk.snmpVersion)
		}
		b.WriteString("; ")
	}
	return strings.TrimSuffix(b.String(), "; ")
}

// analyticsCredentialDataAttributes describes one credential for the data
// sources; id and name are left to the caller, which decides whether they are
// arguments.
func analyticsCredentialDataAttributes() map[string]dschema.Attribute {
	attrs := credentialDataAttributes()
	attrs["instance_id"] = dschema.Int64Attribute{Computed: true, MarkdownDescription: "The credential's instanceID."}
	attrs["credential_type"] = dschema.StringAttribute{Computed: true, MarkdownDescription: "JP1's credentialType: " + enumDoc(credentialTypes) + "."}
	attrs["num_of_related_resources"] = dschema.Int64Attribute{Computed: true, MarkdownDescription: "How many monitored resources use the credential."}
	return attrs
}

// newAnalyticsCredentialDataModel is what the data sources return of c.
func newAnalyticsCredentialDataModel(c *jp1api.Credential) (analyticsCredentialModel, error) {
	var m analyticsCredentialModel
	err := m.fromAPI(c, false)
	return m, err
}
