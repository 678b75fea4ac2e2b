package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// The typed blocks of jp1_analytics_credential: per credential type, the
// members JP1 returns (`…Data`, which the data sources show) and, embedding
// it, the resource's block with the secrets. Each maps itself to and from
// jp1api.Credential explicitly; a secret is one line of its block's secrets.

// blockData is a block's members JP1 returns.
type blockData interface {
	toAPI(c *jp1api.Credential)
	fromAPI(c *jp1api.Credential)
	port() *types.Int64 // nil for a type without a port
}

// blockModel is a resource block: the members JP1 returns and the secrets.
type blockModel interface {
	blockData
	// secrets binds each secret's attributes to its member in c.
	secrets(c *jp1api.Credential) []secretAttrs
}

type wmiData struct {
	UserID              types.String `tfsdk:"user_id"`
	DomainName          types.String `tfsdk:"domain_name"`
	PasswordNotRequired types.Bool   `tfsdk:"password_not_required"`
}

func (b *wmiData) toAPI(c *jp1api.Credential) {
	c.UserID, c.DomainName, c.PasswordNotRequired = knownString(b.UserID), knownString(b.DomainName), flag(b.PasswordNotRequired)
}

func (b *wmiData) fromAPI(c *jp1api.Credential) {
	b.UserID, b.DomainName = types.StringPointerValue(c.UserID), types.StringPointerValue(c.DomainName)
	b.PasswordNotRequired = flagValue(c.PasswordNotRequired)
}

func (b *wmiData) port() *types.Int64 { return nil }

// portAttr is the port of ssh, wbem and the SNMP blocks.
type portAttr struct {
	PortNumber types.Int64 `tfsdk:"port_number"`
}

func (p *portAttr) port() *types.Int64 { return &p.PortNumber }

func (p *portAttr) toAPI(c *jp1api.Credential) { c.PortNumber = knownInt64(p.PortNumber) }

func (p *portAttr) fromAPI(c *jp1api.Credential) {
	p.PortNumber = types.Int64PointerValue(c.PortNumber)
}

type sshData struct {
	UserID types.String `tfsdk:"user_id"`
	portAttr
}

func (b *sshData) toAPI(c *jp1api.Credential) {
	c.UserID = knownString(b.UserID)
	b.portAttr.toAPI(c)
}

func (b *sshData) fromAPI(c *jp1api.Credential) {
	b.UserID = types.StringPointerValue(c.UserID)
	b.portAttr.fromAPI(c)
}

// wbemData is what SSH has, and SSL and a namespace.
type wbemData struct {
	sshData
	SSL       types.Bool   `tfsdk:"ssl"`
	Namespace types.String `tfsdk:"namespace"`
}

func (b *wbemData) toAPI(c *jp1api.Credential) {
	b.sshData.toAPI(c)
	c.SSL, c.Namespace = flag(b.SSL), knownString(b.Namespace)
}

func (b *wbemData) fromAPI(c *jp1api.Credential) {
	b.sshData.fromAPI(c)
	b.SSL, b.Namespace = flagValue(c.SSL), types.StringPointerValue(c.Namespace)
}

type snmpV1V2CData struct {
	portAttr
	Community types.String `tfsdk:"community"`
}

func (b *snmpV1V2CData) toAPI(c *jp1api.Credential) {
	b.portAttr.toAPI(c)
	c.Community = knownString(b.Community)
}

func (b *snmpV1V2CData) fromAPI(c *jp1api.Credential) {
	b.portAttr.fromAPI(c)
	b.Community = types.StringPointerValue(c.Community)
}

type snmpV3Data struct {
	portAttr
	UserName               types.String `tfsdk:"user_name"`
	AuthenticationProtocol types.String `tfsdk:"authentication_protocol"`
	PrivacyProtocol        types.String `tfsdk:"privacy_protocol"`
}

// toAPI: giving a protocol enables it (JP1's authenticationEnabled, privacyEnabled).
func (b *snmpV3Data) toAPI(c *jp1api.Credential) {
	b.portAttr.toAPI(c)
	c.UserName = knownString(b.UserName)
	c.AuthenticationProtocol, c.PrivacyProtocol = knownString(b.AuthenticationProtocol), knownString(b.PrivacyProtocol)
	c.AuthenticationEnabled, c.PrivacyEnabled = ptr(c.AuthenticationProtocol != nil), ptr(c.PrivacyProtocol != nil)
}

