package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
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
	lowerManagerAddr = "jp1_im_lower_manager.test"

	countLowerList   = "GET /im/api/v1/subManagers"
	countLowerCreate = "POST /im/api/v1/subManagers/createInfo"
	countLowerDelete = "POST /im/api/v1/subManagers/deleteInfo"
)

func lowerManagerConfig(url, host, secret string) string {
	return providerConfig(url) + fmt.Sprintf(`
resource "jp1_im_lower_manager" "test" {
  hostname       = %q
  initial_secret = %q
}`, host, secret)
}

func lowerManagerWOConfig(url, host, secret string, version int) string {
	return providerConfig(url) + fmt.Sprintf(`
resource "jp1_im_lower_manager" "test" {
  hostname                  = %q
  initial_secret_wo         = %q
  initial_secret_wo_version = %d
}`, host, secret, version)
}

// fakeHoldsLowerManager checks that the fake lists exactly the given hosts and holds
// host with secret. It never prints a secret.
func fakeHoldsLowerManager(fake *fakejp1.Server, host, secret string, all ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if err := lowerManagersAre(fake, all...); err != nil {
			return err
		}
		if got, ok := fake.LowerManagerSecret(host); !ok || got != secret {
			return fmt.Errorf("the fake holds lower manager %q with another initial secret (%d characters, want %d)", host, len(got), len(secret))
		}
		return nil
	}
}

func lowerManagersAre(fake *fakejp1.Server, want ...string) error {
	slices.Sort(want)
	if got := fake.LowerManagers(); !slices.Equal(got, want) {
		return fmt.Errorf("the fake lists lower managers %v, want %v", got, want)
	}
	return nil
}

// expectCount is a check on one of the fake's request counters.
func expectCount(fake *fakejp1.Server, key string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := fake.Count(key); got != want {
			return fmt.Errorf("%s was requested %d time(s), want %d: %v", key, got, want, fake.Counts())
		}
		return nil
	}
}

