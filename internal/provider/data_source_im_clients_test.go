package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// IDs JP1/IM registers itself are left out unless include_system = true; both lists are sorted.
func TestAccIMClientsDataSource_includeSystem(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	for _, id := range []string{"zeta-tool", "MANAGER_INTEGRATED_host1", "alpha tool", "AGENT_host2"} {
		fake.PutIMClient(id)
	}
	ids := func(want ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(want))
		for i, w := range want {
			checks[i] = knownvalue.StringExact(w)
		}
		return knownvalue.ListExact(checks)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: providerConfig(url) + `
data "jp1_im_clients" "default" {}
data "jp1_im_clients" "user" { include_system = false }
data "jp1_im_clients" "all" { include_system = true }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.jp1_im_clients.default", tfjsonpath.New("client_ids"), ids("alpha tool", "zeta-tool")),
				statecheck.ExpectKnownValue("data.jp1_im_clients.user", tfjsonpath.New("client_ids"), ids("alpha tool", "zeta-tool")),
				statecheck.ExpectKnownValue("data.jp1_im_clients.all", tfjsonpath.New("client_ids"),
					ids("AGENT_host2", "MANAGER_INTEGRATED_host1", "alpha tool", "zeta-tool")),
			},
		}},
	})
}

// No clients is an empty list, not null.
func TestAccIMClientsDataSource_empty(t *testing.T) {
	_, url := fakejp1test.Start(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: providerConfig(url) + `data "jp1_im_clients" "none" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.jp1_im_clients.none", tfjsonpath.New("client_ids"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}
