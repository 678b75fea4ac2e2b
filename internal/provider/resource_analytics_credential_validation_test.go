package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Every plan-time rule of jp1_analytics_credential and its data sources, each with
// its own message; the fake must see no request at all.
func TestAccAnalyticsCredential_validation(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	cred := func(body string) string {
		if !strings.HasPrefix(body, "name") {
			body = "name = \"bad\"\n" + body
		}
		return providerConfig(url) + fmt.Sprintf("resource \"jp1_analytics_credential\" \"bad\" {\n%s\n}\n", body)
	}
	long := strings.Repeat("x", 65)
	tooLongSecret := strings.Repeat("s", 256)
	wmi := func(extra string) string { return "wmi {\n user_id = \"u\"\n password = \"p\"\n" + extra + "\n}" }
	ssh := func(extra string) string { return "ssh {\n user_id = \"u\"\n password = \"p\"\n" + extra + "\n}" }
	v3 := func(extra string) string { return "snmp_v3 {\n user_name = \"n\"\n" + extra + "\n}" }
	auth := "authentication_protocol = \"SHA1\"\nauthentication_passphrase = \"a\"\n"
	cases := []struct{ name, body, want string }{
		{"no block", ``, `(?s)Exactly one credential type block.*wmi.*snmp_v3.*Found: none`},
		{"two blocks", wmi("") + "\n" + ssh(""), `(?s)Exactly one credential type block.*Found: wmi, ssh`},
		{"credential_type is read-only", `credential_type = "WMI"` + "\n" + wmi(""), `(?s)credential_type.*(read-only|computed|Invalid Configuration for Read-Only)`},
		{"misspelt member", "ssh {\n user_id = \"u\"\n password = \"p\"\n root_pasword = \"r\"\n}", `(?s)An argument named "root_pasword" is not expected here`},
		{"member of another type", "ssh {\n user_id = \"u\"\n password = \"p\"\n domain_name = \"d\"\n}", `(?s)An argument named "domain_name" is not expected here`},
		{"empty name", `name = ""` + "\n" + wmi(""), `(?s)name.*character count must be between 1 and 255`},
		{"name too long", `name = "` + strings.Repeat("n", 256) + `"` + "\n" + wmi(""), `(?s)name.*character count must be between 1 and 255`},
		{"WMI without user_id", "wmi {\n password = \"p\"\n}", `(?s)user_id is required in the wmi block`},
		{"WMI without password", "wmi {\n user_id = \"u\"\n}", `(?s)password or password_wo is required in the wmi block \(unless\s+password_not_required = true\)`},
		{"SSH without password", "ssh {\n user_id = \"u\"\n}", `(?s)password or password_wo is required in the ssh block`},
		{"port 0", ssh("port_number = 0"), `(?s)ssh.port_number must be between 1 and 65535, got 0`},
		{"port 65536", "wbem {\n user_id = \"u\"\n password = \"p\"\n port_number = 65536\n}", `(?s)wbem.port_number must be between 1 and 65535`},
		{"user_id too long", "wmi {\n password = \"p\"\n user_id = \"" + long + "\"\n}", `(?s)wmi.user_id must be 1 to 64 characters long, got 65`},
		{"password too long", "wmi {\n user_id = \"u\"\n password = \"" + tooLongSecret + "\"\n}", `(?s)password.*length must be between 1 and 255`},
		{"password over 255 bytes in 86 characters", "wmi {\n user_id = \"u\"\n password = \"" + strings.Repeat("あ", 86) + "\"\n}", `(?s)password.*length must be between 1 and 255`},
		{"password and password_wo", wmi("password_wo = \"q\"\npassword_wo_version = 1"), `(?s)"wmi.password_wo" cannot be specified when "wmi.password" is specified`},
		{"password_wo without version", "wmi {\n user_id = \"u\"\n password_wo = \"q\"\n}", `(?s)password_wo_version.*must be specified`},
		{"version without password_wo", wmi("password_wo_version = 2"), `(?s)password_wo.*must be specified`},
		{"root_password_wo too long", ssh("root_password_wo = \"" + tooLongSecret + "\"\nroot_password_wo_version = 1"), `(?s)root_password_wo.*length must be between 1 and 255`},
		{"empty namespace", "wbem {\n user_id = \"u\"\n password = \"p\"\n namespace = \"\"\n}", `(?s)wbem.namespace must not be empty`},
		{"V1_V2C without community", "snmp_v1_v2c {\n port_number = 161\n}", `(?s)community is required in the snmp_v1_v2c block`},
		{"community too long", "snmp_v1_v2c {\n community = \"" + tooLongSecret + "\"\n}", `(?s)snmp_v1_v2c.community must be 1 to 255 bytes long`},
		{"V3 without user_name", "snmp_v3 {\n port_number = 161\n}", `(?s)user_name is required in the snmp_v3 block`},
		{"user_name too long", "snmp_v3 {\n user_name = \"" + long + "\"\n}", `(?s)snmp_v3.user_name must be 1 to 64 characters long`},
		{"auth without passphrase", v3(`authentication_protocol = "SHA1"`), `(?s)authentication_passphrase or authentication_passphrase_wo is required when authentication_protocol is given`},
		{"passphrase without protocol", v3(`authentication_passphrase = "x"`), `(?s)snmp_v3.authentication_passphrase applies only together with snmp_v3.authentication_protocol`},
		{"bad auth protocol", v3("authentication_protocol = \"SHA256\"\nauthentication_passphrase = \"x\""), `(?s)snmp_v3.authentication_protocol must be one of .MD5. or .SHA1., got "SHA256"`},
		{"privacy without auth", v3("privacy_protocol = \"DES\"\nprivacy_passphrase = \"x\""), `(?s)snmp_v3.privacy_protocol applies only together with snmp_v3.authentication_protocol`},
		{"privacy without passphrase", v3(auth + `privacy_protocol = "AES128"`), `(?s)privacy_passphrase or privacy_passphrase_wo is required when privacy_protocol is given`},
		{"privacy passphrase without privacy", v3(auth + `privacy_passphrase = "x"`), `(?s)snmp_v3.privacy_passphrase applies only together with snmp_v3.privacy_protocol`},
		{"bad privacy protocol", v3(auth + "privacy_protocol = \"AES256\"\nprivacy_passphrase = \"x\""), `(?s)snmp_v3.privacy_protocol must be one of .DES. or .AES128., got "AES256"`},
		{"authentication_passphrase too long", v3("authentication_protocol = \"SHA1\"\nauthentication_passphrase = \"" + tooLongSecret + "\""), `(?s)authentication_passphrase.*length must be between 1 and 255`},
		{"privacy_passphrase_wo too long", v3(auth + "privacy_protocol = \"DES\"\nprivacy_passphrase_wo = \"" + tooLongSecret + "\"\nprivacy_passphrase_wo_version = 1"), `(?s)privacy_passphrase_wo.*length must be between 1 and 255`},
		{"port_number not a number", ssh(`port_number = "ssh"`), `(?s)Inappropriate value for attribute "port_number".*a number is required`},
		{"ssl not a bool", "wbem {\n user_id = \"u\"\n password = \"p\"\n ssl = \"yes\"\n}", `(?s)Inappropriate value for attribute "ssl".*a bool is required`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		// Terraform wraps long messages: any space may be a line break.
		steps = append(steps, expectPlanError(cred(c.body), strings.ReplaceAll(c.want, " ", `\s+`)))
	}
	dsSteps := []struct{ body, want string }{
		{`data "jp1_analytics_credential" "x" {}`, `(?s)Exactly one of these attributes must be configured: \[id,name\]`},
		{`data "jp1_analytics_credential" "x" {
  id   = "1"
  name = "a"
}`, `(?s)Exactly one of these attributes must be configured: \[id,name\]`},
		{`data "jp1_analytics_credential" "x" { id = "abc" }`, `(?s)id.*must be an instanceID`},
		{`data "jp1_analytics_credentials" "x" { credential_type = "ftp" }`, `(?s)credential_type.*value must be one of`},
	}
	for _, d := range dsSteps {
		steps = append(steps, expectPlanError(providerConfig(url)+d.body, d.want))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		Steps:                    steps,
	})
	assertNoRequests(t, fake)
}
