package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ValidateConfig checks the rules that span attributes (docs/design/jp1-api.md §2.3 and §2.4), so a
// credential JP1 would refuse fails at validate/plan and no request is sent.
func (r *analyticsCredentialResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m analyticsCredentialModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateCredentialMembers(&m, &resp.Diagnostics)
}

func validateCredentialMembers(m *analyticsCredentialModel, diags *diag.Diagnostics) {
	if m.CredentialType.IsUnknown() || m.CredentialType.IsNull() {
		return // nothing to check against until the type is known
	}
	t := m.CredentialType.ValueString()
	v := m.SNMPVersion.ValueString()
	if t == credentialTypeSNMP && m.SNMPVersion.IsUnknown() {
		return
	}

	set := map[string]attr.Value{
		"user_id":                              m.UserID,
		"password_not_required":                m.PasswordNotRequired,
		"domain_name":                          m.DomainName,
		"port_number":                          m.PortNumber,
		"ssl":                                  m.SSL,
		"namespace":                            m.Namespace,
		"snmp_version":                         m.SNMPVersion,
		"community":                            m.Community,
		"user_name":                            m.UserName,
		"authentication_enabled":               m.AuthenticationEnabled,
		"authentication_protocol":              m.AuthenticationProtocol,
		"privacy_enabled":                      m.PrivacyEnabled,
		"privacy_protocol":                     m.PrivacyProtocol,
		"password":                             m.Password,
		"password_wo":                          m.PasswordWO,
		"password_wo_version":                  m.PasswordWOVersion,
		"root_password":                        m.RootPassword,
		"root_password_wo":                     m.RootPasswordWO,
		"root_password_wo_version":             m.RootPasswordWOVersion,
		"authentication_passphrase":            m.AuthenticationPassphrase,
		"authentication_passphrase_wo":         m.AuthenticationPassphraseWO,
		"authentication_passphrase_wo_version": m.AuthenticationPassphraseWOVersion,
		"privacy_passphrase":                   m.PrivacyPassphrase,
		"privacy_passphrase_wo":                m.PrivacyPassphraseWO,
		"privacy_passphrase_wo_version":        m.PrivacyPassphraseWOVersion,
	}
	// Members that do not apply to this type (or SNMP version).
	for name, val := range set {
		member := baseMember(name)
		if val.IsNull() || applies(member, t, v) {
			continue
		}
		diags.AddAttributeError(path.Root(name), "Attribute does not apply to this credential",
			fmt.Sprintf("%s applies only to %s; remove it for credential_type %q%s.", name, credentialMembers[member].doc(), t, snmpSuffix(t, v)))
	}

	required := func(name, why string) {
		if set[name].IsNull() {
			diags.AddAttributeError(path.Root(name), "Missing required attribute",
				fmt.Sprintf("%s is required %s.", name, why))
		}
	}
	secretRequired := func(name, why string) {
		if set[name].IsNull() && set[name+"_wo"].IsNull() {
			diags.AddAttributeError(path.Root(name), "Missing required secret",
				fmt.Sprintf("%s or %s_wo is required %s.", name, name, why))
		}
	}
	isTrue := func(name string) bool {
		b, ok := set[name].(interface{ ValueBool() bool })
		return ok && !set[name].IsUnknown() && b.ValueBool()
	}
	whenType := fmt.Sprintf("when credential_type is %q", t)

	switch t {
	case credentialTypeWMI, credentialTypeSSH, credentialTypeWBEM:
		required("user_id", whenType)
		passwordOptional := t == credentialTypeWMI && (isTrue("password_not_required") || set["password_not_required"].IsUnknown())
		if !passwordOptional {
			secretRequired("password", whenType+" (for WMI, unless password_not_required = true)")
		}
	case credentialTypeSNMP:
		required("snmp_version", whenType)
		switch v {
		case snmpV1V2C:
			required("community", `when snmp_version is "V1_V2C"`)
		case snmpV3:
			required("user_name", `when snmp_version is "V3"`)
			for _, group := range []string{"authentication", "privacy"} {
				enabled := group + "_enabled"
				if set[enabled].IsUnknown() {
					continue
				}
				if isTrue(enabled) {
					required(group+"_protocol", "when "+enabled+" = true")
					secretRequired(group+"_passphrase", "when "+enabled+" = true")
					continue
				}
				for _, name := range []string{group + "_protocol", group + "_passphrase", group + "_passphrase_wo", group + "_passphrase_wo_version"} {
					if !set[name].IsNull() {
						diags.AddAttributeError(path.Root(name), "Attribute needs "+enabled,
							fmt.Sprintf("%s applies only when %s = true; set %s = true or remove %s.", name, enabled, enabled, name))
					}
				}
			}
			if isTrue("privacy_enabled") && !set["authentication_enabled"].IsUnknown() && !isTrue("authentication_enabled") {
				diags.AddAttributeError(path.Root("privacy_enabled"), "Privacy needs authentication",
					"privacy_enabled = true requires authentication_enabled = true (SNMPv3 has no privacy without authentication).")
			}
		}
	}
}

// baseMember maps `x_wo` and `x_wo_version` to the secret `x` they stand for.
func baseMember(name string) string {
	for _, suffix := range []string{"_wo_version", "_wo"} {
		if n := len(name) - len(suffix); n > 0 && name[n:] == suffix {
			return name[:n]
		}
	}
	return name
}

func snmpSuffix(t, v string) string {
	if t == credentialTypeSNMP && v != "" {
		return fmt.Sprintf(" with snmp_version %q", v)
	}
	return ""
}
