package provider

import (
	"fmt"
	"reflect"
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

const credAddr = "jp1_analytics_credential.test"

// credentialConfigCreate holds one credential of every type, each resource
// labelled with its block's name.
const credentialConfigCreate = `
resource "jp1_analytics_credential" "wmi" {
  name = "tf-WMI"
  wmi {
    user_id             = "Administrator"
    domain_name         = "CORP"
    password_wo         = "first-WMI-secret"
    password_wo_version = 1
  }
}

resource "jp1_analytics_credential" "ssh" {
  name = "tf-SSH"
  ssh {
    user_id                  = "jp1ssh"
    port_number              = 22
    password                 = "ssh-login-pw"
    root_password_wo         = "first-SSH-secret"
    root_password_wo_version = 1
  }
}

resource "jp1_analytics_credential" "wbem" {
  name = "tf-WBEM"
  wbem {
    user_id             = "wbemuser"
    port_number         = 5989
    ssl                 = true
    namespace           = "CORP"
    password_wo         = "first-WBEM-secret"
    password_wo_version = 1
  }
}

resource "jp1_analytics_credential" "snmp_v1_v2c" {
  name = "tf-SNMPv1v2c"
  snmp_v1_v2c {
    port_number = 161
    community   = "public-SNMPv1v2c"
  }
}

resource "jp1_analytics_credential" "snmp_v3" {
  name = "tf-SNMPv3"
  snmp_v3 {
    user_name                            = "snmpuser"
    authentication_protocol              = "SHA1"
    authentication_passphrase_wo         = "first-SNMPv3-secret"
    authentication_passphrase_wo_version = 1
    privacy_protocol                     = "AES128"
    privacy_passphrase_wo                = "privacy-first-SNMPv3-secret"
    privacy_passphrase_wo_version        = 1
  }
}
`

// credentialConfigUpdate changes one plain member of every type: the domain,
// the ports, the namespace, the SNMPv3 user name.
const credentialConfigUpdate = `
resource "jp1_analytics_credential" "wmi" {
  name = "tf-WMI"
  wmi {
    user_id             = "Administrator"
    domain_name         = "CORP-EAST"
    password_wo         = "first-WMI-secret"
    password_wo_version = 1
  }
}

resource "jp1_analytics_credential" "ssh" {
  name = "tf-SSH"
  ssh {
    user_id                  = "jp1ssh"
    port_number              = 2022
    password                 = "ssh-login-pw"
    root_password_wo         = "first-SSH-secret"
    root_password_wo_version = 1
  }
}

resource "jp1_analytics_credential" "wbem" {
  name = "tf-WBEM"
  wbem {
    user_id             = "wbemuser"
    port_number         = 5989
    ssl                 = true
    namespace           = "CORP-EAST"
    password_wo         = "first-WBEM-secret"
    password_wo_version = 1
  }
}

resource "jp1_analytics_credential" "snmp_v1_v2c" {
  name = "tf-SNMPv1v2c"
  snmp_v1_v2c {
    port_number = 1161
    community   = "public-SNMPv1v2c"
  }
}

resource "jp1_analytics_credential" "snmp_v3" {
  name = "tf-SNMPv3"
  snmp_v3 {
    user_name                            = "snmpuser2"
    authentication_protocol              = "SHA1"
    authentication_passphrase_wo         = "first-SNMPv3-secret"
    authentication_passphrase_wo_version = 1
    privacy_protocol                     = "AES128"
    privacy_passphrase_wo                = "privacy-first-SNMPv3-secret"
    privacy_passphrase_wo_version        = 1
  }
}
`

// credentialConfigRotate rotates every secret: a write-only one by a new
// value and version 2, the SNMP V1/V2c community (a sensitive argument read
// back) by a new value.
const credentialConfigRotate = `
resource "jp1_analytics_credential" "wmi" {
  name = "tf-WMI"
  wmi {
    user_id             = "Administrator"
    domain_name         = "CORP-EAST"
    password_wo         = "second-WMI-secret"
    password_wo_version = 2
  }
}

resource "jp1_analytics_credential" "ssh" {
  name = "tf-SSH"
  ssh {
    user_id                  = "jp1ssh"
    port_number              = 2022
    password                 = "ssh-login-pw"
    root_password_wo         = "second-SSH-secret"
    root_password_wo_version = 2
  }
}

resource "jp1_analytics_credential" "wbem" {
  name = "tf-WBEM"
  wbem {
    user_id             = "wbemuser"
    port_number         = 5989
    ssl                 = true
    namespace           = "CORP-EAST"
    password_wo         = "second-WBEM-secret"
    password_wo_version = 2
  }
}

resource "jp1_analytics_credential" "snmp_v1_v2c" {
  name = "tf-SNMPv1v2c"
  snmp_v1_v2c {
    port_number = 1161
    community   = "private-SNMPv1v2c"
  }
}

resource "jp1_analytics_credential" "snmp_v3" {
  name = "tf-SNMPv3"
  snmp_v3 {
    user_name                            = "snmpuser2"
    authentication_protocol              = "SHA1"
    authentication_passphrase_wo         = "second-SNMPv3-secret"
    authentication_passphrase_wo_version = 2
    privacy_protocol                     = "AES128"
    privacy_passphrase_wo                = "privacy-second-SNMPv3-secret"
    privacy_passphrase_wo_version        = 2
  }
}
`

// credentialsHeld is what the fake must hold after each configuration,
// secrets decoded: created, then a plain member updated, then rotated.
func credentialsHeld(updated, rotated bool) []fakejp1.Credential {
	p := fakejp1test.Ptr[string]
	domain, sshPort, snmpPort, user := "CORP", int64(22), int64(161), "snmpuser"
	if updated {
		domain, sshPort, snmpPort, user = "CORP-EAST", 2022, 1161, "snmpuser2"
	}
	secret, community := "first", "public-SNMPv1v2c"
	if rotated {
		secret, community = "second", "private-SNMPv1v2c"
	}
	return []fakejp1.Credential{
		{Name: "tf-WMI", CredentialType: "WMI", UserID: p("Administrator"), DomainName: p(domain),
			Password: p(secret + "-WMI-secret"), PasswordNotRequired: fakejp1test.Ptr(false)},
		{Name: "tf-SSH", CredentialType: "SSH", UserID: p("jp1ssh"), PortNumber: fakejp1test.Ptr(sshPort),
			Password: p("ssh-login-pw"), RootPassword: p(secret + "-SSH-secret")},
		{Name: "tf-WBEM", CredentialType: "WBEM", UserID: p("wbemuser"), PortNumber: fakejp1test.Ptr(int64(5989)),
			SSL: fakejp1test.Ptr(true), Namespace: p(domain), Password: p(secret + "-WBEM-secret")},
		{Name: "tf-SNMPv1v2c", CredentialType: "SNMP", SNMPVersion: p("V1_V2C"), PortNumber: fakejp1test.Ptr(snmpPort), Community: p(community)},
		{Name: "tf-SNMPv3", CredentialType: "SNMP", SNMPVersion: p("V3"), UserName: p(user), UserID: p(user),
			AuthenticationEnabled: fakejp1test.Ptr(true), AuthenticationProtocol: p("SHA1"), AuthenticationPassphrase: p(secret + "-SNMPv3-secret"),
			PrivacyEnabled: fakejp1test.Ptr(true), PrivacyProtocol: p("AES128"), PrivacyPassphrase: p("privacy-" + secret + "-SNMPv3-secret")},
	}
}

// credentialResources are the resources of the configurations above: block
// (also the resource's label), name, credential type, and the write-only
// attribute that must stay null in plan and state ("" for the community).
var credentialResources = []struct{ block, name, credentialType, writeOnly string }{
	{"wmi", "tf-WMI", "WMI", "password_wo"},
	{"ssh", "tf-SSH", "SSH", "root_password_wo"},
	{"wbem", "tf-WBEM", "WBEM", "password_wo"},
	{"snmp_v1_v2c", "tf-SNMPv1v2c", "SNMP", ""},
	{"snmp_v3", "tf-SNMPv3", "SNMP", "authentication_passphrase_wo"},
}

// fakeHolds checks that the fake stores exactly the expected credential, secrets decoded.
func fakeHolds(fake *fakejp1.Server, want fakejp1.Credential) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, ok := fake.CredentialByName(want.Name)
		if !ok {
			return fmt.Errorf("the fake holds no credential named %q; it holds %d", want.Name, len(fake.Credentials()))
		}
		got.InstanceID, got.NumOfRelatedResources = 0, 0
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("the fake holds\n%s\nwant\n%s", describe(got), describe(want))
		}
		return nil
	}
}

