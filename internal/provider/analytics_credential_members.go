package provider

import "strings"

// credentialBlock is one credential type as the configuration gives it: a
// single nested block named after the type (and, for SNMP, the version).
type credentialBlock struct {
	name        string // block name
	credType    string // JP1 credentialType
	snmpVersion string // JP1 snmpVersion, "" for the other types
	doc         string
	newBlock    func() blockModel // the resource's typed block
	newData     func() blockData  // the data sources' typed block
}

// credentialBlocks lists the blocks in the order the docs show them.
var credentialBlocks = []credentialBlock{
	{"wmi", credentialTypeWMI, "", "A WMI credential (Windows hosts).",
		func() blockModel { return &wmiBlock{} }, func() blockData { return &wmiData{} }},
	{"ssh", credentialTypeSSH, "", "An SSH credential (Linux and UNIX hosts).",
		func() blockModel { return &sshBlock{} }, func() blockData { return &sshData{} }},
	{"wbem", credentialTypeWBEM, "", "A WBEM credential (CIM servers such as storage and hypervisors).",
		func() blockModel { return &wbemBlock{} }, func() blockData { return &wbemData{} }},
	{"snmp_v1_v2c", credentialTypeSNMP, snmpV1V2C, "An SNMP v1/v2c credential (network devices).",
		func() blockModel { return &snmpV1V2CBlock{} }, func() blockData { return &snmpV1V2CData{} }},
	{"snmp_v3", credentialTypeSNMP, snmpV3, "An SNMPv3 credential (network devices).",
		func() blockModel { return &snmpV3Block{} }, func() blockData { return &snmpV3Data{} }},
}

// blockFor returns the block of a JP1 credentialType and snmpVersion.
func blockFor(credType, snmpVersion string) (credentialBlock, bool) {
	for _, b := range credentialBlocks {
		if strings.EqualFold(b.credType, credType) && (b.snmpVersion == "" || b.snmpVersion == snmpVersion) {
			return b, true
		}
	}
	return credentialBlock{}, false
}

func blockNames() []string {
	names := make([]string, len(credentialBlocks))
	for i, b := range credentialBlocks {
		names[i] = b.name
	}
	return names
}

// memberKind is how a member is typed, checked and sent.
type memberKind int

const (
	memberString    memberKind = iota // plain string
	memberEnum                        // one of enum
	memberPort                        // 1..65535; JP1 may fill in the protocol's default
	memberBool                        // defaults to false, as in JP1
	memberSensitive                   // a secret JP1 returns (the community): sensitive, read back
	memberSecret                      // a secret JP1 never returns: `<name>` or `<name>_wo` + `<name>_wo_version`
)

// credentialMember is one member of a credential type (docs/design/jp1-api.md §2.3). This
// table feeds the resource and data-source schemas, their docs and the
// plan-time rules; the typed blocks (analytics_credential_blocks.go) map the
// members to and from the API object.
type credentialMember struct {
	name   string // attribute name inside the block
	wire   string // JP1 member
	kind   memberKind
	blocks []string // blocks it belongs to
	doc    string

	required   bool     // must be given (a secret: `<name>` or `<name>_wo`)
	unlessTrue string   // not required when this boolean member is true
	needs      string   // may be given only together with this member
	requiredBy string   // required whenever this member is given
	enum       []string // memberEnum
	maxChars   int      // memberString: at most this many characters (0: no limit but non-empty)
}

var (
	passwordBlocks = []string{"wmi", "ssh", "wbem"}
	portBlocks     = []string{"ssh", "wbem", "snmp_v1_v2c", "snmp_v3"}
	snmpV3Only     = []string{"snmp_v3"}
)

// defaultPorts are the ports the provider expects JP1 to report, if any, for a
// credential saved without one. The manual names no default port: this is the
// provider's decision (docs/design/jp1-api.md §2.3, "Ports"), and a credential
// for which JP1 reports another one plans `(known after apply)` until the
// configuration gives the port.
var defaultPorts = map[string]int64{credentialTypeSSH: 22, credentialTypeWBEM: 5989, credentialTypeSNMP: 161}

