package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// The examples of issue 18: a short secret that is part of the name, or of an
// ordinary word, no longer gives itself away. The provider's text (the name,
// the advice) is whole; JP1's message, which would be the only place a secret
// could hide, is withheld with its status and messageId shown.
func TestAccSecrets_shortSecretsLeaveNamesWhole(t *testing.T) {
	for _, tc := range []struct{ name, config string }{
		{"win-dc-wmi", `
resource "jp1_analytics_credential" "c" {
  name = "win-dc-wmi"
  wmi {
    user_id  = "Administrator"
    password = "wmi"
  }
}`},
		{"core-switch-v3", `
resource "jp1_analytics_credential" "c" {
  name = "core-switch-v3"
  snmp_v1_v2c {
    community = "core"
  }
}`},
		{"web-exists-x", `
resource "jp1_analytics_credential" "c" {
  name = "web-exists-x"
  wmi {
    user_id  = "Administrator"
    password = "x"
  }
}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake, url := fakejp1test.Start(t)
			fake.PutCredential(fakejp1.Credential{Name: tc.name, CredentialType: "WMI", UserID: fakejp1test.Ptr("someone"), Password: fakejp1test.Ptr("other-pw"), PasswordNotRequired: fakejp1test.Ptr(false)})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				Steps: []resource.TestStep{{
					Config: providerConfig(url) + tc.config,
					ExpectError: regexp.MustCompile(messageRE(
						"HTTP 409 KNAQ02003-E: JP1's answer is withheld: it may repeat a secret that was sent (after 1 attempt).",
						fmt.Sprintf("credential named %q already exists", tc.name),
						fmt.Sprintf(`id = "name:%s"`, tc.name))),
				}},
			})
		})
	}
}