// fromAPI: a protocol JP1 keeps while disabled is not in use.
func (b *snmpV3Data) fromAPI(c *jp1api.Credential) {
	b.portAttr.fromAPI(c)
	b.UserName = types.StringPointerValue(c.UserName)
	b.AuthenticationProtocol = enabledOnly(c.AuthenticationProtocol, c.AuthenticationEnabled)
	b.PrivacyProtocol = enabledOnly(c.PrivacyProtocol, c.PrivacyEnabled)
}

// passwordAttrs is the password of wmi, ssh and wbem.
type passwordAttrs struct {
	Password          types.String `tfsdk:"password"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
}

// secrets: a block's only secret is its password, unless the block says otherwise.
func (p *passwordAttrs) secrets(c *jp1api.Credential) []secretAttrs {
	return []secretAttrs{p.password(c)}
}

func (p *passwordAttrs) password(c *jp1api.Credential) secretAttrs {
	return secretAttrs{"password", &p.Password, &p.PasswordWO, &p.PasswordWOVersion, &c.Password}
}

type wmiBlock struct {
	wmiData
	passwordAttrs
}

type sshBlock struct {
	sshData
	passwordAttrs
	RootPassword          types.String `tfsdk:"root_password"`
	RootPasswordWO        types.String `tfsdk:"root_password_wo"`
	RootPasswordWOVersion types.Int64  `tfsdk:"root_password_wo_version"`
}

func (b *sshBlock) secrets(c *jp1api.Credential) []secretAttrs {
	return []secretAttrs{b.password(c),
		{"root_password", &b.RootPassword, &b.RootPasswordWO, &b.RootPasswordWOVersion, &c.RootPassword},
	}
}

type wbemBlock struct {
	wbemData
	passwordAttrs
}

type snmpV1V2CBlock struct {
	snmpV1V2CData
}

func (b *snmpV1V2CBlock) secrets(*jp1api.Credential) []secretAttrs { return nil }

type snmpV3Block struct {
	snmpV3Data
	AuthenticationPassphrase          types.String `tfsdk:"authentication_passphrase"`
	AuthenticationPassphraseWO        types.String `tfsdk:"authentication_passphrase_wo"`
	AuthenticationPassphraseWOVersion types.Int64  `tfsdk:"authentication_passphrase_wo_version"`
	PrivacyPassphrase                 types.String `tfsdk:"privacy_passphrase"`
	PrivacyPassphraseWO               types.String `tfsdk:"privacy_passphrase_wo"`
	PrivacyPassphraseWOVersion        types.Int64  `tfsdk:"privacy_passphrase_wo_version"`
}

func (b *snmpV3Block) secrets(c *jp1api.Credential) []secretAttrs {
	return []secretAttrs{
		{"authentication_passphrase", &b.AuthenticationPassphrase, &b.AuthenticationPassphraseWO, &b.AuthenticationPassphraseWOVersion,
			&c.AuthenticationPassphrase},
		{"privacy_passphrase", &b.PrivacyPassphrase, &b.PrivacyPassphraseWO, &b.PrivacyPassphraseWOVersion,
			&c.PrivacyPassphrase},
	}
}

// blockOf reads the block blk of m into its typed form; a null or unknown
// block reads as the zero value (every attribute null).
func blockOf[T any](m *analyticsCredentialModel, blk credentialBlock, typed T) (T, error) {
	o := m.block(blk.name)
	if o.IsNull() || o.IsUnknown() {
		return typed, nil
	}
	return typed, diagError(o.As(context.Background(), typed, basetypes.ObjectAsOptions{}))
}

// setBlock writes typed into the block blk of m, whose object type is attrTypes.
func setBlock(m *analyticsCredentialModel, blk credentialBlock, attrTypes map[string]map[string]attr.Type, typed any) error {
	o, diags := types.ObjectValueFrom(context.Background(), attrTypes[blk.name], typed)
	if err := diagError(diags); err != nil {
		return err
	}
	*m.block(blk.name) = o
	return nil
}

// diagError is the first error of diags, or nil.
func diagError(diags diag.Diagnostics) error {
	for _, d := range diags.Errors() {
		return errors.New(d.Summary() + ": " + d.Detail())
	}
	return nil
}

func knownString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueStringPointer()
}

func knownInt64(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return v.ValueInt64Pointer()
}

// flag is a boolean member as sent: null and unknown are false, JP1's default.
func flag(v types.Bool) *bool { return ptr(v.ValueBool()) }

func flagValue(b *bool) types.Bool { return types.BoolValue(b != nil && *b) }

func enabledOnly(protocol *string, enabled *bool) types.String {
	if enabled == nil || !*enabled {
		return types.StringNull()
	}
	return types.StringPointerValue(protocol)
}

func ptr[T any](v T) *T { return &v }
