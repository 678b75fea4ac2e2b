package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// The list endpoint of each collection, as the fake counts it.
var listEndpoints = []string{
	"GET /im/api/v1/secret/client/list",
	"POST /im/api/v1/proxyUsers list",
	"GET /im/api/v1/subManagers",
	"GET /Analytics/v1/objects/Credentials",
}

// listBlocks is a query configuration with one list block per resource type.
func listBlocks(url string, extra string) string {
	return providerConfig(url) + `
list "jp1_im_client" "all" {
  provider = jp1
}
list "jp1_proxy_user" "all" {
  provider = jp1
}
list "jp1_im_lower_manager" "all" {
  provider = jp1
}
list "jp1_analytics_credential" "all" {
  provider = jp1
}
` + extra
}

// `terraform query` lists every object of each type that JP1 holds, by its
// identity and display name, with one list call per collection whatever the
// number of objects; JP1's own client IDs are hidden unless asked for.
func TestAccList_everyCollection(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	estate := fake.SeedEstate("gui", 3)
	fake.PutIMClient("AGENT_host1")
	fake.PutIMClient("MANAGER_host2")
	fake.PutIMClient("MANAGER_INTEGRATED_im-top")
	fake.ResetCounts()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{{
			Query:  true,
			Config: listBlocks(url, ""),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("jp1_im_client.all", 3),
				querycheck.ExpectLength("jp1_proxy_user.all", 3),
				querycheck.ExpectLength("jp1_im_lower_manager.all", 3),
				querycheck.ExpectLength("jp1_analytics_credential.all", 15),
				querycheck.ExpectIdentity("jp1_im_client.all", map[string]knownvalue.Check{
					"client_id": knownvalue.StringExact("gui-client-2")}),
				querycheck.ExpectIdentity("jp1_proxy_user.all", map[string]knownvalue.Check{
					"user_id": knownvalue.StringExact("gui-proxy-3")}),
				querycheck.ExpectIdentity("jp1_im_lower_manager.all", map[string]knownvalue.Check{
					"hostname": knownvalue.StringExact("gui-lm-1.example")}),
				querycheck.ExpectIdentity("jp1_analytics_credential.all", map[string]knownvalue.Check{
					"instance_id": knownvalue.Int64Exact(estate.Credentials[14].InstanceID)}),
				querycheck.ExpectResourceDisplayName("jp1_analytics_credential.all",
					queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
						"instance_id": knownvalue.Int64Exact(estate.Credentials[0].InstanceID)}),
					knownvalue.StringExact(estate.Credentials[0].Name)),
				querycheck.ExpectResourceDisplayName("jp1_proxy_user.all",
					queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"user_id": knownvalue.StringExact("gui-proxy-1")}),
					knownvalue.StringExact("gui-proxy-1")),
				expectRequests(fake, listEndpoints, 1),
			},
		}},
	})
}