var credentialMembers = []credentialMember{
	{name: "user_id", wire: "userId", kind: memberString, blocks: passwordBlocks, required: true, maxChars: 64,
		doc: "User ID JP1 logs in with, 1 to 64 characters."},
	{name: "domain_name", wire: "domainname", kind: memberString, blocks: []string{"wmi"},
		doc: "Windows domain of `user_id`."},
	{name: "password_not_required", wire: "passwordNotRequired", kind: memberBool, blocks: []string{"wmi"},
		doc: "Whether WMI connects without a password; when true, the password may be left out."},
	{name: "password", wire: "password", kind: memberSecret, blocks: passwordBlocks, required: true, unlessTrue: "password_not_required",
		doc: "Password of `user_id`. Required, except in `wmi` with `password_not_required = true`"},
	{name: "port_number", wire: "portNumber", kind: memberPort, blocks: portBlocks,
		doc: "Port to connect to, 1 to 65535. When it is left out, the provider sends none and JP1 chooses (the manual " +
			"names no default). If JP1 then reports no port, or the protocol's usual one (22 for SSH, 5989 for WBEM, " +
			"161 for SNMP), state keeps it without a diff; if it reports another one, every plan shows the port as " +
			"`(known after apply)`: give the port then."},
	{name: "root_password", wire: "rootPassword", kind: memberSecret, blocks: []string{"ssh"},
		doc: "Root password SSH uses to gain root privileges. Optional: removing it from the configuration clears it in " +
			"JP1 (the update sends `updateRootPassword` without a value, which the provider reads as clearing; the plan " +
			"warns). An imported credential may hold one that no configuration names: the plan warns of that too"},
	{name: "ssl", wire: "ssl", kind: memberBool, blocks: []string{"wbem"},
		doc: "Whether WBEM connects over SSL."},
	{name: "namespace", wire: "namespace", kind: memberString, blocks: []string{"wbem"},
		doc: "WBEM namespace, such as `root/cimv2`."},
	{name: "community", wire: "community", kind: memberSensitive, blocks: []string{"snmp_v1_v2c"}, required: true,
		doc: "SNMP community string, 1 to 255 bytes (the provider's limit: the manual gives none; a community JP1 " +
			"refuses is answered with HTTP 400 naming the member, and nothing changes). JP1 returns it, so a change " +
			"made outside Terraform shows in the plan; for the same reason it has no write-only form: it is kept in " +
			"state, marked sensitive, so that the plan can compare it."},
	{name: "user_name", wire: "userName", kind: memberString, blocks: snmpV3Only, required: true, maxChars: 64,
		doc: "SNMPv3 user name, 1 to 64 characters (JP1 also shows it as the credential's userId)."},
	{name: "authentication_protocol", wire: "authenticationProtocol", kind: memberEnum, blocks: snmpV3Only, enum: authenticationProtocols,
		doc: "SNMPv3 authentication protocol. Giving it enables authentication (JP1's `authenticationEnabled`); leaving it out disables it."},
	{name: "authentication_passphrase", wire: "authenticationPassphrase", kind: memberSecret, blocks: snmpV3Only,
		needs: "authentication_protocol", requiredBy: "authentication_protocol",
		doc: "SNMPv3 authentication passphrase. Required with `authentication_protocol`, and only with it"},
	{name: "privacy_protocol", wire: "privacyProtocol", kind: memberEnum, blocks: snmpV3Only, enum: privacyProtocols,
		needs: "authentication_protocol",
		doc:   "SNMPv3 privacy (encryption) protocol. Giving it enables privacy (JP1's `privacyEnabled`), which needs authentication."},
	{name: "privacy_passphrase", wire: "privacyPassphrase", kind: memberSecret, blocks: snmpV3Only,
		needs: "privacy_protocol", requiredBy: "privacy_protocol",
		doc: "SNMPv3 privacy passphrase. Required with `privacy_protocol`, and only with it; removing both clears it in " +
			"JP1 (the update sends `updatePrivacyPassphrase` without a value, which the provider reads as clearing; the plan warns)"},
}

// membersOf returns the members of a block, in table order.
func membersOf(block string) []credentialMember { return membersByBlock[block] }

// membersByBlock is the table by block, built once: every RPC walks it.
var membersByBlock = func() map[string][]credentialMember {
	out := map[string][]credentialMember{}
	for _, m := range credentialMembers {
		for _, b := range m.blocks {
			out[b] = append(out[b], m)
		}
	}
	return out
}()

func hasMember(block, name string) bool {
	for _, m := range membersOf(block) {
		if m.name == name {
			return true
		}
	}
	return false
}
