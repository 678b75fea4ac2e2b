package live

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

const minute = time.Minute

var emptyPlanAfterApply = resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

// An IM client ID: issued, read, imported, replaced by a keepers change,
// deleted behind Terraform's back (the plan re-creates it), destroyed.
func TestLive_imClientLifecycle(t *testing.T) {
	r := begin(t, needs{im: true, writes: true})
	const addr = "jp1_im_client.live"
	id := r.guard.Name(IMClient)
	r.removeAtEnd(t, IMClient, id)
	config := func(rotation string) string {
		return emptyProvider + fmt.Sprintf(`
resource "jp1_im_client" "live" {
  client_id = %q
  keepers   = { rotation = %q }
}
`, id, rotation)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(t),
		CheckDestroy:             r.exists(IMClient, id, false),
		Steps: []resource.TestStep{
			{
				Config: config("1"),
				Check:  r.exists(IMClient, id, true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_update_time"), knownvalue.StringRegexp(regexp.MustCompile(`\S`))),
				},
				ConfigPlanChecks: emptyPlanAfterApply,
			},
			{ // JP1 returns neither the secret nor its time.
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret", "last_update_time", "keepers"},
			},
			{ // New keepers: the ID is deleted and issued again.
				Config: config("2"),
				Check:  r.exists(IMClient, id, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			driftStep(config("2"), r.behindTerraformsBack(t, "deleting the IM client", func(ctx context.Context) error {
				return r.clients.Delete(ctx, IMClient, id)
			}), plancheck.ResourceActionCreate, addr),
			{
				Config:           config("2"),
				Check:            r.exists(IMClient, id, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)}},
			},
		},
	})
}

// A proxy user with a write-only password: added, read, imported, its
// password re-sent by a version bump, removed behind Terraform's back (the
// plan adds it again), destroyed.
func TestLive_proxyUserLifecycle(t *testing.T) {
	r := begin(t, needs{im: true, writes: true})
	const addr = "jp1_proxy_user.live"
	user := r.guard.Name(ProxyUser)
	r.removeAtEnd(t, ProxyUser, user)
	first, second := r.secret(), r.secret()
	config := func(password string, version int) string {
		return emptyProvider + fmt.Sprintf(`
resource "jp1_proxy_user" "live" {
  user_id             = %q
  password_wo         = %q
  password_wo_version = %d
}
`, user, password, version)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             r.exists(ProxyUser, user, false),
		Steps: []resource.TestStep{
			{
				Config: config(first, 1),
				Check:  r.exists(ProxyUser, user, true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(user)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
				},
				ConfigPlanChecks: emptyPlanAfterApply,
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password", "password_wo_version"},
			},
			{
				Config: config(second, 2),
				Check:  r.exists(ProxyUser, user, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			driftStep(config(second, 2), r.behindTerraformsBack(t, "removing the proxy user", func(ctx context.Context) error {
				return r.clients.Delete(ctx, ProxyUser, user)
			}), plancheck.ResourceActionCreate, addr),
			{
				Config:           config(second, 2),
				Check:            r.exists(ProxyUser, user, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)}},
			},
		},
	})
}

// A lower manager, only on request: on a real JP1 the host must be a JP1/IM
// Manager set up with the initial secret, and not yet a lower manager of this
// one. Added, read, imported, its secret re-sent (the same value, so a real
// hierarchy keeps working), removed behind Terraform's back, destroyed.
func TestLive_lowerManagerLifecycle(t *testing.T) {
	r := begin(t, needs{im: true, writes: true})
	host, initialSecret := r.cfg.LowerManagerHost, r.cfg.LowerManagerSecret
	if host == "" {
		reason := fmt.Sprintf("set %s (a host running JP1/IM Manager that is not yet a lower manager of this one) and %s "+
			"(its initial secret) to add and remove it as a lower manager", EnvLowerManagerHost, EnvLowerManagerSecret)
		r.skipWith(t, reason)
	}
	if exists, err := r.clients.Exists(r.ctx(t), LowerManager, host); err != nil {
		r.fatal(t, "listing the lower managers", err)
	} else if exists {
		t.Fatalf("%s=%s is already a lower manager of this manager: the live test adds and removes it, so it leaves a "+
			"registered one alone; name a host that is not registered", EnvLowerManagerHost, host)
	}
	r.removeAtEnd(t, LowerManager, host)
	const addr = "jp1_im_lower_manager.live"
	config := func(version int) string {
		return emptyProvider + fmt.Sprintf(`
resource "jp1_im_lower_manager" "live" {
  hostname                  = %q
  initial_secret_wo         = %q
  initial_secret_wo_version = %d
}
`, host, initialSecret, version)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             r.exists(LowerManager, host, false),
		Steps: []resource.TestStep{
			{
				Config: config(1),
				Check:  r.exists(LowerManager, host, true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(host)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("initial_secret_wo"), knownvalue.Null()),
				},
				ConfigPlanChecks: emptyPlanAfterApply,
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"initial_secret", "initial_secret_wo_version"},
			},
			{
				Config: config(2),
				Check:  r.exists(LowerManager, host, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			driftStep(config(2), r.behindTerraformsBack(t, "removing the lower manager", func(ctx context.Context) error {
				return r.clients.Delete(ctx, LowerManager, host)
			}), plancheck.ResourceActionCreate, addr),
			{
				Config:           config(2),
				Check:            r.exists(LowerManager, host, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)}},
			},
		},
	})
}
