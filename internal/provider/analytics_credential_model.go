package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
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

func boolIn(attrs map[string]attr.Value, name string) types.Bool {
	if v, ok := attrs[name].(types.Bool); ok {
		return v
	}
	return types.BoolNull()
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
		c.SNMPVersion = ptr(blk.snmpVersion)
	}
	plan, err := blockOf(m, blk, blk.newBlock())
	if err != nil {
		return c, err
	}
	plan.toAPI(&c)
	if creating {
		prior = &analyticsCredentialModel{} // no prior secrets
	}
	secrets, err := secretChanges(blk, &c, m, prior, config)
	for _, s := range secrets {
		if v := s.in.toSend(creating); v != nil {
			*s.api = v
		} else if !creating && s.in.removed() {
			*s.api = ptr("") // the update flag alone: JP1 forgets the secret
		}
	}
	return c, err
}

// secretChange is one secret of a block: its member, what decides whether it
// is sent, and where in the API object.
type secretChange struct {
	member credentialMember
	in     secretInputs
	api    **string
}

// secretChanges returns the secrets of blk as plan, prior state and config
// give them, bound to their members in c.
func secretChanges(blk credentialBlock, c *jp1api.Credential, plan, prior, config *analyticsCredentialModel) ([]secretChange, error) {
	var secrets [3][]secretAttrs
	for i, m := range []*analyticsCredentialModel{plan, prior, config} {
		b, err := blockOf(m, blk, blk.newBlock())
		if err != nil {
			return nil, err
		}
		secrets[i] = b.secrets(c)
	}
	out := make([]secretChange, len(secrets[0]))
	for i, s := range secrets[0] {
		out[i] = secretChange{memberNamed(blk, s.name), secretIn(s, secrets[1][i], secrets[2][i]), s.api}
	}
	return out, nil
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
	objTypes, typed := blockDataAttrTypes, any(nil)
	if withSecrets {
		kept, err := blockOf(m, blk, blk.newBlock())
		if err != nil {
			return err
		}
		kept.fromAPI(c)
		for _, s := range kept.secrets(&jp1api.Credential{}) {
			*s.value = knownOrNullString(*s.value)
			*s.wo = types.StringNull() // write-only values are never persisted
			*s.version = knownOrNullInt64(*s.version)
		}
		objTypes, typed = blockAttrTypes, kept
	} else {
		data := blk.newData()
		data.fromAPI(c)
		typed = data
	}
	for _, b := range credentialBlocks {
		*m.block(b.name) = types.ObjectNull(objTypes[b.name])
	}
	if err := setBlock(m, blk, objTypes, typed); err != nil {
		return err
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
// the write-only values dropped. (A create plans every other value known.)
func (m analyticsCredentialModel) pendingState() (*analyticsCredentialModel, error) {
	m.ID = types.StringNull()
	m.InstanceID = types.Int64Null()
	m.NumOfRelatedResources = types.Int64Null()
	blk, ok := m.activeBlock()
	if !ok {
		return &m, nil
	}
	for _, other := range credentialBlocks {
		if o := m.block(other.name); o.IsUnknown() {
			*o = types.ObjectNull(blockAttrTypes[other.name])
		}
	}
	b, err := blockOf(&m, blk, blk.newBlock())
	if err != nil {
		return nil, err
	}
	if p := b.port(); p != nil {
		*p = knownOrNullInt64(*p)
	}
	for _, s := range b.secrets(&jp1api.Credential{}) {
		*s.value, *s.wo, *s.version = knownOrNullString(*s.value), types.StringNull(), knownOrNullInt64(*s.version)
	}
	return &m, setBlock(&m, blk, blockAttrTypes, b)
}

// setPendingState records plan.pendingState() in state.
func setPendingState(ctx context.Context, state *tfsdk.State, plan analyticsCredentialModel, diags *diag.Diagnostics) {
	pending, err := plan.pendingState()
	if err != nil {
		diags.AddError("Unexpected analytics credential", err.Error())
		return
	}
	diags.Append(state.Set(ctx, pending)...)
}
