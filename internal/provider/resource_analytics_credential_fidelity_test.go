package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

func credentialIs(fake *fakejp1.Server, name string, check func(c fakejp1.Credential) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, ok := fake.CredentialByName(name)
		if !ok {
			return fmt.Errorf("the fake holds no credential named %q", name)
		}
		return check(c)
	}
}

func portIs(fake *fakejp1.Server, name string, want int64) resource.TestCheckFunc {
	return credentialIs(fake, name, func(c fakejp1.Credential) error {
		if c.PortNumber == nil || *c.PortNumber != want {
			return fmt.Errorf("%s: the fake's port is %v, want %d", name, c.PortNumber, want)
		}
		return nil
	})
}

var emptyAfterApply = resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

// A JP1 that reports the protocol's default port for a credential saved
// without one: no "inconsistent result", no diff afterwards; a port given and
// then left out is planned as JP1's to choose and returns to the default.
func TestAccAnalyticsCredential_defaultPortFilledInByJP1(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.SetAnalyticsDefaultPorts(true)
	cfg := func(name, sshPort string) string {
		return providerConfig(url) + fmt.Sprintf(`
resource "jp1_analytics_credential" "ssh" {
  name = %q
  ssh {
    user_id  = "jp1"
    password = "pw"
    %s
  }
}

resource "jp1_analytics_credential" "wbem" {
  name = "wbem"
  wbem {
    user_id  = "cim"
    password = "pw"
  }
}

resource "jp1_analytics_credential" "snmp" {
  name = "snmp"
  snmp_v1_v2c {
    community = "public"
  }
}
`, name, sshPort)
	}
	const ssh = "jp1_analytics_credential.ssh"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: cfg("ssh", ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ssh, "ssh.port_number", "22"),
					resource.TestCheckResourceAttr("jp1_analytics_credential.wbem", "wbem.port_number", "5989"),
					resource.TestCheckResourceAttr("jp1_analytics_credential.snmp", "snmp_v1_v2c.port_number", "161"),
				),
				ConfigPlanChecks: emptyAfterApply,
			},
			{ // Another change keeps the filled-in port, planned as known.
				Config: cfg("ssh-renamed", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(ssh, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(ssh, tfjsonpath.New("ssh").AtMapKey("port_number"), knownvalue.Int64Exact(22)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{Config: cfg("ssh-renamed", "port_number = 2222"), Check: portIs(fake, "ssh-renamed", 2222), ConfigPlanChecks: emptyAfterApply},
			{ // Left out again: JP1 chooses, and reports its default.
				Config: cfg("ssh-renamed", ""),
				Check:  resource.ComposeAggregateTestCheckFunc(portIs(fake, "ssh-renamed", 22), resource.TestCheckResourceAttr(ssh, "ssh.port_number", "22")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectUnknownValue(ssh, tfjsonpath.New("ssh").AtMapKey("port_number"))},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// Removing an optional secret from the configuration clears it in JP1 (the
// plan shows the change); a required one cannot be removed.
func TestAccAnalyticsCredential_removedSecretIsCleared(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	ssh := func(root string) string {
		return providerConfig(url) + fmt.Sprintf(`
resource "jp1_analytics_credential" "ssh" {
  name = "ssh"
  ssh {
    user_id  = "jp1"
    password = "pw"
    %s
  }
}

resource "jp1_analytics_credential" "v3" {
  name = "v3"
  snmp_v3 {
    user_name                 = "u"
    authentication_protocol   = "SHA1"
    authentication_passphrase = "auth-pp"
    %s
  }
}
`, root, map[bool]string{true: `privacy_protocol = "AES128"
    privacy_passphrase_wo         = "priv-pp"
    privacy_passphrase_wo_version = 1`, false: ""}[root != ""])
	}
	rootIs := func(want *string) resource.TestCheckFunc {
		return credentialIs(fake, "ssh", func(c fakejp1.Credential) error {
			if (c.RootPassword == nil) != (want == nil) || (want != nil && *c.RootPassword != *want) {
				return fmt.Errorf("the fake's root password is not the expected one (set: %v, want set: %v)", c.RootPassword != nil, want != nil)
			}
			return nil
		})
	}
	privacyIs := func(set bool) resource.TestCheckFunc {
		return credentialIs(fake, "v3", func(c fakejp1.Credential) error {
			if (c.PrivacyPassphrase != nil) != set || (c.PrivacyEnabled != nil && *c.PrivacyEnabled) != set {
				return fmt.Errorf("v3: privacy passphrase set %v, enabled %v; want both %v", c.PrivacyPassphrase != nil, c.PrivacyEnabled, set)
			}
			return nil
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: ssh(`root_password = "root-1"`), Check: resource.ComposeAggregateTestCheckFunc(rootIs(fakejp1test.Ptr("root-1")), privacyIs(true))},
			{ // The plain root password and the write-only privacy passphrase are removed.
				Config:           ssh(""),
				Check:            resource.ComposeAggregateTestCheckFunc(rootIs(nil), privacyIs(false)),
				ConfigPlanChecks: expectUpdate("jp1_analytics_credential.ssh"),
			},
			{ // The login password is required: removing it fails at plan.
				Config: providerConfig(url) + `
resource "jp1_analytics_credential" "ssh" {
  name = "ssh"
  ssh {
    user_id = "jp1"
  }
}`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`password or password_wo is required in the ssh block`),
			},
			{Config: ssh("root_password_wo = \"root-2\"\n    root_password_wo_version = 1"), Check: rootIs(fakejp1test.Ptr("root-2"))},
			{ // The write-only root password is removed.
				Config:           ssh(""),
				Check:            rootIs(nil),
				ConfigPlanChecks: expectUpdate("jp1_analytics_credential.ssh"),
			},
		},
	})
}

// An update plans num_of_related_resources (and the IDs) as they are, not as
// "known after apply"; switching SNMP version is an update, switching type a
// replacement.
func TestAccAnalyticsCredential_plansOnlyWhatChanges(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.SetAnalyticsDefaultPorts(true) // and the port JP1 reports follows every change
	cfg := func(block string) string {
		return providerConfig(url) + "resource \"jp1_analytics_credential\" \"test\" {\n  name = \"c\"\n" + block + "\n}\n"
	}
	v1 := "snmp_v1_v2c {\n  community = \"public\"\n}"
	const addr = "jp1_analytics_credential.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg(v1), Check: resource.TestCheckResourceAttr(addr, "credential_type", "SNMP")},
			{
				PreConfig: func() {
					c, _ := fake.CredentialByName("c")
					fake.SetRelatedResources(c.InstanceID, 3)
				},
				Config: cfg("snmp_v1_v2c {\n  community = \"private\"\n}"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("num_of_related_resources"), knownvalue.Int64Exact(3)),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.NotNull()),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("credential_type"), knownvalue.StringExact("SNMP")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Another SNMP version: JP1 changes it in place.
				Config: cfg("snmp_v3 {\n  user_name = \"v3user\"\n}"),
				Check: credentialIs(fake, "c", func(c fakejp1.Credential) error {
					if c.SNMPVersion == nil || *c.SNMPVersion != "V3" || c.Community != nil || c.NumOfRelatedResources != 3 {
						return fmt.Errorf("not changed in place to V3: %+v", c)
					}
					return nil
				}),
				ConfigPlanChecks: expectUpdate("jp1_analytics_credential.test"),
			},
			{ // Another type: JP1 cannot change it, so the credential is replaced.
				Config: cfg("ssh {\n  user_id = \"u\"\n  password = \"p\"\n}"),
				Check:  resource.TestCheckResourceAttr(addr, "credential_type", "SSH"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func expectUpdate(addr string) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// A pending create (outcome unknown) whose resource is then removed from the
// configuration is deleted, not left behind: only a replacement adopts it.
func TestAccAnalyticsCredential_pendingCreateRemovedIsDeleted(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	const create = "POST /Analytics/v1/objects/Credentials"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					fake.AddFault(fakejp1.Fault{Endpoint: create, Mode: fakejp1.FaultDropAfter, Times: 1})
					fake.AddFault(fakejp1.Fault{Endpoint: create, Mode: fakejp1.FaultDropBefore})
				},
				Config:      providerConfig(url) + "resource \"jp1_analytics_credential\" \"p\" {\n  name = \"pending\"\n  ssh {\n    user_id  = \"u\"\n    password = \"p\"\n  }\n}\n",
				ExpectError: regexp.MustCompile(`(?s)may have reached the`),
			},
			{
				PreConfig: func() {
					if len(fake.Credentials()) != 1 {
						t.Fatalf("the lost create left %d credentials, want 1", len(fake.Credentials()))
					}
					fake.ClearFaults()
				},
				Config: providerConfig(url),
				Check: func(*terraform.State) error {
					if n := len(fake.Credentials()); n != 0 {
						return fmt.Errorf("the pending credential was left behind: the fake holds %d", n)
					}
					return nil
				},
			},
		},
	})
}
