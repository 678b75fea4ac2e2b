package provider

import (
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// analyticsCredentialDataModel is what the data sources expose of one credential:
// every member JP1 returns (secrets never are).
type analyticsCredentialDataModel struct {
	ID                     types.String `tfsdk:"id"`
	InstanceID             types.Int64  `tfsdk:"instance_id"`
	Name                   types.String `tfsdk:"name"`
	CredentialType         types.String `tfsdk:"credential_type"`
	UserID                 types.String `tfsdk:"user_id"`
	PasswordNotRequired    types.Bool   `tfsdk:"password_not_required"`
	PortNumber             types.Int64  `tfsdk:"port_number"`
	SSL                    types.Bool   `tfsdk:"ssl"`
	DomainName             types.String `tfsdk:"domain_name"`
	Namespace              types.String `tfsdk:"namespace"`
	Community              types.String `tfsdk:"community"`
	SNMPVersion            types.String `tfsdk:"snmp_version"`
	UserName               types.String `tfsdk:"user_name"`
	AuthenticationEnabled  types.Bool   `tfsdk:"authentication_enabled"`
	AuthenticationProtocol types.String `tfsdk:"authentication_protocol"`
	PrivacyEnabled         types.Bool   `tfsdk:"privacy_enabled"`
	PrivacyProtocol        types.String `tfsdk:"privacy_protocol"`
	NumOfRelatedResources  types.Int64  `tfsdk:"num_of_related_resources"`
}

func newAnalyticsCredentialDataModel(c *jp1api.Credential) analyticsCredentialDataModel {
	flag := func(b *bool) types.Bool { return types.BoolValue(b != nil && *b) }
	return analyticsCredentialDataModel{
		ID:                     types.StringValue(strconv.FormatInt(c.InstanceID, 10)),
		InstanceID:             types.Int64Value(c.InstanceID),
		Name:                   types.StringValue(c.Name),
		CredentialType:         types.StringValue(c.CredentialType),
		UserID:                 types.StringPointerValue(c.UserID),
		PasswordNotRequired:    flag(c.PasswordNotRequired),
		PortNumber:             types.Int64PointerValue(c.PortNumber),
		SSL:                    flag(c.SSL),
		DomainName:             types.StringPointerValue(c.DomainName),
		Namespace:              types.StringPointerValue(c.Namespace),
		Community:              types.StringPointerValue(c.Community),
		SNMPVersion:            types.StringPointerValue(c.SNMPVersion),
		UserName:               types.StringPointerValue(c.UserName),
		AuthenticationEnabled:  flag(c.AuthenticationEnabled),
		AuthenticationProtocol: types.StringPointerValue(c.AuthenticationProtocol),
		PrivacyEnabled:         flag(c.PrivacyEnabled),
		PrivacyProtocol:        types.StringPointerValue(c.PrivacyProtocol),
		NumOfRelatedResources:  types.Int64Value(c.NumOfRelatedResources),
	}
}

// analyticsCredentialDataAttributes describes those members for data source schemas.
// id and name are left to the caller, which decides whether they are arguments.
func analyticsCredentialDataAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"instance_id":              schema.Int64Attribute{Computed: true, MarkdownDescription: "The credential's instanceID."},
		"credential_type":          str("Protocol: " + enumDoc(credentialTypes) + "."),
		"user_id":                  str("User ID (for SNMPv3, the user name JP1 copied into it)."),
		"password_not_required":    boolean("Whether WMI connects without a password."),
		"port_number":              schema.Int64Attribute{Computed: true, MarkdownDescription: "Port, when one is set."},
		"ssl":                      boolean("Whether WBEM connects over SSL."),
		"domain_name":              str("Windows domain of the WMI user."),
		"namespace":                str("WBEM namespace."),
		"community":                schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "SNMP community string (V1_V2C)."},
		"snmp_version":             str("SNMP version: " + enumDoc(snmpVersions) + "."),
		"user_name":                str("SNMPv3 user name."),
		"authentication_enabled":   boolean("Whether SNMPv3 authentication is used."),
		"authentication_protocol":  str("SNMPv3 authentication protocol: " + enumDoc(authenticationProtocols) + "."),
		"privacy_enabled":          boolean("Whether SNMPv3 privacy is used."),
		"privacy_protocol":         str("SNMPv3 privacy protocol: " + enumDoc(privacyProtocols) + "."),
		"num_of_related_resources": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many monitored resources use the credential."},
	}
}
