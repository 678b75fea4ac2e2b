package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

const wmiWithPassword = `
resource "jp1_analytics_credential" "test" {
  name = "tf-wmi"
  wmi {
    user_id  = "Administrator"
    password = %q
  }
}`

// A plain `password` change is sent; switching to the write-only form sends that.
func TestAccAnalyticsCredential_sensitivePassword(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	passwordIs := func(want string) resource.TestCheckFunc {
		return func(_ *terraform.State) error {
			c, ok := fake.CredentialByName("tf-wmi")
			if !ok || c.Password == nil || *c.Password != want {
				return fmt.Errorf("the fake's password is not the configured one")
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: providerConfig(url) + fmt.Sprintf(wmiWithPassword, "pw-one"), Check: passwordIs("pw-one")},
			{
				Config: providerConfig(url) + fmt.Sprintf(wmiWithPassword, "pw-two"),
				Check:  passwordIs("pw-two"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(credAddr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				Config: providerConfig(url) + `
resource "jp1_analytics_credential" "test" {
  name = "tf-wmi"
  wmi {
    user_id             = "Administrator"
    password_wo         = "pw-three"
    password_wo_version = 1
  }
}`,
				Check: passwordIs("pw-three"),
			},
		},
	})
}

// A name that already exists in JP1 is not taken over: the error names it and says how to import it.
func TestAccAnalyticsCredential_conflictSuggestsImport(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.PutCredential(fakejp1.Credential{Name: "tf-wmi", CredentialType: "WMI", UserID: fakejp1test.Ptr("someone"), Password: fakejp1test.Ptr("x"), PasswordNotRequired: fakejp1test.Ptr(false)})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config:      providerConfig(url) + fmt.Sprintf(wmiWithPassword, "pw"),
			ExpectError: regexp.MustCompile(`(?s)409.*tf-wmi.*import \{\s+to = <resource address>\s+id = "name:tf-wmi"\s+\}`),
		}},
	})
	if n := len(fake.Credentials()); n != 1 {
		t.Errorf("the fake holds %d credentials, want the 1 that existed", n)
	}
}

// Wrong password and missing Admin permission say what to fix.
func TestAccAnalyticsCredential_authErrors(t *testing.T) {
	t.Parallel() // the cases share one fake, checked after both: they run in turn
	fake, url := fakejp1test.Start(t)
	cases := []struct{ user, password, want string }{
		{fakejp1.AnalyticsAdminUser, "wrong-password", `(?s)401.*analytics\.password.*JP1_ANALYTICS_PASSWORD`},
		{fakejp1.AnalyticsUserUser, fakejp1.AnalyticsUserPassword, `(?s)403.*needs the Admin permission`},
	}
	for _, c := range cases {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6Factories,
			Steps: []resource.TestStep{{
				Config:      providerConfigAs(url, fakejp1.IMAdminUser, fakejp1.IMAdminPassword, c.user, c.password) + fmt.Sprintf(wmiWithPassword, "pw"),
				ExpectError: regexp.MustCompile(c.want),
			}},
		})
	}
	if n := len(fake.Credentials()); n != 0 {
		t.Errorf("the fake holds %d credentials after refused requests, want 0", n)
	}
}

// Both data sources page through more credentials than one page (100) holds.
func TestAccAnalyticsCredentialDataSources_manyPages(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	for i := range 120 {
		typ := "SSH"
		if i%5 == 0 {
			typ = "WMI"
		}
		fake.PutCredential(fakejp1.Credential{Name: fmt.Sprintf("host-%03d", i), CredentialType: typ, UserID: fakejp1test.Ptr("u"), Password: fakejp1test.Ptr("p")})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: providerConfig(url) + `
data "jp1_analytics_credentials" "all" {}
data "jp1_analytics_credentials" "wmi" { credential_type = "WMI" }
data "jp1_analytics_credential" "by_name" { name = "host-119" }
data "jp1_analytics_credential" "by_id" { id = data.jp1_analytics_credential.by_name.id }
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.jp1_analytics_credentials.all", "credentials.#", "120"),
				resource.TestCheckResourceAttr("data.jp1_analytics_credentials.all", "credentials.119.name", "host-119"),
				resource.TestCheckResourceAttr("data.jp1_analytics_credentials.wmi", "credentials.#", "24"),
				resource.TestCheckResourceAttr("data.jp1_analytics_credential.by_name", "credential_type", "SSH"),
				resource.TestCheckResourceAttr("data.jp1_analytics_credential.by_id", "name", "host-119"),
				resource.TestCheckResourceAttr("data.jp1_analytics_credential.by_id", "ssh.user_id", "u"),
				resource.TestCheckNoResourceAttr("data.jp1_analytics_credential.by_id", "wmi.user_id"),
				resource.TestCheckResourceAttr("data.jp1_analytics_credentials.wmi", "credentials.0.wmi.user_id", "u"),
			),
		}},
	})
}
