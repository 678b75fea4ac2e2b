package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// user_ids lists every proxy user, sorted; no users is an empty list, not null.
func TestAccProxyUsersDataSource_userIDs(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(url) + `data "jp1_proxy_users" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.jp1_proxy_users.all", tfjsonpath.New("user_ids"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				PreConfig: func() {
					fake.PutProxyUser("web-proxy", "x")
					fake.PutProxyUser("api_proxy", "y")
					fake.PutProxyUser("Backup", "z")
				},
				Config: providerConfig(url) + `data "jp1_proxy_users" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.jp1_proxy_users.all", tfjsonpath.New("user_ids"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("Backup"), knownvalue.StringExact("api_proxy"), knownvalue.StringExact("web-proxy"),
					})),
				},
			},
		},
	})
}
