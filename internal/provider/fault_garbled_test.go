package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// A 200 with a garbled body on the list calls is an error, never "nothing
// there": Read keeps every object (and the only copy of each client secret)
// in state, and once the answers are sound again the plan is empty.
func TestAccFaults_garbledListsKeepState(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	config := providerConfig(url) + `
resource "jp1_im_client" "c" { client_id = "c1" }

resource "jp1_proxy_user" "p" {
  user_id  = "u1"
  password = "pw"
}

resource "jp1_im_lower_manager" "l" {
  hostname       = "lower01"
  initial_secret = "s"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					fake.AddFault(fakejp1.Fault{Endpoint: "GET /im/api/v1/secret/client/list", Status: 200, Body: "{}"})
					fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/proxyUsers list", Status: 200, Body: ""})
					fake.AddFault(fakejp1.Fault{Endpoint: "GET /im/api/v1/subManagers", Status: 200, Body: `{"subManagers": null}`})
				},
				RefreshState: true,
				ExpectError:  regexp.MustCompile(`(?s)malformed`),
			},
			{
				PreConfig: fake.ClearFaults,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
