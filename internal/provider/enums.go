package provider

import "strings"

// Every enum the provider accepts is listed here once; the validators and the
// generated docs both read these lists, so they cannot disagree.
var (
	imAuthMethods           = []string{"login", "basic"}
	credentialTypes         = []string{credentialTypeWMI, credentialTypeSSH, credentialTypeWBEM, credentialTypeSNMP}
	authenticationProtocols = []string{"MD5", "SHA1"}
	privacyProtocols        = []string{"DES", "AES128"}
	defaultIMAuthMethod     = imAuthMethods[0]
)

const (
	credentialTypeWMI  = "WMI"
	credentialTypeSSH  = "SSH"
	credentialTypeWBEM = "WBEM"
	credentialTypeSNMP = "SNMP"
	snmpV1V2C          = "V1_V2C"
	snmpV3             = "V3"
)

// enumDoc renders a list as "`A`, `B` or `C`" for MarkdownDescription.
func enumDoc(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}
