package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

const imClientAddr = "jp1_im_client.test"

func imClientConfig(url, clientID, rotation string) string {
	return providerConfig(url) + fmt.Sprintf(`
resource "jp1_im_client" "test" {
  client_id = %q
  keepers   = { rotation = %q }
}`, clientID, rotation)
}

// fakeHoldsIMClientSecret checks that the fake registered clientID with exactly the
// secret that jp1_im_client.test has in state. It never prints a secret.
func fakeHoldsIMClientSecret(fake *fakejp1.Server, clientID string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[imClientAddr]
		if !ok {
			return fmt.Errorf("%s is not in state", imClientAddr)
		}
		secret, ok := fake.IMClientSecret(clientID)
		if !ok {
			return fmt.Errorf("the fake has no IM client %q; it has %v", clientID, fake.IMClientIDs())
		}
		if got := rs.Primary.Attributes["client_secret"]; got == "" || got != secret {
			return fmt.Errorf("client_secret in state (%d chars) is not the secret the fake issued for %q", len(got), clientID)
		}
		return nil
	}
}

func imClientsAre(fake *fakejp1.Server, want ...string) error {
	if got := fake.IMClientIDs(); !slices.Equal(got, want) {
		return fmt.Errorf("the fake holds IM clients %v, want %v", got, want)
	}
	return nil
}