// Create, empty plan, import, a new initial secret, disappearance, destroy.
func TestAccIMLowerManager_lifecycle(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	const host = "lower-mgr01.example.com"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             func(*terraform.State) error { return lowerManagersAre(fake) },
		Steps: []resource.TestStep{
			{ // Create: one list (the conflict check), one createInfo.
				Config: lowerManagerConfig(url, host, "Initial Secret 1"),
				Check: resource.ComposeAggregateTestCheckFunc(
					fakeHoldsLowerManager(fake, host, "Initial Secret 1", host),
					expectCount(fake, countLowerCreate, 1),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(lowerManagerAddr, tfjsonpath.New("id"), knownvalue.StringExact(host)),
					statecheck.ExpectKnownValue(lowerManagerAddr, tfjsonpath.New("initial_secret_wo"), knownvalue.Null()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Import by hostname: JP1 cannot return the initial secret.
				ResourceName:            lowerManagerAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"initial_secret"},
			},
			{ // A new initial secret re-sends createInfo (an upsert): updated in place.
				PreConfig: fake.ResetCounts,
				Config:    lowerManagerConfig(url, host, "Initial Secret 2"),
				Check: resource.ComposeAggregateTestCheckFunc(
					fakeHoldsLowerManager(fake, host, "Initial Secret 2", host),
					expectCount(fake, countLowerCreate, 1),
					expectCount(fake, countLowerDelete, 0),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(lowerManagerAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Disappears: removed by hand, planned for creation, added again.
				PreConfig: func() { fake.DeleteLowerManager(host) },
				Config:    lowerManagerConfig(url, host, "Initial Secret 2"),
				Check:     fakeHoldsLowerManager(fake, host, "Initial Secret 2", host),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(lowerManagerAddr, plancheck.ResourceActionCreate)},
				},
			},
			{ // A new hostname replaces the lower manager.
				Config: lowerManagerConfig(url, "lower-mgr02", "Initial Secret 2"),
				Check:  fakeHoldsLowerManager(fake, "lower-mgr02", "Initial Secret 2", "lower-mgr02"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(lowerManagerAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// The write-only form: never in plan or state; the same version sends nothing, a new
// version sends the new value.
func TestAccIMLowerManager_writeOnly(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	const host = "lower-wo"
	nullSecrets := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(lowerManagerAddr, tfjsonpath.New("initial_secret_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(lowerManagerAddr, tfjsonpath.New("initial_secret"), knownvalue.Null()),
		statecheck.ExpectKnownValue(lowerManagerAddr, tfjsonpath.New("initial_secret_wo_version"), knownvalue.Int64Exact(1)),
	}
	long := strings.Repeat("~ 0x7E ", 146) + "ab" // 1024 characters, the most JP1 takes
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             func(*terraform.State) error { return lowerManagersAre(fake) },
		Steps: []resource.TestStep{
			{
				Config:            lowerManagerWOConfig(url, host, "wo-secret-1", 1),
				Check:             fakeHoldsLowerManager(fake, host, "wo-secret-1", host),
				ConfigStateChecks: nullSecrets,
			},
			{ // Another value under the same version: no plan, no request.
				PreConfig: fake.ResetCounts,
				Config:    lowerManagerWOConfig(url, host, "wo-secret-ignored", 1),
				Check: resource.ComposeAggregateTestCheckFunc(
					fakeHoldsLowerManager(fake, host, "wo-secret-1", host),
					expectCount(fake, countLowerCreate, 0),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ // A version bump sends the new value once.
				Config: lowerManagerWOConfig(url, host, long, 2),
				Check: resource.ComposeAggregateTestCheckFunc(
					fakeHoldsLowerManager(fake, host, long, host),
					expectCount(fake, countLowerCreate, 1),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(lowerManagerAddr, plancheck.ResourceActionUpdate)},
				},
			},
		},
	})
}

// Every rule fails at plan time with its own message; JP1 sees nothing, and a
// secret's offending character is not shown.
func TestAccIMLowerManager_validation(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	lower := func(body string) string {
		return providerConfig(url) + "resource \"jp1_im_lower_manager\" \"bad\" {\n" + body + "\n}\n"
	}
	cases := []struct {
		name, body string
		want       []string
	}{
		{"empty hostname", `hostname = ""` + "\n" + `initial_secret = "s"`, []string{"hostname must be 1 to 255 characters long, got 0."}},
		{"hostname too long", `hostname = "` + strings.Repeat("h", 256) + `"` + "\n" + `initial_secret = "s"`, []string{"hostname must be 1 to 255 characters long, got 256."}},
		{"no secret", `hostname = "h"`, []string{"Exactly one of these attributes must be configured: [initial_secret,initial_secret_wo]"}},
		{"both secrets", `hostname = "h"` + "\n" + `initial_secret = "s"` + "\n" + `initial_secret_wo = "t"` + "\n" + `initial_secret_wo_version = 1`,
			[]string{`Attribute "initial_secret_wo" cannot be specified when "initial_secret" is specified`}},
		{"empty secret", `hostname = "h"` + "\n" + `initial_secret = ""`, []string{"initial_secret string length must be between 1 and 1024, got: 0"}},
		{"secret too long", `hostname = "h"` + "\n" + `initial_secret = "` + strings.Repeat("s", 1025) + `"`, []string{"initial_secret string length must be between 1 and 1024, got: 1025"}},
		{"non-ASCII secret", `hostname = "h"` + "\n" + `initial_secret = "geheimß"`,
			[]string{"initial_secret may contain only ASCII characters 0x20 to 0x7E (letters, digits, space and symbols); the character at position 7 is not (the value is not shown: it is secret)."}},
		{"tab in secret_wo", `hostname = "h"` + "\n" + `initial_secret_wo = "a\tb"` + "\n" + `initial_secret_wo_version = 1`,
			[]string{"initial_secret_wo may contain only ASCII characters 0x20 to 0x7E", "the character at position 2 is not"}},
		{"secret_wo too long", `hostname = "h"` + "\n" + `initial_secret_wo = "` + strings.Repeat("s", 1025) + `"` + "\n" + `initial_secret_wo_version = 1`,
			[]string{"initial_secret_wo string length must be between 1 and 1024, got: 1025"}},
		{"secret_wo without version", `hostname = "h"` + "\n" + `initial_secret_wo = "s"`,
			[]string{`Attribute "initial_secret_wo_version" must be specified when "initial_secret_wo" is specified`}},
		{"version without secret_wo", `hostname = "h"` + "\n" + `initial_secret = "s"` + "\n" + `initial_secret_wo_version = 1`,
			[]string{`Attribute "initial_secret_wo" must be specified when "initial_secret_wo_version" is specified`}},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, expectPlanError(lower(c.body), messageRE(c.want...)))
	}
	steps = append(steps, expectPlanError(providerConfig(url)+`data "jp1_im_lower_managers" "x" { hostnames = ["h"] }`,
		messageRE(`Invalid Configuration for Read-Only Attribute`)))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		Steps:                    steps,
	})
	assertNoRequests(t, fake)
}

// A host JP1 already lists is not taken over: the error names it and gives the
// import command, and its secret stays as it was.
func TestAccIMLowerManager_conflictSuggestsImport(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.PutLowerManager("taken", "their secret")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config:      lowerManagerConfig(url, "taken", "our secret"),
			ExpectError: regexp.MustCompile(messageRE(`Lower manager "taken" already exists in JP1`, "import {", `id = "taken"`, "choose another hostname")),
		}},
	})
	if got, _ := fake.LowerManagerSecret("taken"); got != "their secret" || fake.Count(countLowerCreate) != 0 {
		t.Errorf("the existing lower manager was changed (%d createInfo calls)", fake.Count(countLowerCreate))
	}
}

