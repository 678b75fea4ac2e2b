package provider

import (
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// analyticsCredentialModel is the resource's state, plan and configuration, and
// what the data sources return of one credential (there without secrets): the
// top-level attributes and one object per credential type, null but for the
// credential's own type.
type analyticsCredentialModel struct {
	ID                    types.String `tfsdk:"id"`
	InstanceID            types.Int64  `tfsdk:"instance_id"`
	Name                  types.String `tfsdk:"name"`
	CredentialType        types.String `tfsdk:"credential_type"`
	NumOfRelatedResources types.Int64  `tfsdk:"num_of_related_resources"`
	WMI                   types.Object `tfsdk:"wmi"`
	SSH                   types.Object `tfsdk:"ssh"`
	WBEM                  types.Object `tfsdk:"wbem"`
	SNMPV1V2C             types.Object `tfsdk:"snmp_v1_v2c"`
	SNMPV3                types.Object `tfsdk:"snmp_v3"`
}

// block returns the field of the named block.
func (m *analyticsCredentialModel) block(name string) *types.Object {
	switch name {
	case "wmi":
		return &m.WMI
	case "ssh":
		return &m.SSH
	case "wbem":
		return &m.WBEM
	case "snmp_v1_v2c":
		return &m.SNMPV1V2C
	case "snmp_v3":
		return &m.SNMPV3
	}
	panic("unknown credential block " + name) // only the names of credentialBlocks reach here
}

// givenBlocks returns the blocks that are set, and whether that is not known
// yet: a block is unknown, or several are given and hold unknown values (a
// dynamic block whose for_each is not known, as a module's variables are not
// during validation, stands for itself as one block of unknown values).
func (m *analyticsCredentialModel) givenBlocks() (given []credentialBlock, unknown bool) {
	undecided := false
	for _, b := range credentialBlocks {
		o := m.block(b.name)
		switch {
		case o.IsUnknown():
			unknown = true
		case !o.IsNull():
			given = append(given, b)
			undecided = undecided || anyUnknown(o.Attributes())
		}
	}
	return given, unknown || (undecided && len(given) > 1)
}

func anyUnknown(attrs map[string]attr.Value) bool {
	for _, v := range attrs {
		if v.IsUnknown() {
			return true
		}
	}
	return false
}

// activeBlock returns the one block that is set, if exactly one is and it is known.
func (m *analyticsCredentialModel) activeBlock() (credentialBlock, bool) {
	given, unknown := m.givenBlocks()
	if unknown || len(given) != 1 {
		return credentialBlock{}, false
	}
	return given[0], true
}

// attrsOf returns the attributes of a block, or an empty map when it is null or unknown.
func (m *analyticsCredentialModel) attrsOf(block string) map[string]attr.Value {
	o := m.block(block)
	if o.IsNull() || o.IsUnknown() {
		return map[string]attr.Value{}
	}
	return o.Attributes()
}

func stringIn(attrs map[string]attr.Value, name string) types.String {
	if v, ok := attrs[name].(types.String); ok {
		return v
	}
	return types.StringNull()
}

func int64In(attrs map[string]attr.Value, name string) types.Int64 {
	if v, ok := attrs[name].(types.Int64); ok {
		return v
	}
	return types.Int64Null()
}

func boolIn(attrs map[string]attr.Value, name string) types.Bool {
	if v, ok := attrs[name].(types.Bool); ok {
		return v
	}
	return types.BoolNull()
}

// secretIn gathers one secret's inputs: planned (m), prior state and configuration.
func secretIn(name string, plan, prior, config map[string]attr.Value) secretInputs {
	return secretInputs{
		Value:        stringIn(plan, name),
		PriorValue:   stringIn(prior, name),
		WriteOnly:    stringIn(config, name+"_wo"),
		Version:      int64In(plan, name+"_wo_version"),
		PriorVersion: int64In(prior, name+"_wo_version"),
	}
}

// toAPI builds the full object JP1 expects (a PUT replaces every member) from
// the planned block. Secrets: on create (or adoption) every given one is sent;
// on update only those that changed, and an optional one the configuration no
// longer gives is cleared. prior is the state (zero value on create); config
// holds the write-only values.
func (m *analyticsCredentialModel) toAPI(prior, config *analyticsCredentialModel, creating bool) (jp1api.Credential, error) {
	blk, ok := m.activeBlock()
	if !ok {
		return jp1api.Credential{}, fmt.Errorf("exactly one of the blocks %s must be given", blockList())
	}
	c := jp1api.Credential{Name: m.Name.ValueString(), CredentialType: blk.credType}
	if blk.snmpVersion != "" {
		v := blk.snmpVersion
		c.SNMPVersion = &v
	}
	plan, cfg := m.attrsOf(blk.name), config.attrsOf(blk.name)
	var was map[string]attr.Value
	if !creating {
		was = prior.attrsOf(blk.name)
	}
	for _, mem := range membersOf(blk.name) {
		switch mem.kind {
		case memberString, memberEnum, memberSensitive:
			v := stringIn(plan, mem.name)
			given := !v.IsNull() && !v.IsUnknown()
			if given {
				*mem.str(&c) = v.ValueStringPointer()
			}
			if mem.enables != nil {
				*mem.enables(&c) = &given
			}
		case memberPort:
			if v := int64In(plan, mem.name); !v.IsNull() && !v.IsUnknown() {
				*mem.num(&c) = v.ValueInt64Pointer()
			}
		case memberBool:
			b := boolIn(plan, mem.name).ValueBool() // null and unknown are false, JP1's default
			*mem.flag(&c) = &b
		case memberSecret:
			in := secretIn(mem.name, plan, was, cfg)
			if v := in.toSend(creating); v != nil {
				*mem.str(&c) = v
			} else if !creating && in.removed() {
				cleared := "" // the update flag alone: JP1 forgets the secret
				*mem.str(&c) = &cleared
			}
		}
	}
	return c, nil
}

// fromAPI refreshes every member JP1 returns into the block of the
// credential's type and nulls the others. Secrets are never returned: with
// withSecrets (the resource) each keeps what m's block holds, its write-only
// form null; the data sources have none.
func (m *analyticsCredentialModel) fromAPI(c *jp1api.Credential, withSecrets bool) error {
	snmpVersion := ""
	if c.SNMPVersion != nil {
		snmpVersion = *c.SNMPVersion
	}
	blk, ok := blockFor(c.CredentialType, snmpVersion)
	if !ok {
		return fmt.Errorf("JP1 returned credential %q of type %q (snmpVersion %q), which this provider does not know",
			c.Name, c.CredentialType, snmpVersion)
	}
	objTypes := blockDataAttrTypes
	if withSecrets {
		objTypes = blockAttrTypes
	}
	kept := m.attrsOf(blk.name)
	vals := map[string]attr.Value{}
	for _, mem := range membersOf(blk.name) {
		switch mem.kind {
		case memberString, memberEnum, memberSensitive:
			v := types.StringPointerValue(*mem.str(c))
			if mem.enables != nil && (*mem.enables(c) == nil || !**mem.enables(c)) {
				v = types.StringNull() // a protocol JP1 keeps while disabled is not in use
			}
			vals[mem.name] = v
		case memberPort:
			vals[mem.name] = types.Int64PointerValue(*mem.num(c))
		case memberBool:
			b := *mem.flag(c)
			vals[mem.name] = types.BoolValue(b != nil && *b)
		case memberSecret:
			if withSecrets {
				vals[mem.name] = knownOrNullString(stringIn(kept, mem.name))
				vals[mem.name+"_wo"] = types.StringNull() // write-only values are never persisted
				vals[mem.name+"_wo_version"] = knownOrNullInt64(int64In(kept, mem.name+"_wo_version"))
			}
		}
	}
	for _, b := range credentialBlocks {
		if b.name == blk.name {
			*m.block(b.name) = types.ObjectValueMust(objTypes[b.name], vals)
		} else {
			*m.block(b.name) = types.ObjectNull(objTypes[b.name])
		}
	}
	m.ID = types.StringValue(strconv.FormatInt(c.InstanceID, 10))
	m.InstanceID = types.Int64Value(c.InstanceID)
	m.Name = types.StringValue(c.Name)
	m.CredentialType = types.StringValue(blk.credType)
	m.NumOfRelatedResources = types.Int64Value(c.NumOfRelatedResources)
	return nil
}

func knownOrNullString(v types.String) types.String {
	if v.IsUnknown() {
		return types.StringNull()
	}
	return v
}

func knownOrNullInt64(v types.Int64) types.Int64 {
	if v.IsUnknown() {
		return types.Int64Null()
	}
	return v
}

// pendingState is the state a create that may have taken effect records (see
// addCreateError): the configuration, with what only JP1 can tell (the
// instanceID, the related resources, a port JP1 may fill in) left null and
// the write-only values dropped.
func (m analyticsCredentialModel) pendingState() *analyticsCredentialModel {
	m.ID = types.StringNull()
	m.InstanceID = types.Int64Null()
	m.NumOfRelatedResources = types.Int64Null()
	for _, b := range credentialBlocks {
		o := m.block(b.name)
		if o.IsNull() || o.IsUnknown() {
			*o = types.ObjectNull(blockAttrTypes[b.name])
			continue
		}
		vals := map[string]attr.Value{}
		for k, v := range o.Attributes() {
			if v.IsUnknown() || (len(k) > 3 && k[len(k)-3:] == "_wo") {
				v = nullOf(v)
			}
			vals[k] = v
		}
		*o = types.ObjectValueMust(blockAttrTypes[b.name], vals)
	}
	return &m
}

func nullOf(v attr.Value) attr.Value {
	switch v.(type) {
	case types.Int64:
		return types.Int64Null()
	case types.Bool:
		return types.BoolNull()
	default:
		return types.StringNull()
	}
}
