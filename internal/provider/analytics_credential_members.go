package provider

import "strings"

// credentialMember says which credential types (and SNMP versions) a member of a
// JP1/OA credential applies to (docs/design/jp1-api.md §2.3). The validator, the request
// builder and the docs all read this one table.
type credentialMember struct {
	types []string
	snmp  string // "" for any SNMP version, else the only version it applies to
}

func (m credentialMember) appliesTo(credentialType, snmpVersion string) bool {
	for _, t := range m.types {
		if t == credentialType {
			return m.snmp == "" || credentialType != credentialTypeSNMP || m.snmp == snmpVersion
		}
	}
	return false
}

// doc renders "WMI, SSH and WBEM" or "SNMP `V3`" for attribute descriptions.
func (m credentialMember) doc() string {
	s := strings.Join(m.types, ", ")
	if i := strings.LastIndex(s, ", "); i >= 0 {
		s = s[:i] + " and " + s[i+2:]
	}
	if m.snmp != "" {
		s += " with `snmp_version = \"" + m.snmp + "\"`"
	}
	return s
}

var (
	forPasswordTypes = credentialMember{types: []string{credentialTypeWMI, credentialTypeSSH, credentialTypeWBEM}}
	forSNMPv3        = credentialMember{types: []string{credentialTypeSNMP}, snmp: snmpV3}
)

// credentialMembers maps each type-specific attribute to where it applies.
// The `_wo`/`_wo_version` forms of a secret follow their secret.
var credentialMembers = map[string]credentialMember{
	"user_id":                   forPasswordTypes,
	"password":                  forPasswordTypes,
	"password_not_required":     {types: []string{credentialTypeWMI}},
	"domain_name":               {types: []string{credentialTypeWMI}},
	"port_number":               {types: []string{credentialTypeSSH, credentialTypeWBEM, credentialTypeSNMP}},
	"root_password":             {types: []string{credentialTypeSSH}},
	"ssl":                       {types: []string{credentialTypeWBEM}},
	"namespace":                 {types: []string{credentialTypeWBEM}},
	"snmp_version":              {types: []string{credentialTypeSNMP}},
	"community":                 {types: []string{credentialTypeSNMP}, snmp: snmpV1V2C},
	"user_name":                 forSNMPv3,
	"authentication_enabled":    forSNMPv3,
	"authentication_protocol":   forSNMPv3,
	"authentication_passphrase": forSNMPv3,
	"privacy_enabled":           forSNMPv3,
	"privacy_protocol":          forSNMPv3,
	"privacy_passphrase":        forSNMPv3,
}

// appliesDoc is the "Applies to ..." sentence of an attribute's description.
func appliesDoc(attr string) string {
	return " Applies to " + credentialMembers[attr].doc() + "."
}

func applies(attr, credentialType, snmpVersion string) bool {
	return credentialMembers[attr].appliesTo(credentialType, snmpVersion)
}
