package live

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// ours are the objects a test made through the API (read-write runs), or
// those the user named (read-only runs): what its checks look for.
type ours struct {
	client, proxyUser, lowerManager, credential string
}

// makeOurs creates, through the API and with the prefix, one IM client, one
// proxy user and one SSH credential (for the configured products), removed
// at the end of the test. In a read-only run it makes nothing and returns
// the objects the user named.
func (r *liveRun) makeOurs(t *testing.T) ours {
	t.Helper()
	if r.cfg.ReadOnly {
		return ours{client: r.cfg.ImportClientID, proxyUser: r.cfg.ImportProxyUser, credential: r.cfg.ImportCredentialName,
			lowerManager: r.cfg.ImportLowerManager}
	}
	var o ours
	ctx := r.ctx(t)
	if r.cfg.IMConfigured() {
		o.client, o.proxyUser = r.guard.Name(IMClient), r.guard.Name(ProxyUser)
		r.removeAtEnd(t, IMClient, o.client)
		r.removeAtEnd(t, ProxyUser, o.proxyUser)
		if err := r.clients.Create(ctx, IMClient, o.client, ""); err != nil {
			r.fatal(t, "issuing an IM client", err)
		}
		if err := r.clients.Create(ctx, ProxyUser, o.proxyUser, r.secret()); err != nil {
			r.fatal(t, "adding a proxy user", err)
		}
	}
	if r.cfg.AnalyticsConfigured() {
		o.credential = r.guard.Name(AnalyticsCredential)
		r.removeAtEnd(t, AnalyticsCredential, o.credential)
		if _, err := r.clients.CreateCredential(ctx, jp1api.Credential{Name: o.credential, CredentialType: "SSH",
			UserID: new("jp1live"), PortNumber: new(int64(22)), Password: new(r.secret())}); err != nil {
			r.fatal(t, "creating a credential", err)
		}
	}
	return o
}

// The provider configured from the environment alone logs in to each
// configured product, and every data source reads what JP1 holds (in a
// read-write run, including the objects the test made through the API; in a
// read-only run, the objects the user named). Nothing is written.
func TestLive_providerAndDataSources(t *testing.T) {
	r := begin(t, needs{})
	o := r.makeOurs(t)
	config := emptyProvider
	var checks []resource.TestCheckFunc
	if r.cfg.IMConfigured() {
		config += `
data "jp1_im_clients" "all" {}
data "jp1_proxy_users" "all" {}
data "jp1_im_lower_managers" "all" {}
`
		checks = append(checks,
			resource.TestCheckResourceAttrSet("data.jp1_im_clients.all", "client_ids.#"),
			resource.TestCheckResourceAttrSet("data.jp1_proxy_users.all", "user_ids.#"),
			resource.TestCheckResourceAttrSet("data.jp1_im_lower_managers.all", "hostnames.#"))
		if o.client != "" {
			checks = append(checks, resource.TestCheckTypeSetElemAttr("data.jp1_im_clients.all", "client_ids.*", o.client))
		}
		if o.proxyUser != "" {
			checks = append(checks, resource.TestCheckTypeSetElemAttr("data.jp1_proxy_users.all", "user_ids.*", o.proxyUser))
		}
		if o.lowerManager != "" {
			checks = append(checks, resource.TestCheckTypeSetElemAttr("data.jp1_im_lower_managers.all", "hostnames.*", o.lowerManager))
		}
	}
	if r.cfg.AnalyticsConfigured() {
		// Filtered to SSH, which holds no secret JP1 returns (an SNMP community would
		// land in the test's state file).
		config += `
data "jp1_analytics_credentials" "ssh" {
  credential_type = "SSH"
}
`
		checks = append(checks, resource.TestCheckResourceAttrSet("data.jp1_analytics_credentials.ssh", "credentials.#"))
		if o.credential != "" {
			config += fmt.Sprintf(`
data "jp1_analytics_credential" "ours" {
  name = %q
}
`, o.credential)
			checks = append(checks, resource.TestCheckResourceAttr("data.jp1_analytics_credential.ours", "name", o.credential),
				resource.TestCheckResourceAttrSet("data.jp1_analytics_credential.ours", "instance_id"))
			if !r.cfg.ReadOnly {
				checks = append(checks,
					resource.TestCheckResourceAttr("data.jp1_analytics_credential.ours", "credential_type", "SSH"),
					resource.TestCheckResourceAttr("data.jp1_analytics_credential.ours", "ssh.user_id", "jp1live"),
					resource.TestCheckTypeSetElemNestedAttrs("data.jp1_analytics_credentials.ssh", "credentials.*",
						map[string]string{"name": o.credential, "ssh.port_number": "22"}))
			}
		}
	}
	// Applying data sources writes only the test's own state; JP1 is only read.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(t),
		Steps:                    []resource.TestStep{{Config: config, Check: resource.ComposeAggregateTestCheckFunc(checks...)}},
	})
}

