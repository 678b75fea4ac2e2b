package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// identityConfig is one resource of each type; version changes every secret
// and port (an in-place update of each), name the credential's name.
func identityConfig(url, version string, port int, name string) string {
	return providerConfig(url) + fmt.Sprintf(`
resource "jp1_im_client" "tool" {
  client_id = "identity-tool"
  keepers   = { rotated = %[1]q }
}

resource "jp1_proxy_user" "user" {
  user_id  = "identity-user"
  password = "proxy-pw-%[1]s"
}

resource "jp1_im_lower_manager" "lm" {
  hostname       = "identity-lm.example"
  initial_secret = "lm-secret-%[1]s"
}

resource "jp1_analytics_credential" "ssh" {
  name = %[3]q
  ssh {
    user_id     = "jp1"
    port_number = %[2]d
    password    = "ssh-pw-%[1]s"
  }
}
`, version, port, name)
}

// identityChecks expects each resource's identity, equal to the state
// attribute of the same name.
func identityChecks(instanceID int64) []statecheck.StateCheck {
	checks := []statecheck.StateCheck{
		statecheck.ExpectIdentity("jp1_im_client.tool", map[string]knownvalue.Check{"client_id": knownvalue.StringExact("identity-tool")}),
		statecheck.ExpectIdentity("jp1_proxy_user.user", map[string]knownvalue.Check{"user_id": knownvalue.StringExact("identity-user")}),
		statecheck.ExpectIdentity("jp1_im_lower_manager.lm", map[string]knownvalue.Check{"hostname": knownvalue.StringExact("identity-lm.example")}),
		statecheck.ExpectIdentity("jp1_analytics_credential.ssh", map[string]knownvalue.Check{"instance_id": knownvalue.Int64Exact(instanceID)}),
	}
	for addr, attr := range map[string]string{
		"jp1_im_client.tool": "client_id", "jp1_proxy_user.user": "user_id",
		"jp1_im_lower_manager.lm": "hostname", "jp1_analytics_credential.ssh": "instance_id",
	} {
		checks = append(checks, statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New(attr)))
	}
	return checks
}

// Every resource has its identity after create, after an in-place update
// (HashiCorp's tfe provider shipped "Missing Identity After Update" twice), after
// a replacement (new keepers issue the client again) and after a refresh; the
// credential keeps its instanceID as identity when it is renamed. Then each is
// imported again with an import block that names only its identity.
func TestAccIdentity_everyResource(t *testing.T) {
	_, url := fakejp1test.Start(t)
	importByIdentity := func(addr string) resource.TestStep {
		return resource.TestStep{
			Config:          identityConfig(url, "v2", 2222, "renamed"),
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
			// JP1 never returns a secret: an imported object with a configured
			// secret plans the update that sends it (an IM client the one that
			// records its keepers, without issuing a new secret); never a replacement.
			ExpectNonEmptyPlan: true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			}},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{Config: identityConfig(url, "v1", 22, "identity-ssh"), ConfigStateChecks: identityChecks(1)},
			{
				Config: identityConfig(url, "v2", 2222, "renamed"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("jp1_im_client.tool", plancheck.ResourceActionReplace),
					plancheck.ExpectResourceAction("jp1_proxy_user.user", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("jp1_im_lower_manager.lm", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("jp1_analytics_credential.ssh", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: identityChecks(1),
			},
			{Config: identityConfig(url, "v2", 2222, "renamed"), ConfigStateChecks: identityChecks(1)}, // refreshed, nothing to do
			importByIdentity("jp1_im_client.tool"),
			importByIdentity("jp1_proxy_user.user"),
			importByIdentity("jp1_im_lower_manager.lm"),
			importByIdentity("jp1_analytics_credential.ssh"),
		},
	})
}
