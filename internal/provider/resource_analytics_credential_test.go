package provider

import (
	"fmt"
	"reflect"
	"strconv"
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

// credentialCase is one credential type's lifecycle: its configuration for a
// given (name, plain member, secret, secret version), what the fake must then hold,
// and how a person would change it behind Terraform's back.
type credentialCase struct {
	name     string
	config   func(name, plain, secret string, version int) string
	expected func(name, plain, secret string) fakejp1.Credential
	drift    func(c *fakejp1.Credential)
	// rotates says whether the secret is a write-only one rotated by its version
	// (SNMP V1/V2c has only the community string, a sensitive argument that is
	// read back and changed in place).
	rotates bool
	// block is the type's block; woAttr the write-only attribute in it that
	// must stay null in plan and state.
	block, woAttr string
}

// addr is the case's resource address: every case's resource is labelled
// with its block name, so that one configuration can hold them all.
func (c credentialCase) addr() string { return "jp1_analytics_credential." + c.block }

var credentialCases = []credentialCase{
	{
		name:  "WMI",
		block: "wmi",
		config: func(name, plain, secret string, version int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "wmi" {
  name = %q
  wmi {
    user_id             = "Administrator"
    domain_name         = %q
    password_wo         = %q
    password_wo_version = %d
  }
}`, name, plain, secret, version)
		},
		expected: func(name, plain, secret string) fakejp1.Credential {
			return fakejp1.Credential{Name: name, CredentialType: "WMI", UserID: fakejp1test.Ptr("Administrator"), DomainName: fakejp1test.Ptr(plain),
				Password: fakejp1test.Ptr(secret), PasswordNotRequired: fakejp1test.Ptr(false)}
		},
		drift:   func(c *fakejp1.Credential) { c.DomainName = fakejp1test.Ptr("CHANGED-BY-HAND") },
		rotates: true,
		woAttr:  "password_wo",
	},
	{
		name:  "SSH",
		block: "ssh",
		config: func(name, plain, secret string, version int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "ssh" {
  name = %q
  ssh {
    user_id                  = "jp1ssh"
    port_number              = %s
    password                 = "ssh-login-pw"
    root_password_wo         = %q
    root_password_wo_version = %d
  }
}`, name, plain, secret, version)
		},
		expected: func(name, plain, secret string) fakejp1.Credential {
			port, _ := strconv.ParseInt(plain, 10, 64)
			return fakejp1.Credential{Name: name, CredentialType: "SSH", UserID: fakejp1test.Ptr("jp1ssh"), PortNumber: fakejp1test.Ptr(port),
				Password: fakejp1test.Ptr("ssh-login-pw"), RootPassword: fakejp1test.Ptr(secret)}
		},
		drift:   func(c *fakejp1.Credential) { c.PortNumber = fakejp1test.Ptr(int64(2222)) },
		rotates: true,
		woAttr:  "root_password_wo",
	},
	{
		name:  "WBEM",
		block: "wbem",
		config: func(name, plain, secret string, version int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "wbem" {
  name = %q
  wbem {
    user_id             = "wbemuser"
    port_number         = 5989
    ssl                 = true
    namespace           = %q
    password_wo         = %q
    password_wo_version = %d
  }
}`, name, plain, secret, version)
		},
		expected: func(name, plain, secret string) fakejp1.Credential {
			return fakejp1.Credential{Name: name, CredentialType: "WBEM", UserID: fakejp1test.Ptr("wbemuser"), PortNumber: fakejp1test.Ptr(int64(5989)),
				SSL: fakejp1test.Ptr(true), Namespace: fakejp1test.Ptr(plain), Password: fakejp1test.Ptr(secret)}
		},
		drift:   func(c *fakejp1.Credential) { c.SSL = fakejp1test.Ptr(false) },
		rotates: true,
		woAttr:  "password_wo",
	},
	{
		name:  "SNMPv1v2c",
		block: "snmp_v1_v2c",
		config: func(name, plain, secret string, _ int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "snmp_v1_v2c" {
  name = %q
  snmp_v1_v2c {
    port_number = %s
    community   = %q
  }
}`, name, plain, secret)
		},
		expected: func(name, plain, secret string) fakejp1.Credential {
			port, _ := strconv.ParseInt(plain, 10, 64)
			return fakejp1.Credential{Name: name, CredentialType: "SNMP", SNMPVersion: fakejp1test.Ptr("V1_V2C"), PortNumber: fakejp1test.Ptr(port), Community: fakejp1test.Ptr(secret)}
		},
		drift: func(c *fakejp1.Credential) { c.Community = fakejp1test.Ptr("changed-by-hand") },
	},
	{
		name:  "SNMPv3",
		block: "snmp_v3",
		config: func(name, plain, secret string, version int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "snmp_v3" {
  name = %[1]q
  snmp_v3 {
    user_name                            = %[2]q
    authentication_protocol              = "SHA1"
    authentication_passphrase_wo         = %[3]q
    authentication_passphrase_wo_version = %[4]d
    privacy_protocol                     = "AES128"
    privacy_passphrase_wo                = "privacy-%[3]s"
    privacy_passphrase_wo_version        = %[4]d
  }
}`, name, plain, secret, version)
		},
		expected: func(name, plain, secret string) fakejp1.Credential {
			return fakejp1.Credential{Name: name, CredentialType: "SNMP", SNMPVersion: fakejp1test.Ptr("V3"), UserName: fakejp1test.Ptr(plain), UserID: fakejp1test.Ptr(plain),
				AuthenticationEnabled: fakejp1test.Ptr(true), AuthenticationProtocol: fakejp1test.Ptr("SHA1"), AuthenticationPassphrase: fakejp1test.Ptr(secret),
				PrivacyEnabled: fakejp1test.Ptr(true), PrivacyProtocol: fakejp1test.Ptr("AES128"), PrivacyPassphrase: fakejp1test.Ptr("privacy-" + secret)}
		},
		drift:   func(c *fakejp1.Credential) { c.PrivacyProtocol = fakejp1test.Ptr("DES") },
		rotates: true,
		woAttr:  "authentication_passphrase_wo",
	},
}

// plainValues are the two values of each case's plain member (create, then update).
func plainValues(c credentialCase) (string, string) {
	switch c.name {
	case "SSH":
		return "22", "2022"
	case "SNMPv1v2c":
		return "161", "1161"
	case "SNMPv3":
		return "snmpuser", "snmpuser2"
	default:
		return "CORP", "CORP-EAST"
	}
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
	type values struct{ plain1, plain2, secret1, secret2 string }
	vals := map[string]values{}
	for _, tc := range credentialCases {
		v := values{secret1: "first-" + tc.name + "-secret", secret2: "second-" + tc.name + "-secret"}
		if !tc.rotates {
			v.secret1, v.secret2 = "public-"+tc.name, "private-"+tc.name
		}
		v.plain1, v.plain2 = plainValues(tc)
		vals[tc.name] = v
	}
	name := func(tc credentialCase) string { return "tf-" + tc.name }
	// cfg configures every case; secondPlain and secondSecret pick each case's later values.
	cfg := func(secondPlain, secondSecret bool) string {
		out := providerConfig(url)
		for _, tc := range credentialCases {
			v, plain, secret, version := vals[tc.name], vals[tc.name].plain1, vals[tc.name].secret1, 1
			if secondPlain {
				plain = v.plain2
			}
			if secondSecret {
				secret, version = v.secret2, 2
			}
			out += tc.config(name(tc), plain, secret, version)
		}
		return out
	}
	holds := func(secondPlain, secondSecret bool) resource.TestCheckFunc {
		var checks []resource.TestCheckFunc
		for _, tc := range credentialCases {
			v, plain, secret := vals[tc.name], vals[tc.name].plain1, vals[tc.name].secret1
			if secondPlain {
				plain = v.plain2
			}
			if secondSecret {
				secret = v.secret2
			}
			checks = append(checks, fakeHolds(fake, tc.expected(name(tc), plain, secret)))
		}
		return resource.ComposeAggregateTestCheckFunc(checks...)
	}
	actions := func(action plancheck.ResourceActionType) []plancheck.PlanCheck {
		var checks []plancheck.PlanCheck
		for _, tc := range credentialCases {
			checks = append(checks, plancheck.ExpectResourceAction(tc.addr(), action))
		}
		return checks
	}
	var stateChecks []statecheck.StateCheck
	var rotationPlan []plancheck.PlanCheck
	for _, tc := range credentialCases {
		stateChecks = append(stateChecks,
			statecheck.ExpectKnownValue(tc.addr(), tfjsonpath.New("name"), knownvalue.StringExact(name(tc))),
			statecheck.ExpectKnownValue(tc.addr(), tfjsonpath.New("instance_id"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(tc.addr(), tfjsonpath.New("credential_type"), knownvalue.StringExact(tc.expected("", "", "").CredentialType)))
		if tc.woAttr != "" {
			stateChecks = append(stateChecks, statecheck.ExpectKnownValue(tc.addr(), tfjsonpath.New(tc.block).AtMapKey(tc.woAttr), knownvalue.Null()))
		}
		rotationPlan = append(rotationPlan, rotationPlanChecks(tc)...)
	}

	steps := []resource.TestStep{{ // Create: the fake holds exactly what was configured.
		Config:            cfg(false, false),
		Check:             holds(false, false),
		ConfigStateChecks: stateChecks,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
	}}
	// Import every type (its members read back must equal the state), by
	// instanceID for the first ones and by name for the others.
	for i, tc := range credentialCases {
		var ignore []string // secrets JP1 never returns
		for _, s := range []string{"password", "root_password", "authentication_passphrase", "privacy_passphrase"} {
			ignore = append(ignore, tc.block+"."+s, tc.block+"."+s+"_wo_version")
		}
		step := resource.TestStep{ResourceName: tc.addr(), ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: ignore}
		if i >= 3 {
			n := name(tc)
			step.ImportStateIdFunc = func(*terraform.State) (string, error) { return "name:" + n, nil }
		}
		steps = append(steps, step)
	}
	steps = append(steps,
		resource.TestStep{ // Update a plain member in place.
			Config: cfg(true, false),
			Check:  holds(true, false),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             actions(plancheck.ResourceActionUpdate),
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		resource.TestStep{ // Rotate the secret by bumping its version (or changing it, for the
			// community): an in-place update, the fake receives the new one, and
			// neither the plan nor the state holds a write-only value.
			Config:            cfg(true, true),
			Check:             holds(true, true),
			ConfigStateChecks: stateChecks,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             rotationPlan,
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		resource.TestStep{ // Drift: a member changed by hand is planned back and restored.
			PreConfig: func() {
				for _, tc := range credentialCases {
					c, ok := fake.CredentialByName(name(tc))
					if !ok {
						t.Fatalf("no credential %q in the fake", name(tc))
					}
					tc.drift(&c)
					fake.PutCredential(c)
				}
			},
			Config:           cfg(true, true),
			Check:            holds(true, true),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: actions(plancheck.ResourceActionUpdate)},
		},
		resource.TestStep{ // Disappears: deleted by hand, planned for creation, created again.
			PreConfig: func() {
				for _, tc := range credentialCases {
					c, _ := fake.CredentialByName(name(tc))
					fake.DeleteCredential(c.InstanceID)
				}
			},
			Config:           cfg(true, true),
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

// rotationPlanChecks: the rotation is an update in place, with the write-only
// value null in the plan.
func rotationPlanChecks(tc credentialCase) []plancheck.PlanCheck {
	checks := []plancheck.PlanCheck{plancheck.ExpectResourceAction(tc.addr(), plancheck.ResourceActionUpdate)}
	if tc.woAttr != "" {
		checks = append(checks, plancheck.ExpectKnownValue(tc.addr(), tfjsonpath.New(tc.block).AtMapKey(tc.woAttr), knownvalue.Null()))
	}
	if tc.name == "SNMPv3" {
		checks = append(checks, plancheck.ExpectKnownValue(tc.addr(), tfjsonpath.New("snmp_v3").AtMapKey("privacy_passphrase_wo"), knownvalue.Null()))
	}
	return checks
}