// The filters: JP1's own client IDs that can be imported (and only those),
// credentials by type and by name, and include_resource filling in every
// non-secret attribute as a read after import would.
func TestAccList_filtersAndResources(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	estate := fake.SeedEstate("gui", 2)
	fake.PutIMClient("AGENT_host1")
	fake.PutIMClient("MANAGER_host2")
	fake.PutIMClient("MANAGER_INTEGRATED_im-top")
	ssh := estate.Credentials[1]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{{
			Query: true,
			Config: providerConfig(url) + `
list "jp1_im_client" "system" {
  provider = jp1
  config {
    include_system = true
  }
}
list "jp1_analytics_credential" "snmp" {
  provider = jp1
  config {
    credential_type = "SNMP"
  }
}
list "jp1_analytics_credential" "second_ssh" {
  provider         = jp1
  include_resource = true
  config {
    name_regex = "^gui-ssh-2$"
  }
}
list "jp1_analytics_credential" "snmp_resources" {
  provider         = jp1
  include_resource = true
  config {
    name_regex = "^gui-snmpv2-1$"
  }
}
list "jp1_proxy_user" "resources" {
  provider         = jp1
  include_resource = true
}
list "jp1_analytics_credential" "first" {
  provider = jp1
  limit    = 4
}
`,
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("jp1_im_client.system", 3),
				querycheck.ExpectIdentity("jp1_im_client.system", map[string]knownvalue.Check{
					"client_id": knownvalue.StringExact("MANAGER_INTEGRATED_im-top")}),
				querycheck.ExpectLength("jp1_analytics_credential.snmp", 4),
				querycheck.ExpectLength("jp1_analytics_credential.second_ssh", 1),
				querycheck.ExpectLength("jp1_analytics_credential.first", 4),
				querycheck.ExpectResourceKnownValues("jp1_analytics_credential.second_ssh",
					queryfilter.ByDisplayName(knownvalue.StringExact("gui-ssh-2")),
					[]querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(fmt.Sprint(estate.Credentials[6].InstanceID))},
						{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("gui-ssh-2")},
						{Path: tfjsonpath.New("credential_type"), KnownValue: knownvalue.StringExact("SSH")},
						{Path: tfjsonpath.New("num_of_related_resources"), KnownValue: knownvalue.Int64Exact(0)},
						{Path: tfjsonpath.New("ssh").AtMapKey("user_id"), KnownValue: knownvalue.StringExact(*ssh.UserID)},
						{Path: tfjsonpath.New("ssh").AtMapKey("port_number"), KnownValue: knownvalue.Int64Exact(2222)},
						{Path: tfjsonpath.New("ssh").AtMapKey("password"), KnownValue: knownvalue.Null()},
						{Path: tfjsonpath.New("ssh").AtMapKey("root_password"), KnownValue: knownvalue.Null()},
						{Path: tfjsonpath.New("wmi"), KnownValue: knownvalue.Null()},
					}),
				// JP1 returns the community, but terraform query -json prints list
				// results in plain text, sensitive or not: the list leaves it out.
				querycheck.ExpectResourceKnownValues("jp1_analytics_credential.snmp_resources",
					queryfilter.ByDisplayName(knownvalue.StringExact("gui-snmpv2-1")),
					[]querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("snmp_v1_v2c").AtMapKey("community"), KnownValue: knownvalue.Null()},
					}),
				querycheck.ExpectResourceKnownValues("jp1_proxy_user.resources",
					queryfilter.ByDisplayName(knownvalue.StringExact("gui-proxy-2")),
					[]querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact("gui-proxy-2")},
						{Path: tfjsonpath.New("user_id"), KnownValue: knownvalue.StringExact("gui-proxy-2")},
						{Path: tfjsonpath.New("password"), KnownValue: knownvalue.Null()},
					}),
			},
		}},
	})
}

// A list block is validated at plan time, like a resource, and a product that
// is not configured is an error, not an empty list.
func TestAccList_validation(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{
				Query: true,
				Config: providerConfig(url) + `
list "jp1_analytics_credential" "bad" {
  provider = jp1
  config {
    name_regex = "win-("
  }
}`,
				ExpectError: regexp.MustCompile(`(?s)Invalid regular expression.*name_regex must be a regular expression`),
			},
			{
				Query: true,
				Config: providerConfig(url) + `
list "jp1_analytics_credential" "bad" {
  provider = jp1
  config {
    credential_type = "SNMPv3"
  }
}`,
				ExpectError: regexp.MustCompile(`(?s)credential_type.*value must be one of`),
			},
			{
				Query: true,
				Config: `
provider "jp1" {
  analytics = {
    endpoint = "` + url + `"
    username = "u"
    password = "p"
  }
}
list "jp1_proxy_user" "all" {
  provider = jp1
}`,
				ExpectError: regexp.MustCompile(`JP1/IM Manager connection is not configured`),
			},
		},
	})
	assertNoRequests(t, fake)
}

// expectRequests is a query check that each endpoint was called exactly want
// times during the query.
func expectRequests(fake *fakejp1.Server, endpoints []string, want int) querycheck.QueryResultCheck {
	return requestCountCheck{fake: fake, endpoints: endpoints, want: want}
}

type requestCountCheck struct {
	fake      *fakejp1.Server
	endpoints []string
	want      int
}

func (c requestCountCheck) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	for _, ep := range c.endpoints {
		if got := c.fake.Count(ep); got != c.want {
			resp.Error = errors.Join(resp.Error, fmt.Errorf("%s was called %d times during the query, want %d", ep, got, c.want))
		}
	}
}