// terraform query (Terraform 1.14 or later) lists every collection; the
// objects the test made (or the user named) are among the results, with
// their identities, and a credential's name filter finds exactly ours.
func TestLive_listResources(t *testing.T) {
	r := begin(t, needs{minCLI: "1.14.0", query: true})
	o := r.makeOurs(t)
	config := emptyProvider
	var checks []querycheck.QueryResultCheck
	if r.cfg.IMConfigured() {
		config += `
list "jp1_im_client" "all" {
  provider = jp1
}
list "jp1_proxy_user" "all" {
  provider = jp1
}
list "jp1_im_lower_manager" "all" {
  provider = jp1
}
`
		if o.client != "" {
			checks = append(checks, querycheck.ExpectIdentity("jp1_im_client.all", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(o.client)}))
		}
		if o.proxyUser != "" {
			checks = append(checks,
				querycheck.ExpectIdentity("jp1_proxy_user.all", map[string]knownvalue.Check{"user_id": knownvalue.StringExact(o.proxyUser)}),
				querycheck.ExpectResourceDisplayName("jp1_proxy_user.all",
					queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"user_id": knownvalue.StringExact(o.proxyUser)}),
					knownvalue.StringExact(o.proxyUser)))
		}
		if o.lowerManager != "" {
			checks = append(checks, querycheck.ExpectIdentity("jp1_im_lower_manager.all", map[string]knownvalue.Check{"hostname": knownvalue.StringExact(o.lowerManager)}))
		}
	}
	if r.cfg.AnalyticsConfigured() {
		config += `
list "jp1_analytics_credential" "ssh" {
  provider = jp1
  config {
    credential_type = "SSH"
  }
}
`
		if o.credential != "" {
			config += fmt.Sprintf(`
list "jp1_analytics_credential" "ours" {
  provider = jp1
  config {
    name_regex = %q
  }
}
`, "^"+regexp.QuoteMeta(o.credential)+"$")
			checks = append(checks,
				querycheck.ExpectLength("jp1_analytics_credential.ours", 1),
				querycheck.ExpectResourceDisplayName("jp1_analytics_credential.ours",
					queryfilter.ByDisplayName(knownvalue.StringExact(o.credential)), knownvalue.StringExact(o.credential)))
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps:                    []resource.TestStep{{Query: true, Config: config, QueryResultChecks: checks}},
	})
}

