package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Every plan-time rule of jp1_analytics_credential and its data sources, each with
// its own message; the fake must see no request at all.
func TestAccAnalyticsCredential_validation(t *testing.T) {
	fake, url := startFake(t)
	cred := func(body string) string {
		if !strings.HasPrefix(body, "name") {
			body = "name = \"bad\"\n" + body
		}
		return providerConfig(url) + fmt.Sprintf("resource \"jp1_analytics_credential\" \"bad\" {\n%s\n}\n", body)
	}
	long := strings.Repeat("x", 65)
	tooLongSecret := strings.Repeat("s", 256)
	cases := []struct{ name, body, want string }{
		{"unknown type", `credential_type = "FTP"`, `(?s)credential_type.*value must be one of`},
		{"empty name", `name = ""` + "\n" + `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "p"`, `(?s)name.*character count must be between 1 and 255`},
		{"user_id on SNMP", `credential_type = "SNMP"` + "\n" + `snmp_version = "V1_V2C"` + "\n" + `community = "public"` + "\n" + `user_id = "u"`, `(?s)user_id applies only to WMI, SSH and WBEM`},
		{"WMI without user_id", `credential_type = "WMI"` + "\n" + `password = "p"`, `(?s)user_id is required when credential_type is "WMI"`},
		{"WMI without password", `credential_type = "WMI"` + "\n" + `user_id = "u"`, `(?s)password or password_wo is required`},
		{"SSH without password", `credential_type = "SSH"` + "\n" + `user_id = "u"`, `(?s)password or password_wo is required`},
		{"port 0", `credential_type = "SSH"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `port_number = 0`, `(?s)port_number.*between 1 and 65535`},
		{"port 65536", `credential_type = "WBEM"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `port_number = 65536`, `(?s)port_number.*between 1 and 65535`},
		{"user_id too long", `credential_type = "WMI"` + "\n" + `password = "p"` + "\n" + `user_id = "` + long + `"`, `(?s)user_id.*character count must be between 1 and 64`},
		{"password too long", `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "` + tooLongSecret + `"`, `(?s)password.*length must be between 1 and 255`},
		{"password and password_wo", `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `password_wo = "q"` + "\n" + `password_wo_version = 1`, `(?s)"password_wo" cannot be specified when "password" is specified`},
		{"password_wo without version", `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password_wo = "q"`, `(?s)password_wo_version.*must be specified`},
		{"version without password_wo", `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `password_wo_version = 2`, `(?s)password_wo.*must be specified`},
		{"root_password on WMI", `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `root_password = "r"`, `(?s)root_password applies only to SSH`},
		{"domain_name on SSH", `credential_type = "SSH"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `domain_name = "d"`, `(?s)domain_name applies only to WMI`},
		{"ssl on SSH", `credential_type = "SSH"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `ssl = true`, `(?s)ssl applies only to WBEM`},
		{"password_not_required on WBEM", `credential_type = "WBEM"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `password_not_required = true`, `(?s)password_not_required applies only to WMI`},
		{"empty namespace", `credential_type = "WBEM"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `namespace = ""`, `(?s)namespace.*character count must be at least 1`},
		{"SNMP without version", `credential_type = "SNMP"` + "\n" + `community = "public"`, `(?s)snmp_version is required when credential_type is "SNMP"`},
		{"bad snmp_version", `credential_type = "SNMP"` + "\n" + `snmp_version = "V2"`, `(?s)snmp_version.*value must be one of`},
		{"V1_V2C without community", `credential_type = "SNMP"` + "\n" + `snmp_version = "V1_V2C"`, `(?s)community is required when snmp_version is "V1_V2C"`},
		{"community on V3", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `community = "c"`, `(?s)community applies only to SNMP with .snmp_version = "V1_V2C"`},
		{"snmp_version on WMI", `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `snmp_version = "V3"`, `(?s)snmp_version applies only to SNMP`},
		{"V3 without user_name", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"`, `(?s)user_name is required when snmp_version is "V3"`},
		{"user_name too long", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "` + long + `"`, `(?s)user_name.*character count must be between 1 and 64`},
		{"auth without protocol", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_enabled = true` + "\n" + `authentication_passphrase = "secret12"`, `(?s)authentication_protocol is required when authentication_enabled = true`},
		{"auth without passphrase", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_enabled = true` + "\n" + `authentication_protocol = "SHA1"`, `(?s)authentication_passphrase or authentication_passphrase_wo is required`},
		{"bad auth protocol", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_enabled = true` + "\n" + `authentication_protocol = "SHA256"` + "\n" + `authentication_passphrase = "x"`, `(?s)authentication_protocol.*value must be one of`},
		{"protocol without auth", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_protocol = "MD5"`, `(?s)authentication_protocol applies only when authentication_enabled = true`},
		{"privacy without auth", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `privacy_enabled = true` + "\n" + `privacy_protocol = "DES"` + "\n" + `privacy_passphrase = "x"`, `(?s)privacy_enabled = true requires authentication_enabled = true`},
		{"privacy without protocol", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_enabled = true` + "\n" + `authentication_protocol = "MD5"` + "\n" + `authentication_passphrase = "a"` + "\n" + `privacy_enabled = true` + "\n" + `privacy_passphrase = "x"`, `(?s)privacy_protocol is required when privacy_enabled = true`},
		{"bad privacy protocol", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_enabled = true` + "\n" + `authentication_protocol = "MD5"` + "\n" + `authentication_passphrase = "a"` + "\n" + `privacy_enabled = true` + "\n" + `privacy_protocol = "AES256"` + "\n" + `privacy_passphrase = "x"`, `(?s)privacy_protocol.*value must be one of`},
		{"privacy without passphrase", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_enabled = true` + "\n" + `authentication_protocol = "MD5"` + "\n" + `authentication_passphrase = "a"` + "\n" + `privacy_enabled = true` + "\n" + `privacy_protocol = "AES128"`, `(?s)privacy_passphrase or privacy_passphrase_wo is required`},
		{"name too long", `name = "` + strings.Repeat("n", 256) + `"` + "\n" + `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "p"`, `(?s)name.*character count must be between 1 and 255`},
		{"password over 255 bytes in 86 characters", `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "` + strings.Repeat("あ", 86) + `"`, `(?s)password.*length must be between 1 and 255`},
		{"root_password_wo too long", `credential_type = "SSH"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `root_password_wo = "` + tooLongSecret + `"` + "\n" + `root_password_wo_version = 1`, `(?s)root_password_wo.*length must be between 1 and 255`},
		{"authentication_passphrase too long", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_enabled = true` + "\n" + `authentication_protocol = "SHA1"` + "\n" + `authentication_passphrase = "` + tooLongSecret + `"`, `(?s)authentication_passphrase.*length must be between 1 and 255`},
		{"privacy_passphrase_wo too long", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `authentication_enabled = true` + "\n" + `authentication_protocol = "SHA1"` + "\n" + `authentication_passphrase = "a"` + "\n" + `privacy_enabled = true` + "\n" + `privacy_protocol = "DES"` + "\n" + `privacy_passphrase_wo = "` + tooLongSecret + `"` + "\n" + `privacy_passphrase_wo_version = 1`, `(?s)privacy_passphrase_wo.*length must be between 1 and 255`},
		{"port_number on WMI", `credential_type = "WMI"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `port_number = 135`, `(?s)port_number applies only to SSH, WBEM and SNMP`},
		{"namespace on SSH", `credential_type = "SSH"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `namespace = "root/cimv2"`, `(?s)namespace applies only to WBEM`},
		{"port_number not a number", `credential_type = "SSH"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `port_number = "ssh"`, `(?s)Inappropriate value for attribute "port_number".*a number is required`},
		{"ssl not a bool", `credential_type = "WBEM"` + "\n" + `user_id = "u"` + "\n" + `password = "p"` + "\n" + `ssl = "yes"`, `(?s)Inappropriate value for attribute "ssl".*a bool is required`},
		{"privacy passphrase without privacy", `credential_type = "SNMP"` + "\n" + `snmp_version = "V3"` + "\n" + `user_name = "n"` + "\n" + `privacy_passphrase = "x"`, `(?s)privacy_passphrase applies only when privacy_enabled = true`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, expectPlanError(cred(c.body), c.want))
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
