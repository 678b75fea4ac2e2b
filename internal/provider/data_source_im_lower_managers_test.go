package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Every host the integration manager lists, managed here or not; none is an empty
// set, not null.
func TestAccIMLowerManagersDataSource(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.PutLowerManager("by-hand", "s")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(url) + `
resource "jp1_im_lower_manager" "managed" {
  hostname       = "lower01"
  initial_secret = "s"
}

data "jp1_im_lower_managers" "all" {
  depends_on = [jp1_im_lower_manager.managed]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.jp1_im_lower_managers.all", tfjsonpath.New("hostnames"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("by-hand"), knownvalue.StringExact("lower01")})),
				},
			},
			{
				PreConfig: func() {
					fake.DeleteLowerManager("by-hand")
					fake.DeleteLowerManager("lower01")
				},
				Config: providerConfig(url) + `data "jp1_im_lower_managers" "none" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.jp1_im_lower_managers.none", tfjsonpath.New("hostnames"), knownvalue.SetSizeExact(0)),
				},
			},
		},
	})
}
