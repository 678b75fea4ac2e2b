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

func ptr[T any](v T) *T { return &v }

var credentialCases = []credentialCase{
	{
		name:  "WMI",
		block: "wmi",
		config: func(name, plain, secret string, version int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "test" {
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
			return fakejp1.Credential{Name: name, CredentialType: "WMI", UserID: ptr("Administrator"), DomainName: ptr(plain),
				Password: ptr(secret), PasswordNotRequired: ptr(false)}
		},
		drift:   func(c *fakejp1.Credential) { c.DomainName = ptr("CHANGED-BY-HAND") },
		rotates: true,
		woAttr:  "password_wo",
	},
	{
		name:  "SSH",
		block: "ssh",
		config: func(name, plain, secret string, version int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "test" {
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
			return fakejp1.Credential{Name: name, CredentialType: "SSH", UserID: ptr("jp1ssh"), PortNumber: ptr(port),
				Password: ptr("ssh-login-pw"), RootPassword: ptr(secret)}
		},
		drift:   func(c *fakejp1.Credential) { c.PortNumber = ptr(int64(2222)) },
		rotates: true,
		woAttr:  "root_password_wo",
	},
	{
		name:  "WBEM",
		block: "wbem",
		config: func(name, plain, secret string, version int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "test" {
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
			return fakejp1.Credential{Name: name, CredentialType: "WBEM", UserID: ptr("wbemuser"), PortNumber: ptr(int64(5989)),
				SSL: ptr(true), Namespace: ptr(plain), Password: ptr(secret)}
		},
		drift:   func(c *fakejp1.Credential) { c.SSL = ptr(false) },
		rotates: true,
		woAttr:  "password_wo",
	},
	{
		name:  "SNMPv1v2c",
		block: "snmp_v1_v2c",
		config: func(name, plain, secret string, _ int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "test" {
  name = %q
  snmp_v1_v2c {
    port_number = %s
    community   = %q
  }
}`, name, plain, secret)
		},
		expected: func(name, plain, secret string) fakejp1.Credential {
			port, _ := strconv.ParseInt(plain, 10, 64)
			return fakejp1.Credential{Name: name, CredentialType: "SNMP", SNMPVersion: ptr("V1_V2C"), PortNumber: ptr(port), Community: ptr(secret)}
		},
		drift: func(c *fakejp1.Credential) { c.Community = ptr("changed-by-hand") },
	},
	{
		name:  "SNMPv3",
		block: "snmp_v3",
		config: func(name, plain, secret string, version int) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "test" {
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
			return fakejp1.Credential{Name: name, CredentialType: "SNMP", SNMPVersion: ptr("V3"), UserName: ptr(plain), UserID: ptr(plain),
				AuthenticationEnabled: ptr(true), AuthenticationProtocol: ptr("SHA1"), AuthenticationPassphrase: ptr(secret),
				PrivacyEnabled: ptr(true), PrivacyProtocol: ptr("AES128"), PrivacyPassphrase: ptr("privacy-" + secret)}
		},
		drift:   func(c *fakejp1.Credential) { c.PrivacyProtocol = ptr("DES") },
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

func TestAccAnalyticsCredential_lifecycle(t *testing.T) {
	t.Parallel()
	for _, tc := range credentialCases {
		t.Run(tc.name, func(t *testing.T) {
			fake, url := startFake(t)
			name := "tf-" + tc.name
			plain1, plain2 := plainValues(tc)
			secret1, secret2 := "first-"+tc.name+"-secret", "second-"+tc.name+"-secret"
			if !tc.rotates {
				secret1, secret2 = "public-"+tc.name, "private-"+tc.name
			}
			cfg := func(plain, secret string, version int) string {
				return providerConfig(url) + tc.config(name, plain, secret, version)
			}
			mutate := func(f func(*fakejp1.Credential)) func() {
				return func() {
					c, ok := fake.CredentialByName(name)
					if !ok {
						t.Fatalf("no credential %q in the fake", name)
					}
					f(&c)
					fake.PutCredential(c)
				}
			}
			stateChecks := []statecheck.StateCheck{
				statecheck.ExpectKnownValue(credAddr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(credAddr, tfjsonpath.New("instance_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(credAddr, tfjsonpath.New("credential_type"), knownvalue.StringExact(tc.expected(name, plain1, secret1).CredentialType)),
			}
			if tc.woAttr != "" {
				stateChecks = append(stateChecks, statecheck.ExpectKnownValue(credAddr, tfjsonpath.New(tc.block).AtMapKey(tc.woAttr), knownvalue.Null()))
			}
			var ignore []string // secrets JP1 never returns
			for _, s := range []string{"password", "root_password", "authentication_passphrase", "privacy_passphrase"} {
				ignore = append(ignore, tc.block+"."+s, tc.block+"."+s+"_wo_version")
			}

			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				ProtoV6ProviderFactories: protoV6Factories,
				CheckDestroy: func(*terraform.State) error {
					if n := len(fake.Credentials()); n != 0 {
						return fmt.Errorf("after destroy the fake still holds %d credential(s)", n)
					}
					return nil
				},
				Steps: []resource.TestStep{
					{ // Create: the fake holds exactly what was configured.
						Config:            cfg(plain1, secret1, 1),
						Check:             fakeHolds(fake, tc.expected(name, plain1, secret1)),
						ConfigStateChecks: stateChecks,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
					{ // Import by instanceID.
						ResourceName:            credAddr,
						ImportState:             true,
						ImportStateVerify:       true,
						ImportStateVerifyIgnore: ignore,
					},
					{ // Import by name.
						ResourceName:            credAddr,
						ImportState:             true,
						ImportStateIdFunc:       func(*terraform.State) (string, error) { return "name:" + name, nil },
						ImportStateVerify:       true,
						ImportStateVerifyIgnore: ignore,
					},
					{ // Update a plain member in place.
						Config: cfg(plain2, secret1, 1),
						Check:  fakeHolds(fake, tc.expected(name, plain2, secret1)),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(credAddr, plancheck.ResourceActionUpdate)},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
					{ // Rotate the secret by bumping its version (or changing it, for the
						// community): an in-place update, the fake receives the new one, and
						// neither the plan nor the state holds a write-only value.
						Config:            cfg(plain2, secret2, 2),
						Check:             fakeHolds(fake, tc.expected(name, plain2, secret2)),
						ConfigStateChecks: stateChecks,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             rotationPlanChecks(tc),
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
					{ // Drift: a member changed by hand is planned back and restored.
						PreConfig: mutate(tc.drift),
						Config:    cfg(plain2, secret2, 2),
						Check:     fakeHolds(fake, tc.expected(name, plain2, secret2)),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(credAddr, plancheck.ResourceActionUpdate)},
						},
					},
					{ // Disappears: deleted by hand, planned for creation, created again.
						PreConfig: func() {
							c, _ := fake.CredentialByName(name)
							fake.DeleteCredential(c.InstanceID)
						},
						Config: cfg(plain2, secret2, 2),
						Check:  fakeHolds(fake, tc.expected(name, plain2, secret2)),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(credAddr, plancheck.ResourceActionCreate)},
						},
					},
				},
			})
		})
	}
}

// rotationPlanChecks: the rotation is an update in place, with the write-only
// value null in the plan.
func rotationPlanChecks(tc credentialCase) []plancheck.PlanCheck {
	checks := []plancheck.PlanCheck{plancheck.ExpectResourceAction(credAddr, plancheck.ResourceActionUpdate)}
	if tc.woAttr != "" {
		checks = append(checks, plancheck.ExpectKnownValue(credAddr, tfjsonpath.New(tc.block).AtMapKey(tc.woAttr), knownvalue.Null()))
	}
	if tc.name == "SNMPv3" {
		checks = append(checks, plancheck.ExpectKnownValue(credAddr, tfjsonpath.New("snmp_v3").AtMapKey("privacy_passphrase_wo"), knownvalue.Null()))
	}
	return checks
}