// A configuration that adopts existing objects with import blocks plans
// imports (and the updates that send the configured secrets) and nothing
// else; it is never applied. A read-only run imports the objects the user
// names in JP1_LIVE_IMPORT_*; a read-write run makes its own through the API.
func TestLive_importPlan(t *testing.T) {
	r := begin(t, needs{})
	o := r.makeOurs(t)
	var config strings.Builder
	config.WriteString(emptyProvider)
	n, updates := 0, false
	if o.client != "" && r.cfg.IMConfigured() {
		n, updates = n+1, true
		fmt.Fprintf(&config, `
import {
  to = jp1_im_client.adopted
  id = %[1]q
}
resource "jp1_im_client" "adopted" {
  client_id = %[1]q
  keepers   = { adopted = "live" }
}
`, o.client)
	}
	if o.proxyUser != "" && r.cfg.IMConfigured() {
		n, updates = n+1, true
		fmt.Fprintf(&config, `
import {
  to = jp1_proxy_user.adopted
  id = %[1]q
}
resource "jp1_proxy_user" "adopted" {
  user_id             = %[1]q
  password_wo         = %[2]q
  password_wo_version = 1
}
`, o.proxyUser, r.secret())
	}
	if o.lowerManager != "" && r.cfg.IMConfigured() {
		n, updates = n+1, true
		fmt.Fprintf(&config, `
import {
  to = jp1_im_lower_manager.adopted
  id = %[1]q
}
resource "jp1_im_lower_manager" "adopted" {
  hostname                  = %[1]q
  initial_secret_wo         = %[2]q
  initial_secret_wo_version = 1
}
`, o.lowerManager, r.secret())
	}
	if o.credential != "" && r.cfg.AnalyticsConfigured() {
		cr, err := r.clients.Credential(r.ctx(t), o.credential)
		if err != nil {
			r.fatal(t, "reading the credential to import", err)
		}
		block, sendsSecret := credentialBlock(cr, r.secret())
		n, updates = n+1, updates || sendsSecret
		fmt.Fprintf(&config, `
import {
  to = jp1_analytics_credential.adopted
  id = %q
}
resource "jp1_analytics_credential" "adopted" {
  name = %q
%s}
`, "name:"+cr.Name, cr.Name, block)
	}
	if n == 0 {
		r.skipWith(t, fmt.Sprintf("read-only run: name an existing object to plan its import with %s, %s, %s or %s",
			EnvImportClientID, EnvImportProxyUser, EnvImportCredentialName, EnvImportLowerManager))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(t),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{{
			Config:             config.String(),
			PlanOnly:           true,
			ExpectNonEmptyPlan: updates,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPreRefresh:  []plancheck.PlanCheck{importsOnly{want: n}},
				PostApplyPostRefresh: []plancheck.PlanCheck{importsOnly{want: n}},
			},
		}},
	})
}

// credentialBlock is the type block of a configuration that adopts cr: its
// members as JP1 returns them, and placeholder as every secret JP1 never
// returns (the plan then sends it: an update, never applied here).
// sendsSecret is false only for a WMI credential without a password.
func credentialBlock(cr *jp1api.Credential, placeholder string) (block string, sendsSecret bool) {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, "    "+format+"\n", args...) }
	port := func() {
		if cr.PortNumber != nil {
			line("port_number = %d", *cr.PortNumber)
		}
	}
	secret := func(attr string) {
		line("%s_wo = %q", attr, placeholder)
		line("%s_wo_version = 1", attr)
		sendsSecret = true
	}
	kind := "wmi"
	switch strings.ToUpper(cr.CredentialType) {
	case "WMI":
		line("user_id = %q", deref(cr.UserID))
		if deref(cr.DomainName) != "" {
			line("domain_name = %q", *cr.DomainName)
		}
		if deref(cr.PasswordNotRequired) {
			line("password_not_required = true")
		} else {
			secret("password")
		}
	case "SSH":
		kind = "ssh"
		line("user_id = %q", deref(cr.UserID))
		port()
		secret("password")
	case "WBEM":
		kind = "wbem"
		line("user_id = %q", deref(cr.UserID))
		port()
		line("ssl = %t", deref(cr.SSL))
		if deref(cr.Namespace) != "" {
			line("namespace = %q", *cr.Namespace)
		}
		secret("password")
	case "SNMP":
		if strings.EqualFold(deref(cr.SNMPVersion), "V3") {
			kind = "snmp_v3"
			line("user_name = %q", deref(cr.UserName))
			port()
			if deref(cr.AuthenticationEnabled) {
				line("authentication_protocol = %q", deref(cr.AuthenticationProtocol))
				secret("authentication_passphrase")
				if deref(cr.PrivacyEnabled) {
					line("privacy_protocol = %q", deref(cr.PrivacyProtocol))
					secret("privacy_passphrase")
				}
			}
		} else {
			kind = "snmp_v1_v2c"
			port()
			line("community = %q", placeholder) // a placeholder, not the community JP1 holds
			sendsSecret = true
		}
	}
	return "  " + kind + " {\n" + b.String() + "  }\n", sendsSecret
}