// Create, empty plan, import, rotation through keepers, disappearance, destroy.
func TestAccIMClient_lifecycle(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	const id = "tf client 01" // a space is allowed in client IDs
	secrets := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             func(*terraform.State) error { return imClientsAre(fake) },
		Steps: []resource.TestStep{
			{ // Create: the secret in state is the one the fake issued.
				Config: imClientConfig(url, id, "1"),
				Check:  fakeHoldsIMClientSecret(fake, id),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(imClientAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(imClientAddr, tfjsonpath.New("last_update_time"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
					secrets.AddStateValue(imClientAddr, tfjsonpath.New("client_secret")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Import by client ID: JP1 cannot return the secret, nor its time.
				ResourceName:            imClientAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret", "last_update_time", "keepers"},
			},
			{ // Rotation: a keepers change deletes the client and issues a new secret.
				Config: imClientConfig(url, id, "2"),
				Check: resource.ComposeAggregateTestCheckFunc(
					fakeHoldsIMClientSecret(fake, id),
					func(*terraform.State) error { return imClientsAre(fake, id) },
				),
				ConfigStateChecks: []statecheck.StateCheck{secrets.AddStateValue(imClientAddr, tfjsonpath.New("client_secret"))},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(imClientAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Disappears: deleted by hand, planned for creation, issued again.
				PreConfig:         func() { fake.DeleteIMClient(id) },
				Config:            imClientConfig(url, id, "2"),
				Check:             fakeHoldsIMClientSecret(fake, id),
				ConfigStateChecks: []statecheck.StateCheck{secrets.AddStateValue(imClientAddr, tfjsonpath.New("client_secret"))},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(imClientAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// Adopting a client that exists (import block) records keepers without a new secret:
// replacing it would break whoever uses the secret it has.
func TestAccIMClient_importThenKeepersKeepsSecret(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	secret := fake.PutIMClient("lower-tool")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: `
import {
  to = jp1_im_client.test
  id = "lower-tool"
}
` + imClientConfig(url, "lower-tool", "1"),
				Check: func(*terraform.State) error {
					if got, _ := fake.IMClientSecret("lower-tool"); got != secret {
						return fmt.Errorf("the imported client's secret was replaced")
					}
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(imClientAddr, tfjsonpath.New("client_secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(imClientAddr, tfjsonpath.New("last_update_time"), knownvalue.Null()),
					statecheck.ExpectKnownValue(imClientAddr, tfjsonpath.New("keepers"),
						knownvalue.MapExact(map[string]knownvalue.Check{"rotation": knownvalue.StringExact("1")})),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(imClientAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // From now on keepers rotate as usual.
				Config: imClientConfig(url, "lower-tool", "2"),
				Check: func(*terraform.State) error {
					if got, _ := fake.IMClientSecret("lower-tool"); got == secret {
						return fmt.Errorf("a keepers change did not rotate the secret")
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(imClientAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// The answer to the issue is lost after JP1 registered the ID: the provider ends with
// one client whose secret it knows, and no error.
func TestAccIMClient_lostAnswerOnIssue(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/secret/client/generateInfo", Mode: fakejp1.FaultDropAfter, Times: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: imClientConfig(url, "lost-answer", "1"),
			Check: resource.ComposeAggregateTestCheckFunc(
				func(*terraform.State) error { return imClientsAre(fake, "lost-answer") },
				fakeHoldsIMClientSecret(fake, "lost-answer"),
				func(*terraform.State) error {
					t.Logf("lost answer on issue: %v", fake.Counts())
					if n := fake.FaultsInjected(); n != 1 {
						return fmt.Errorf("the fault hit %d time(s), want 1", n)
					}
					return nil
				},
			),
		}},
	})
}

// An ID registered before is not taken over: the error names it and gives the import command.
func TestAccIMClient_conflictSuggestsImport(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	secret := fake.PutIMClient("taken")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config:      imClientConfig(url, "taken", "1"),
			ExpectError: regexp.MustCompile(`(?s)KAJY68004-E.*create_before_destroy.*import \{\s+to = <resource address>\s+id = "taken"\s+\}`),
		}},
	})
	if got, _ := fake.IMClientSecret("taken"); got != secret {
		t.Error("the existing client's secret was replaced")
	}
}

// The IM permission and login errors say what to fix.
func TestAccIMClient_authErrors(t *testing.T) {
	t.Parallel() // the cases share one fake, checked after all of them: they run in turn
	fake, url := fakejp1test.Start(t)
	cases := []struct{ name, user, password, config, want string }{
		{"operator on im_client", fakejp1.IMOperatorUser, fakejp1.IMOperatorPassword,
			`resource "jp1_im_client" "test" { client_id = "c1" }`, `(?s)403.*KAJY01000-E.*JP1_Console_Admin`},
		{"user on proxy_user", fakejp1.IMUserUser, fakejp1.IMUserPassword,
			`resource "jp1_proxy_user" "test" {
  user_id  = "u1"
  password = "pw"
}`, `(?s)403.*KAJY01000-E.*JP1_Console_Operator`},
		{"wrong password", fakejp1.IMAdminUser, "not-the-password",
			`resource "jp1_im_client" "test" { client_id = "c1" }`, `(?s)KAJY52001-E.*im\.password.*JP1_IM_PASSWORD`},
		{"user that may not log in", "no-permission", "No-Permission-Pass-1",
			`resource "jp1_im_client" "test" { client_id = "c1" }`, `(?s)KAJY52004-E.*JP1_Console_Admin.*im\.username.*JP1_IM_USERNAME`},
	}
	fake.AddIMUser("no-permission", "No-Permission-Pass-1") // known to JP1, without a permission level
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				Steps: []resource.TestStep{{
					Config:      providerConfigAs(url, c.user, c.password, fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword) + c.config,
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
		})
	}
	// Basic authentication is off on the manager by default, as on the product.
	basicConfig := fmt.Sprintf(`
provider "jp1" {
  im = {
    endpoint    = %q
    username    = %q
    password    = %q
    auth_method = "basic"
  }
}

resource "jp1_im_client" "test" {
  client_id = "c1"
}
`, url, fakejp1.IMAdminUser, fakejp1.IMAdminPassword)
	t.Run("basic off on the manager", func(t *testing.T) {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6Factories,
			Steps: []resource.TestStep{{
				Config:      basicConfig,
				ExpectError: regexp.MustCompile(`(?s)401.*jp1\.imdd\.authBasic=true`),
			}},
		})
	})
	if len(fake.IMClientIDs()) != 0 || len(fake.ProxyUsers()) != 0 {
		t.Errorf("refused requests changed the fake: clients %v, proxy users %d", fake.IMClientIDs(), len(fake.ProxyUsers()))
	}
	// Once the manager accepts Basic (jp1.imdd.authBasic=true), the same
	// configuration works without a login.
	fake.SetIMBasicAuth(true)
	fake.ResetCounts()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps:                    []resource.TestStep{{Config: basicConfig}},
	})
	if fake.Logins() != 0 {
		t.Errorf("auth_method = \"basic\" logged in %d time(s)", fake.Logins())
	}
}
