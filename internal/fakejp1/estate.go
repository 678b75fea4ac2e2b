package fakejp1

import "fmt"

// Estate is what SeedEstate made: the objects an operator created by hand in
// JP1 before Terraform, and the secrets they were made with (which JP1 never
// returns, and which whoever adopts them fills into the configuration).
type Estate struct {
	IMClients     []string          `json:"imClients"`
	ProxyUsers    map[string]string `json:"proxyUsers"`    // user ID → password
	LowerManagers map[string]string `json:"lowerManagers"` // host name → initial secret
	Credentials   []Credential      `json:"credentials"`   // as stored, instanceIDs given
}

// SeedEstate makes n objects of each kind, named "<prefix>-…": IM client IDs,
// proxy users, lower managers, and n analytics credentials of each of the five
// kinds (WMI, SSH, WBEM, SNMP v1/v2c, SNMPv3) with every member set, as the
// GUI would make them. It is the estate that list resources and
// `terraform query` adopt in the tests and the demo.
func (s *Server) SeedEstate(prefix string, n int) Estate {
	e := Estate{ProxyUsers: map[string]string{}, LowerManagers: map[string]string{}}
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("%s-client-%d", prefix, i)
		s.PutIMClient(id)
		e.IMClients = append(e.IMClients, id)
		user := fmt.Sprintf("%s-proxy-%d", prefix, i)
		e.ProxyUsers[user] = "Proxy-Pw-" + user
		s.PutProxyUser(user, e.ProxyUsers[user])
		host := fmt.Sprintf("%s-lm-%d.example", prefix, i)
		e.LowerManagers[host] = "Lm-Secret-" + host
		s.PutLowerManager(host, e.LowerManagers[host])
		for _, c := range estateCredentials(fmt.Sprintf("%s-%%s-%d", prefix, i)) {
			c.InstanceID = s.PutCredential(c)
			e.Credentials = append(e.Credentials, c)
		}
	}
	return e
}

// estateCredentials is one credential of each kind, named by nameFormat with
// the kind ("wmi", "ssh", …) for %s.
func estateCredentials(nameFormat string) []Credential {
	name := func(kind string) string { return fmt.Sprintf(nameFormat, kind) }
	return []Credential{
		{Name: name("wmi"), CredentialType: "WMI", UserID: ptr("Administrator"), DomainName: ptr("CORP"),
			Password: ptr("Wmi-Pw-" + name("wmi")), PasswordNotRequired: ptr(false)},
		{Name: name("ssh"), CredentialType: "SSH", UserID: ptr("jp1"), PortNumber: ptr(int64(2222)),
			Password: ptr("Ssh-Pw-" + name("ssh")), RootPassword: ptr("Root-Pw-" + name("ssh"))},
		{Name: name("wbem"), CredentialType: "WBEM", UserID: ptr("cim"), PortNumber: ptr(int64(5989)), SSL: ptr(true),
			Namespace: ptr("root/cimv2"), Password: ptr("Wbem-Pw-" + name("wbem"))},
		{Name: name("snmpv2"), CredentialType: "SNMP", SNMPVersion: ptr("V1_V2C"), Community: ptr("Comm-" + name("snmpv2"))},
		{Name: name("snmpv3"), CredentialType: "SNMP", SNMPVersion: ptr("V3"), UserName: ptr("v3user"), UserID: ptr("v3user"),
			AuthenticationEnabled: ptr(true), AuthenticationProtocol: ptr("SHA1"), AuthenticationPassphrase: ptr("Auth-Pw-" + name("snmpv3")),
			PrivacyEnabled: ptr(true), PrivacyProtocol: ptr("AES128"), PrivacyPassphrase: ptr("Priv-Pw-" + name("snmpv3"))},
	}
}

func ptr[T any](v T) *T { return &v }

// AdoptionSecrets is the estate's secrets as the jp1_secrets variable of
// examples/adopt-estate wants them, keyed "<resource type>.<object key>.<argument>":
// what an operator adopting the estate with `terraform query` fills in, since
// JP1 never returns a secret. (The argument names are the provider's; the
// demo and the adoption tests share them from here.)
func (e Estate) AdoptionSecrets() map[string]string {
	m := map[string]string{}
	for user, pw := range e.ProxyUsers {
		m["jp1_proxy_user."+user+".password"] = pw
	}
	for host, secret := range e.LowerManagers {
		m["jp1_im_lower_manager."+host+".initial_secret"] = secret
	}
	for _, c := range e.Credentials {
		prefix := "jp1_analytics_credential." + c.Name + "."
		for arg, v := range map[string]*string{
			"password": c.Password, "root_password": c.RootPassword, "community": c.Community,
			"authentication_passphrase": c.AuthenticationPassphrase, "privacy_passphrase": c.PrivacyPassphrase,
		} {
			if v != nil {
				m[prefix+arg] = *v
			}
		}
	}
	return m
}
