package provider

import (
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// analyticsCredentialModel is the resource's state, plan and configuration.
type analyticsCredentialModel struct {
	ID                                types.String `tfsdk:"id"`
	InstanceID                        types.Int64  `tfsdk:"instance_id"`
	Name                              types.String `tfsdk:"name"`
	CredentialType                    types.String `tfsdk:"credential_type"`
	UserID                            types.String `tfsdk:"user_id"`
	Password                          types.String `tfsdk:"password"`
	PasswordWO                        types.String `tfsdk:"password_wo"`
	PasswordWOVersion                 types.Int64  `tfsdk:"password_wo_version"`
	PasswordNotRequired               types.Bool   `tfsdk:"password_not_required"`
	PortNumber                        types.Int64  `tfsdk:"port_number"`
	RootPassword                      types.String `tfsdk:"root_password"`
	RootPasswordWO                    types.String `tfsdk:"root_password_wo"`
	RootPasswordWOVersion             types.Int64  `tfsdk:"root_password_wo_version"`
	SSL                               types.Bool   `tfsdk:"ssl"`
	DomainName                        types.String `tfsdk:"domain_name"`
	Namespace                         types.String `tfsdk:"namespace"`
	Community                         types.String `tfsdk:"community"`
	SNMPVersion                       types.String `tfsdk:"snmp_version"`
	UserName                          types.String `tfsdk:"user_name"`
	AuthenticationEnabled             types.Bool   `tfsdk:"authentication_enabled"`
	AuthenticationProtocol            types.String `tfsdk:"authentication_protocol"`
	AuthenticationPassphrase          types.String `tfsdk:"authentication_passphrase"`
	AuthenticationPassphraseWO        types.String `tfsdk:"authentication_passphrase_wo"`
	AuthenticationPassphraseWOVersion types.Int64  `tfsdk:"authentication_passphrase_wo_version"`
	PrivacyEnabled                    types.Bool   `tfsdk:"privacy_enabled"`
	PrivacyProtocol                   types.String `tfsdk:"privacy_protocol"`
	PrivacyPassphrase                 types.String `tfsdk:"privacy_passphrase"`
	PrivacyPassphraseWO               types.String `tfsdk:"privacy_passphrase_wo"`
	PrivacyPassphraseWOVersion        types.Int64  `tfsdk:"privacy_passphrase_wo_version"`
	NumOfRelatedResources             types.Int64  `tfsdk:"num_of_related_resources"`
}

// credentialSecret is one secret member: its attribute, its inputs and its place in the API object.
type credentialSecret struct {
	attr string
	in   secretInputs
	set  func(*jp1api.Credential, *string)
}

// secrets pairs each secret's inputs with where it goes in the API object.
// prior is the state (zero value on create); config holds the write-only values.
func (m *analyticsCredentialModel) secrets(prior, config *analyticsCredentialModel) []credentialSecret {
	return []credentialSecret{
		{"password", secretInputs{m.Password, prior.Password, config.PasswordWO, m.PasswordWOVersion, prior.PasswordWOVersion},
			func(c *jp1api.Credential, v *string) { c.Password = v }},
		{"root_password", secretInputs{m.RootPassword, prior.RootPassword, config.RootPasswordWO, m.RootPasswordWOVersion, prior.RootPasswordWOVersion},
			func(c *jp1api.Credential, v *string) { c.RootPassword = v }},
		{"authentication_passphrase", secretInputs{m.AuthenticationPassphrase, prior.AuthenticationPassphrase, config.AuthenticationPassphraseWO, m.AuthenticationPassphraseWOVersion, prior.AuthenticationPassphraseWOVersion},
			func(c *jp1api.Credential, v *string) { c.AuthenticationPassphrase = v }},
		{"privacy_passphrase", secretInputs{m.PrivacyPassphrase, prior.PrivacyPassphrase, config.PrivacyPassphraseWO, m.PrivacyPassphraseWOVersion, prior.PrivacyPassphraseWOVersion},
			func(c *jp1api.Credential, v *string) { c.PrivacyPassphrase = v }},
	}
}

// toAPI builds the full object JP1 expects (a PUT replaces every member), sending
// only the members that apply to the type and only the secrets that must change.
func (m *analyticsCredentialModel) toAPI(prior, config *analyticsCredentialModel, creating bool) jp1api.Credential {
	t, v := m.CredentialType.ValueString(), m.SNMPVersion.ValueString()
	c := jp1api.Credential{Name: m.Name.ValueString(), CredentialType: t}
	str := func(attr string, val types.String) *string {
		if !applies(attr, t, v) || val.IsNull() || val.IsUnknown() {
			return nil
		}
		s := val.ValueString()
		return &s
	}
	boolean := func(attr string, val types.Bool) *bool {
		if !applies(attr, t, v) {
			return nil
		}
		b := val.ValueBool() // null and unknown are false, JP1's default
		return &b
	}
	c.UserID = str("user_id", m.UserID)
	c.PasswordNotRequired = boolean("password_not_required", m.PasswordNotRequired)
	if applies("port_number", t, v) && !m.PortNumber.IsNull() && !m.PortNumber.IsUnknown() {
		p := m.PortNumber.ValueInt64()
		c.PortNumber = &p
	}
	c.SSL = boolean("ssl", m.SSL)
	c.DomainName = str("domain_name", m.DomainName)
	c.Namespace = str("namespace", m.Namespace)
	c.Community = str("community", m.Community)
	c.SNMPVersion = str("snmp_version", m.SNMPVersion)
	c.UserName = str("user_name", m.UserName)
	c.AuthenticationEnabled = boolean("authentication_enabled", m.AuthenticationEnabled)
	c.AuthenticationProtocol = str("authentication_protocol", m.AuthenticationProtocol)
	c.PrivacyEnabled = boolean("privacy_enabled", m.PrivacyEnabled)
	c.PrivacyProtocol = str("privacy_protocol", m.PrivacyProtocol)
	for _, s := range m.secrets(prior, config) {
		if applies(s.attr, t, v) {
			s.set(&c, s.in.toSend(creating))
		}
	}
	return c
}

// fromAPI refreshes every member JP1 returns. Secrets are never returned, so the
// secret attributes and their versions keep what m already holds.
func (m *analyticsCredentialModel) fromAPI(c *jp1api.Credential) {
	m.ID = types.StringValue(strconv.FormatInt(c.InstanceID, 10))
	m.InstanceID = types.Int64Value(c.InstanceID)
	m.Name = types.StringValue(c.Name)
	m.CredentialType = types.StringValue(c.CredentialType)
	m.UserID = types.StringPointerValue(c.UserID)
	m.PasswordNotRequired = types.BoolValue(c.PasswordNotRequired != nil && *c.PasswordNotRequired)
	m.PortNumber = types.Int64PointerValue(c.PortNumber)
	m.SSL = types.BoolValue(c.SSL != nil && *c.SSL)
	m.DomainName = types.StringPointerValue(c.DomainName)
	m.Namespace = types.StringPointerValue(c.Namespace)
	m.Community = types.StringPointerValue(c.Community)
	m.SNMPVersion = types.StringPointerValue(c.SNMPVersion)
	m.UserName = types.StringPointerValue(c.UserName)
	m.AuthenticationEnabled = types.BoolValue(c.AuthenticationEnabled != nil && *c.AuthenticationEnabled)
	m.AuthenticationProtocol = types.StringPointerValue(c.AuthenticationProtocol)
	m.PrivacyEnabled = types.BoolValue(c.PrivacyEnabled != nil && *c.PrivacyEnabled)
	m.PrivacyProtocol = types.StringPointerValue(c.PrivacyProtocol)
	m.NumOfRelatedResources = types.Int64Value(c.NumOfRelatedResources)
	// Write-only values are never persisted.
	m.PasswordWO = types.StringNull()
	m.RootPasswordWO = types.StringNull()
	m.AuthenticationPassphraseWO = types.StringNull()
	m.PrivacyPassphraseWO = types.StringNull()
}

// pendingState is the state a create that may have taken effect records (see
// addCreateError): the configuration, with what only JP1 can tell (the
// instanceID, the related resources, an SNMPv3 user ID) left null.
func (m analyticsCredentialModel) pendingState() *analyticsCredentialModel {
	m.ID = types.StringNull()
	m.InstanceID = types.Int64Null()
	m.NumOfRelatedResources = types.Int64Null()
	if m.UserID.IsUnknown() {
		m.UserID = types.StringNull()
	}
	m.PasswordWO = types.StringNull()
	m.RootPasswordWO = types.StringNull()
	m.AuthenticationPassphraseWO = types.StringNull()
	m.PrivacyPassphraseWO = types.StringNull()
	return &m
}
