package live

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// liveCredential is one credential type in the lifecycle: its block, its
// configuration for a plain value (changed by the update) and a secret, what
// another administrator changes behind Terraform's back, and how to tell
// from JP1 that the configured plain value is there.
type liveCredential struct {
	block, jp1Type string
	plain          [2]string
	config         func(name, plain, secret string) string
	drift          func(*jp1api.Credential)
	holds          func(cr *jp1api.Credential, plain string) bool
}

func deref[T any](p *T) (v T) {
	if p != nil {
		v = *p
	}
	return v
}

var liveCredentials = []liveCredential{
	{
		block: "wmi", jp1Type: "WMI", plain: [2]string{"LIVE", "LIVE-EAST"},
		config: func(name, plain, secret string) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "wmi" {
  name = %q
  wmi {
    user_id             = "Administrator"
    domain_name         = %q
    password_wo         = %q
    password_wo_version = 1
  }
}
`, name, plain, secret)
		},
		drift: func(c *jp1api.Credential) { c.DomainName = new("CHANGED-BY-HAND") },
		holds: func(c *jp1api.Credential, plain string) bool { return deref(c.DomainName) == plain },
	},
	{
		block: "ssh", jp1Type: "SSH", plain: [2]string{"22", "2022"},
		config: func(name, plain, secret string) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "ssh" {
  name = %q
  ssh {
    user_id             = "jp1live"
    port_number         = %s
    password_wo         = %q
    password_wo_version = 1
  }
}
`, name, plain, secret)
		},
		drift: func(c *jp1api.Credential) { c.PortNumber = new(int64(2222)) },
		holds: func(c *jp1api.Credential, plain string) bool { return fmt.Sprint(deref(c.PortNumber)) == plain },
	},
	{
		block: "wbem", jp1Type: "WBEM", plain: [2]string{"root/cimv2", "root/interop"},
		config: func(name, plain, secret string) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "wbem" {
  name = %q
  wbem {
    user_id             = "cim"
    port_number         = 5989
    ssl                 = true
    namespace           = %q
    password_wo         = %q
    password_wo_version = 1
  }
}
`, name, plain, secret)
		},
		drift: func(c *jp1api.Credential) { c.SSL = new(false) },
		holds: func(c *jp1api.Credential, plain string) bool { return deref(c.Namespace) == plain && deref(c.SSL) },
	},
	{
		block: "snmp_v1_v2c", jp1Type: "SNMP", plain: [2]string{"161", "1161"},
		config: func(name, plain, secret string) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "snmp_v1_v2c" {
  name = %q
  snmp_v1_v2c {
    port_number = %s
    community   = %q
  }
}
`, name, plain, secret)
		},
		drift: func(c *jp1api.Credential) { c.PortNumber = new(int64(10161)) },
		holds: func(c *jp1api.Credential, plain string) bool {
			return deref(c.SNMPVersion) == "V1_V2C" && fmt.Sprint(deref(c.PortNumber)) == plain
		},
	},
	{
		block: "snmp_v3", jp1Type: "SNMP", plain: [2]string{"liveuser", "liveuser2"},
		config: func(name, plain, secret string) string {
			return fmt.Sprintf(`
resource "jp1_analytics_credential" "snmp_v3" {
  name = %[1]q
  snmp_v3 {
    user_name                            = %[2]q
    authentication_protocol              = "SHA1"
    authentication_passphrase_wo         = %[3]q
    authentication_passphrase_wo_version = 1
    privacy_protocol                     = "AES128"
    privacy_passphrase_wo                = %[3]q
    privacy_passphrase_wo_version        = 1
  }
}
`, name, plain, secret)
		},
		drift: func(c *jp1api.Credential) { c.PrivacyProtocol = new("DES") },
		holds: func(c *jp1api.Credential, plain string) bool {
			return deref(c.UserName) == plain && deref(c.PrivacyProtocol) == "AES128"
		},
	},
}

func (lc liveCredential) addr() string { return "jp1_analytics_credential." + lc.block }