// Import, then the first apply sends the configured secret once.
func TestAccIMLowerManager_importThenSecret(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.PutLowerManager("adopted", "old secret")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: `
import {
  to = jp1_im_lower_manager.test
  id = "adopted"
}
` + lowerManagerConfig(url, "adopted", "new secret"),
			Check: resource.ComposeAggregateTestCheckFunc(
				fakeHoldsLowerManager(fake, "adopted", "new secret", "adopted"),
				expectCount(fake, countLowerCreate, 1),
			),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(lowerManagerAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

// The permission error names the permission needed; nothing changes.
func TestAccIMLowerManager_permissionError(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: providerConfigAs(url, fakejp1.IMOperatorUser, fakejp1.IMOperatorPassword, fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword) + `
resource "jp1_im_lower_manager" "test" {
  hostname       = "lower01"
  initial_secret = "s"
}`,
			ExpectError: regexp.MustCompile(`(?s)403.*KAJY01000-E.*JP1_Console_Admin on JP1 resource group '\*'`),
		}},
	})
	if len(fake.LowerManagers()) != 0 {
		t.Errorf("a refused request changed the fake: %v", fake.LowerManagers())
	}
}

// A lower manager JP1 cannot reach is still removed from the integration manager:
// the destroy succeeds (its warning is checked by the CLI test in internal/e2e).
func TestAccIMLowerManager_deleteUnreachable(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             func(*terraform.State) error { return lowerManagersAre(fake) },
		Steps: []resource.TestStep{
			{Config: lowerManagerConfig(url, "down01", "s")},
			{
				PreConfig: func() { fake.SetLowerManagerUnreachable("down01", true) },
				Config:    providerConfig(url),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return lowerManagersAre(fake) },
					expectCount(fake, countLowerDelete, 1),
				),
			},
		},
	})
}

// The answer to createInfo is lost after JP1 committed it: the retry (an upsert) is
// no conflict, and the apply ends with the lower manager and no error.
func TestAccIMLowerManager_lostAnswerOnCreate(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.AddFault(fakejp1.Fault{Endpoint: countLowerCreate, Mode: fakejp1.FaultDropAfter, Times: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: lowerManagerConfig(url, "lost01", "s1"),
			Check: resource.ComposeAggregateTestCheckFunc(
				fakeHoldsLowerManager(fake, "lost01", "s1", "lost01"),
				expectCount(fake, countLowerCreate, 2),
				func(*terraform.State) error {
					if n := fake.FaultsInjected(); n != 1 {
						return fmt.Errorf("the fault hit %d time(s), want 1", n)
					}
					return nil
				},
			),
		}},
	})
}

