package live

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Resource identity (Terraform or OpenTofu 1.12 or later): each resource of
// the configured products has its identity after create, equal to its key in
// state, and is imported again by an import block that names only its
// identity (planning the update that sends its secret, never a replacement).
func TestLive_identity(t *testing.T) {
	r := begin(t, needs{writes: true, minCLI: "1.12.0"})
	config := emptyProvider
	identities := map[string]string{} // address -> identity attribute
	var stateChecks []statecheck.StateCheck
	var addrs []string
	if r.cfg.IMConfigured() {
		client, user := r.guard.Name(IMClient), r.guard.Name(ProxyUser)
		r.removeAtEnd(t, IMClient, client)
		r.removeAtEnd(t, ProxyUser, user)
		config += fmt.Sprintf(`
resource "jp1_im_client" "live" {
  client_id = %q
  keepers   = { rotation = "1" }
}
resource "jp1_proxy_user" "live" {
  user_id             = %q
  password_wo         = %q
  password_wo_version = 1
}
`, client, user, r.secret())
		identities["jp1_im_client.live"], identities["jp1_proxy_user.live"] = "client_id", "user_id"
		stateChecks = append(stateChecks,
			statecheck.ExpectIdentity("jp1_im_client.live", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(client)}),
			statecheck.ExpectIdentity("jp1_proxy_user.live", map[string]knownvalue.Check{"user_id": knownvalue.StringExact(user)}))
		addrs = append(addrs, "jp1_im_client.live", "jp1_proxy_user.live")
	}
	if r.cfg.AnalyticsConfigured() {
		name := r.guard.Name(AnalyticsCredential)
		r.removeAtEnd(t, AnalyticsCredential, name)
		config += fmt.Sprintf(`
resource "jp1_analytics_credential" "live" {
  name = %q
  ssh {
    user_id             = "jp1live"
    port_number         = 22
    password_wo         = %q
    password_wo_version = 1
  }
}
`, name, r.secret())
		identities["jp1_analytics_credential.live"] = "instance_id"
		stateChecks = append(stateChecks,
			statecheck.ExpectIdentity("jp1_analytics_credential.live", map[string]knownvalue.Check{"instance_id": knownvalue.NotNull()}))
		addrs = append(addrs, "jp1_analytics_credential.live")
	}
	for _, addr := range addrs {
		stateChecks = append(stateChecks, statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New(identities[addr])))
	}
	steps := []resource.TestStep{{Config: config, ConfigStateChecks: stateChecks, ConfigPlanChecks: emptyPlanAfterApply}}
	for _, addr := range addrs {
		steps = append(steps, resource.TestStep{
			Config:             config,
			ResourceName:       addr,
			ImportState:        true,
			ImportStateKind:    resource.ImportBlockWithResourceIdentity,
			ExpectNonEmptyPlan: true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			}},
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps:                    steps,
	})
}
