package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// A replacement plans `id` as the new client_id / user_id, not "(known after
// apply)": a plan shows only what will change.
func TestAccPlan_replacementKnowsID(t *testing.T) {
	_, url := fakejp1test.Start(t)
	config := func(rotation, user string) string {
		return providerConfig(url) + `
resource "jp1_im_client" "test" {
  client_id = "plan-id"
  keepers   = { rotation = "` + rotation + `" }
}

resource "jp1_proxy_user" "test" {
  user_id  = "` + user + `"
  password = "pw"
}

resource "jp1_im_lower_manager" "test" {
  hostname       = "lm-` + user + `.example"
  initial_secret = "lm-secret"
}`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: config("1", "user-a"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue("jp1_im_client.test", tfjsonpath.New("id"), knownvalue.StringExact("plan-id")),
					plancheck.ExpectKnownValue("jp1_proxy_user.test", tfjsonpath.New("id"), knownvalue.StringExact("user-a")),
					plancheck.ExpectKnownValue("jp1_im_lower_manager.test", tfjsonpath.New("id"), knownvalue.StringExact("lm-user-a.example")),
				}},
			},
			{
				Config: config("2", "user-b"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("jp1_im_client.test", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue("jp1_im_client.test", tfjsonpath.New("id"), knownvalue.StringExact("plan-id")),
					plancheck.ExpectResourceAction("jp1_proxy_user.test", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue("jp1_proxy_user.test", tfjsonpath.New("id"), knownvalue.StringExact("user-b")),
					plancheck.ExpectResourceAction("jp1_im_lower_manager.test", plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue("jp1_im_lower_manager.test", tfjsonpath.New("id"), knownvalue.StringExact("lm-user-b.example")),
				}},
			},
		},
	})
}

// An IM resource under a provider without IM fails at plan with the clear
// error, so a drift check on a new configuration reports an error, not drift;
// a configuration that uses only IM needs no Analytics settings.
func TestAccPlan_productNotConfigured(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	analyticsOnly := `
provider "jp1" {
  analytics = {
    endpoint = "` + url + `"
    username = "` + fakejp1.AnalyticsAdminUser + `"
    password = "` + fakejp1.AnalyticsAdminPassword + `"
  }
}
`
	imOnly := `
provider "jp1" {
  im = {
    endpoint = "` + url + `"
    username = "` + fakejp1.IMAdminUser + `"
    password = "` + fakejp1.IMAdminPassword + `"
  }
}
`
	const imResources = `
resource "jp1_im_client" "c" {
  client_id = "nc-client"
}

resource "jp1_proxy_user" "u" {
  user_id  = "nc-user"
  password = "pw"
}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			expectPlanError(analyticsOnly+`resource "jp1_im_client" "c" { client_id = "nc-client" }`,
				`(?s)JP1/IM Manager connection is not configured.*im.endpoint`),
			expectPlanError(analyticsOnly+`resource "jp1_proxy_user" "u" {
  user_id  = "nc-user"
  password = "pw"
}`, `(?s)JP1/IM Manager connection is not configured.*im.endpoint`),
			expectPlanError(analyticsOnly+`resource "jp1_im_lower_manager" "m" {
  hostname       = "nc-lower"
  initial_secret = "initial"
}`, `(?s)JP1/IM Manager connection is not configured.*im.endpoint`),
			expectPlanError(imOnly+`resource "jp1_analytics_credential" "a" {
  name = "nc-cred"
  snmp_v1_v2c {
    community = "public"
  }
}`, `(?s)JP1/Operations Analytics connection is not configured.*analytics.endpoint`),
			{
				Config:             imOnly + imResources,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	if n := fake.TotalRequests(); n != 0 {
		t.Errorf("plans sent %d requests: %v", n, fake.Counts())
	}
}