// Every createInfo answer is lost (the first after JP1 committed it): the apply fails
// not knowing whether the host is registered, records it as tainted, and the next
// apply replaces it: exactly one lower manager, with the configured secret.
func TestAccIMLowerManager_createOutcomeUnknown(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             func(*terraform.State) error { return lowerManagersAre(fake) },
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					fake.AddFault(fakejp1.Fault{Endpoint: countLowerCreate, Mode: fakejp1.FaultDropAfter, Times: 1})
					fake.AddFault(fakejp1.Fault{Endpoint: countLowerCreate, Mode: fakejp1.FaultDropBefore})
				},
				Config: lowerManagerConfig(url, "unsure01", "s1"),
				ExpectError: regexp.MustCompile(messageRE("may be registered now",
					"Terraform records the lower manager as tainted. The next apply deletes it from the integration manager if this request registered it")),
			},
			{
				PreConfig: func() {
					if err := lowerManagersAre(fake, "unsure01"); err != nil {
						t.Fatalf("after the failed apply: %v", err)
					}
					fake.ClearFaults()
					fake.ResetCounts()
				},
				Config: lowerManagerConfig(url, "unsure01", "s1"),
				Check: resource.ComposeAggregateTestCheckFunc(
					fakeHoldsLowerManager(fake, "unsure01", "s1", "unsure01"),
					expectCount(fake, countLowerDelete, 1),
					expectCount(fake, countLowerCreate, 1),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(lowerManagerAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// The answer to deleteInfo is lost after JP1 committed it: the retry meets
// KAJY68013-E, a fresh list confirms the host is gone, and the destroy succeeds.
func TestAccIMLowerManager_lostAnswerOnDelete(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: lowerManagerConfig(url, "lost02", "s")},
			{
				PreConfig: func() {
					fake.ResetCounts()
					fake.AddFault(fakejp1.Fault{Endpoint: countLowerDelete, Mode: fakejp1.FaultDropAfter, Times: 1})
				},
				Config: providerConfig(url),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return lowerManagersAre(fake) },
					expectCount(fake, countLowerDelete, 2),
					// the plan's refresh, and the check after KAJY68013-E
					expectCount(fake, countLowerList, 2),
				),
			},
		},
	})
}

// A list answer without the list is an error, never "the lower manager is gone":
// the resource stays in state and reappears unchanged once JP1 answers properly.
func TestAccIMLowerManager_malformedListIsAnError(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	var fault int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: lowerManagerConfig(url, "kept01", "s")},
			{
				PreConfig:   func() { fault = fake.AddFault(fakejp1.Fault{Endpoint: countLowerList, Status: 200, Body: `{}`}) },
				Config:      lowerManagerConfig(url, "kept01", "s"),
				ExpectError: regexp.MustCompile(messageRE(`Could not read lower manager "kept01"`, `the answer is malformed: JP1 sent {}, without the subManagers list: an empty list must be sent as {"subManagers": []} (after 3 attempts)`)),
			},
			{
				PreConfig: func() { fake.RemoveFault(fault) },
				Config:    lowerManagerConfig(url, "kept01", "s"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: expectCount(fake, countLowerCreate, 1),
			},
		},
	})
}

// A refreshing plan over many lower managers costs one list call.
func TestAccIMLowerManager_oneListPerPlan(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	config := providerConfig(url) + `
resource "jp1_im_lower_manager" "many" {
  count          = 10
  hostname       = "lower-${count.index}"
  initial_secret = "secret-${count.index}"
}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: fake.ResetCounts,
				Config:    config,
				PlanOnly:  true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						expectCounts(fake, map[string]int{countLogin: 1, countLowerList: 1}, 2),
					},
				},
			},
		},
	})
}

// A manager (or a proxy in front of it) that echoes the request cannot put the
// initial secret into Terraform's error output: JP1's answer is withheld,
// its messageId and the advice shown.
func TestAccIMLowerManager_echoedSecretIsWithheld(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	const secret = "Echo-Me-Initial-Secret-42"
	fake.AddFault(fakejp1.Fault{Endpoint: countLowerCreate, Status: 400,
		Body: `{"status": 400, "messageId": "KAJY68012-E", "message": "invalid initialsecret ` + secret + `"}`})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config:      lowerManagerConfig(url, "echo01", secret),
			ExpectError: regexp.MustCompile(messageRE("KAJY68012-E: JP1's answer is withheld: it may repeat a secret that was sent", "1 to 1024 printable ASCII")),
		}},
	})
}
