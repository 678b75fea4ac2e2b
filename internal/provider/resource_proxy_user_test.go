package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

const (
	proxyUserAddr = "jp1_proxy_user.test"
	proxyUserID   = "proxy!user#1" // symbols are allowed in proxy user IDs
	proxyAddKey   = "POST /im/api/v1/proxyUsers add"
)

func proxyUserConfig(url, password string) string {
	return providerConfig(url) + fmt.Sprintf(`
resource "jp1_proxy_user" "test" {
  user_id  = %q
  password = %q
}`, proxyUserID, password)
}

func proxyUserConfigWO(url, password string, version int) string {
	return providerConfig(url) + fmt.Sprintf(`
resource "jp1_proxy_user" "test" {
  user_id             = %q
  password_wo         = %q
  password_wo_version = %d
}`, proxyUserID, password, version)
}

// proxyPasswordIs checks the password the fake stores for proxyUserID, without printing it.
func proxyPasswordIs(fake *fakejp1.Server, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, ok := fake.ProxyPassword(proxyUserID)
		if !ok {
			return fmt.Errorf("the fake has no proxy user %q", proxyUserID)
		}
		if got != want {
			return fmt.Errorf("the fake's password of %q is not the configured one", proxyUserID)
		}
		return nil
	}
}

// Create, empty plan, import, password changes both ways, no request when nothing
// is to be sent, disappearance, destroy.
func TestAccProxyUser_lifecycle(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	var addsBefore int
	woNull := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(proxyUserAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(proxyUserAddr, tfjsonpath.New("password"), knownvalue.Null()),
		statecheck.ExpectKnownValue(proxyUserAddr, tfjsonpath.New("id"), knownvalue.StringExact(proxyUserID)),
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(fake.ProxyUsers()); n != 0 {
				return fmt.Errorf("after destroy the fake still holds %d proxy user(s)", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // Create with a password kept in state.
				Config: proxyUserConfig(url, "pw-1"),
				Check:  proxyPasswordIs(fake, "pw-1"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(proxyUserAddr, tfjsonpath.New("id"), knownvalue.StringExact(proxyUserID)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Import by user ID: JP1 cannot return the password.
				ResourceName:            proxyUserAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password", "password_wo_version"},
			},
			{ // A new `password` is sent in place.
				Config: proxyUserConfig(url, "pw-2"),
				Check:  proxyPasswordIs(fake, "pw-2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(proxyUserAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Switching to the write-only form sends its value; nothing of it reaches state.
				Config:            proxyUserConfigWO(url, "pw-3", 1),
				Check:             proxyPasswordIs(fake, "pw-3"),
				ConfigStateChecks: woNull,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(proxyUserAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // A new write-only value without a version bump is not sent: no request at all.
				PreConfig: func() { addsBefore = fake.Count(proxyAddKey) },
				Config:    proxyUserConfigWO(url, "pw-4", 1),
				Check: resource.ComposeAggregateTestCheckFunc(
					proxyPasswordIs(fake, "pw-3"),
					func(*terraform.State) error {
						if n := fake.Count(proxyAddKey) - addsBefore; n != 0 {
							return fmt.Errorf("%d add request(s) without a version change, want 0", n)
						}
						return nil
					},
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ // Bumping the version sends it.
				Config:            proxyUserConfigWO(url, "pw-4", 2),
				Check:             proxyPasswordIs(fake, "pw-4"),
				ConfigStateChecks: woNull,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(proxyUserAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Disappears: removed by hand, planned for creation, added again with the write-only value.
				PreConfig:         func() { fake.DeleteProxyUser(proxyUserID) },
				Config:            proxyUserConfigWO(url, "pw-4", 2),
				Check:             proxyPasswordIs(fake, "pw-4"),
				ConfigStateChecks: woNull,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(proxyUserAddr, plancheck.ResourceActionCreate)},
				},
			},
			{ // Back to a plain password: sent, although the version is gone.
				Config: proxyUserConfig(url, "pw-5"),
				Check:  proxyPasswordIs(fake, "pw-5"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(proxyUserAddr, plancheck.ResourceActionUpdate)},
				},
			},
		},
	})
}

// An adopted user (import block) gets the configured password on the first apply:
// JP1 cannot say which password it has, so Terraform cannot leave it to chance.
func TestAccProxyUser_importSendsPassword(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.PutProxyUser(proxyUserID, "set-by-hand")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: `
import {
  to = jp1_proxy_user.test
  id = "` + proxyUserID + `"
}
` + proxyUserConfigWO(url, "from-terraform", 1),
			Check: proxyPasswordIs(fake, "from-terraform"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(proxyUserAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

// A proxy user that JP1 already lists belongs to someone else: create refuses
// it (JP1's add would replace its password) and shows the import command;
// after the import, the configuration manages it.
func TestAccProxyUser_existingRefused(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.PutProxyUser(proxyUserID, "their-password")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config:      proxyUserConfig(url, "our-password"),
				ExpectError: regexp.MustCompile(`(?s)already exists in JP1.*import \{.*id = "proxy!user#1"`),
			},
			{
				PreConfig: func() {
					if n := fake.Count(proxyAddKey); n != 0 {
						t.Errorf("%d add calls for an existing user, want 0", n)
					}
				},
				Config:             proxyUserConfig(url, "our-password"),
				ResourceName:       proxyUserAddr,
				ImportState:        true,
				ImportStateId:      proxyUserID,
				ImportStatePersist: true,
				Check:              proxyPasswordIs(fake, "their-password"),
			},
			{
				Config: proxyUserConfig(url, "our-password"),
				Check:  proxyPasswordIs(fake, "our-password"),
			},
		},
	})
}