// Analytics credentials of every type in one configuration: created, read,
// imported (by instanceID, and by name), a plain member updated in place,
// changed behind Terraform's back (the plan puts it back), restored,
// destroyed. After each apply, JP1 holds what was configured.
func TestLive_analyticsCredentialLifecycle(t *testing.T) {
	r := begin(t, needs{analytics: true, writes: true})
	names := map[string]string{}
	secrets := map[string]string{}
	for _, lc := range liveCredentials {
		names[lc.block] = r.guard.Name(AnalyticsCredential)
		secrets[lc.block] = r.secret()
		r.removeAtEnd(t, AnalyticsCredential, names[lc.block])
	}
	config := func(second bool) string {
		out := emptyProvider
		for _, lc := range liveCredentials {
			plain := lc.plain[0]
			if second {
				plain = lc.plain[1]
			}
			out += lc.config(names[lc.block], plain, secrets[lc.block])
		}
		return out
	}
	holds := func(second bool) resource.TestCheckFunc {
		var checks []resource.TestCheckFunc
		for _, lc := range liveCredentials {
			plain := lc.plain[0]
			if second {
				plain = lc.plain[1]
			}
			checks = append(checks, r.credentialIs(names[lc.block], func(cr *jp1api.Credential) error {
				if !strings.EqualFold(cr.CredentialType, lc.jp1Type) || !lc.holds(cr, plain) {
					return fmt.Errorf("JP1 holds type %s and not the configured %s value %q", cr.CredentialType, lc.block, plain)
				}
				return nil
			}))
		}
		return resource.ComposeAggregateTestCheckFunc(checks...)
	}
	actions := func(action plancheck.ResourceActionType) []plancheck.PlanCheck {
		var checks []plancheck.PlanCheck
		for _, lc := range liveCredentials {
			checks = append(checks, plancheck.ExpectResourceAction(lc.addr(), action))
		}
		return checks
	}
	var stateChecks []statecheck.StateCheck
	var addrs []string
	for _, lc := range liveCredentials {
		addrs = append(addrs, lc.addr())
		stateChecks = append(stateChecks,
			statecheck.ExpectKnownValue(lc.addr(), tfjsonpath.New("name"), knownvalue.StringExact(names[lc.block])),
			statecheck.ExpectKnownValue(lc.addr(), tfjsonpath.New("credential_type"), knownvalue.StringExact(lc.jp1Type)),
			statecheck.ExpectKnownValue(lc.addr(), tfjsonpath.New("instance_id"), knownvalue.NotNull()))
	}

	steps := []resource.TestStep{{
		Config:            config(false),
		Check:             holds(false),
		ConfigStateChecks: stateChecks,
		ConfigPlanChecks:  emptyPlanAfterApply,
	}}
	for i, lc := range liveCredentials {
		var ignore []string // JP1 never returns these
		for _, s := range []string{"password", "root_password", "authentication_passphrase", "privacy_passphrase"} {
			ignore = append(ignore, lc.block+"."+s, lc.block+"."+s+"_wo_version")
		}
		step := resource.TestStep{ResourceName: lc.addr(), ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: ignore}
		if i%2 == 1 {
			name := names[lc.block]
			step.ImportStateIdFunc = func(*terraform.State) (string, error) { return "name:" + name, nil }
		}
		steps = append(steps, step)
	}
	steps = append(steps,
		resource.TestStep{
			Config: config(true),
			Check:  holds(true),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             actions(plancheck.ResourceActionUpdate),
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		driftStep(config(true), r.behindTerraformsBack(t, "changing the credentials", func(ctx context.Context) error {
			for _, lc := range liveCredentials {
				if err := r.clients.ChangeCredential(ctx, names[lc.block], lc.drift); err != nil {
					return err
				}
			}
			return nil
		}), plancheck.ResourceActionUpdate, addrs...),
		resource.TestStep{
			Config:           config(true),
			Check:            holds(true),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: actions(plancheck.ResourceActionUpdate)},
		},
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy: func(s *terraform.State) error {
			var checks []resource.TestCheckFunc
			for _, lc := range liveCredentials {
				checks = append(checks, r.exists(AnalyticsCredential, names[lc.block], false))
			}
			return resource.ComposeAggregateTestCheckFunc(checks...)(s)
		},
		Steps: steps,
	})
}
