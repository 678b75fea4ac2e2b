package provider

import (
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// The MANAGER_INTEGRATED_<host> ID that a replaced integration manager left on
// its lower manager can be imported and destroyed (the manual says to delete
// it), but never issued, nor re-issued by a replacement.
func TestAccIMClient_integrationManagerID(t *testing.T) {
	const id = "MANAGER_INTEGRATED_oldhost"
	fake, url := fakejp1test.Start(t)
	fake.PutIMClient(id)
	fake.PutIMClient("MANAGER_INTEGRATED_newhost")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(url) + `
import {
  to = jp1_im_client.old
  id = "` + id + `"
}

resource "jp1_im_client" "old" {
  client_id = "` + id + `"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("jp1_im_client.old", tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue("jp1_im_client.old", tfjsonpath.New("client_secret"), knownvalue.Null()),
				},
			},
			{
				// A rotation would issue the ID again: refused at plan.
				Config: providerConfig(url) + `
resource "jp1_im_client" "old" {
  client_id = "` + id + `"
  keepers   = { rotated = "1" }
}`,
			},
			{
				Config: providerConfig(url) + `
resource "jp1_im_client" "old" {
  client_id = "` + id + `"
  keepers   = { rotated = "2" }
}`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)System client ID cannot be issued.*integration manager "oldhost"`),
			},
			{
				Config: providerConfig(url) + `
removed {
  from = jp1_im_client.old
  lifecycle {
    destroy = true
  }
}`,
				Check: func(*terraform.State) error {
					if ids := fake.IMClientIDs(); slices.Contains(ids, id) || !slices.Contains(ids, "MANAGER_INTEGRATED_newhost") {
						t.Errorf("client IDs after the destroy: %v, want %s gone and nothing else", ids, id)
					}
					return nil
				},
			},
		},
	})
	if n := fake.Count("POST /im/api/v1/secret/client/generateInfo"); n != 0 {
		t.Errorf("%d issue requests, want none", n)
	}
}