func describe(c fakejp1.Credential) string {
	v := reflect.ValueOf(c)
	s := ""
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				continue
			}
			f = f.Elem()
		}
		s += fmt.Sprintf("  %s=%v\n", v.Type().Field(i).Name, f.Interface())
	}
	return s
}

// Every credential type through its whole life in one configuration (one
// Terraform run per step serves all five): create, import by instanceID and by
// name, a plain member updated in place, the secret rotated, a member drifted
// by hand and restored, the credential deleted by hand and created again. After
// each apply the fake holds exactly what was configured, secrets decoded.
func TestAccAnalyticsCredential_lifecycle(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	holds := func(updated, rotated bool) resource.TestCheckFunc {
		var checks []resource.TestCheckFunc
		for _, want := range credentialsHeld(updated, rotated) {
			checks = append(checks, fakeHolds(fake, want))
		}
		return resource.ComposeAggregateTestCheckFunc(checks...)
	}
	actions := func(action plancheck.ResourceActionType) []plancheck.PlanCheck {
		var checks []plancheck.PlanCheck
		for _, r := range credentialResources {
			checks = append(checks, plancheck.ExpectResourceAction("jp1_analytics_credential."+r.block, action))
		}
		return checks
	}
	var stateChecks []statecheck.StateCheck
	// The rotation is an update in place, with the write-only values null in the plan.
	rotationPlan := []plancheck.PlanCheck{plancheck.ExpectKnownValue("jp1_analytics_credential.snmp_v3",
		tfjsonpath.New("snmp_v3").AtMapKey("privacy_passphrase_wo"), knownvalue.Null())}
	for _, r := range credentialResources {
		addr := "jp1_analytics_credential." + r.block
		stateChecks = append(stateChecks,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(r.name)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("instance_id"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("credential_type"), knownvalue.StringExact(r.credentialType)))
		rotationPlan = append(rotationPlan, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate))
		if r.writeOnly != "" {
			stateChecks = append(stateChecks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(r.block).AtMapKey(r.writeOnly), knownvalue.Null()))
			rotationPlan = append(rotationPlan, plancheck.ExpectKnownValue(addr, tfjsonpath.New(r.block).AtMapKey(r.writeOnly), knownvalue.Null()))
		}
	}

	steps := []resource.TestStep{{ // Create: the fake holds exactly what was configured.
		Config:            providerConfig(url) + credentialConfigCreate,
		Check:             holds(false, false),
		ConfigStateChecks: stateChecks,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
	}}
	// Import every type (its members read back must equal the state), by
	// instanceID for the first three and by name for the others.
	for i, r := range credentialResources {
		var ignore []string // secrets JP1 never returns
		for _, s := range []string{"password", "root_password", "authentication_passphrase", "privacy_passphrase"} {
			ignore = append(ignore, r.block+"."+s, r.block+"."+s+"_wo_version")
		}
		step := resource.TestStep{ResourceName: "jp1_analytics_credential." + r.block, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: ignore}
		if i >= 3 {
			id := "name:" + r.name
			step.ImportStateIdFunc = func(*terraform.State) (string, error) { return id, nil }
		}
		steps = append(steps, step)
	}
	// A member of each type changed by hand behind Terraform's back.
	drift := map[string]func(c *fakejp1.Credential){
		"tf-WMI":       func(c *fakejp1.Credential) { c.DomainName = fakejp1test.Ptr("CHANGED-BY-HAND") },
		"tf-SSH":       func(c *fakejp1.Credential) { c.PortNumber = fakejp1test.Ptr(int64(2222)) },
		"tf-WBEM":      func(c *fakejp1.Credential) { c.SSL = fakejp1test.Ptr(false) },
		"tf-SNMPv1v2c": func(c *fakejp1.Credential) { c.Community = fakejp1test.Ptr("changed-by-hand") },
		"tf-SNMPv3":    func(c *fakejp1.Credential) { c.PrivacyProtocol = fakejp1test.Ptr("DES") },
	}
	steps = append(steps,
		resource.TestStep{ // Update a plain member in place.
			Config: providerConfig(url) + credentialConfigUpdate,
			Check:  holds(true, false),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             actions(plancheck.ResourceActionUpdate),
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		resource.TestStep{ // Rotate the secret by bumping its version (or changing it, for the
			// community): an in-place update, the fake receives the new one, and
			// neither the plan nor the state holds a write-only value.
			Config:            providerConfig(url) + credentialConfigRotate,
			Check:             holds(true, true),
			ConfigStateChecks: stateChecks,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             rotationPlan,
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		resource.TestStep{ // Drift: a member changed by hand is planned back and restored.
			PreConfig: func() {
				for _, r := range credentialResources {
					c, ok := fake.CredentialByName(r.name)
					if !ok {
						t.Fatalf("no credential %q in the fake", r.name)
					}
					drift[r.name](&c)
					fake.PutCredential(c)
				}
			},
			Config:           providerConfig(url) + credentialConfigRotate,
			Check:            holds(true, true),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: actions(plancheck.ResourceActionUpdate)},
		},
		resource.TestStep{ // Disappears: deleted by hand, planned for creation, created again.
			PreConfig: func() {
				for _, r := range credentialResources {
					c, _ := fake.CredentialByName(r.name)
					fake.DeleteCredential(c.InstanceID)
				}
			},
			Config:           providerConfig(url) + credentialConfigRotate,
			Check:            holds(true, true),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: actions(plancheck.ResourceActionCreate)},
		},
	)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(fake.Credentials()); n != 0 {
				return fmt.Errorf("after destroy the fake still holds %d credential(s)", n)
			}
			return nil
		},
		Steps: steps,
	})
}
