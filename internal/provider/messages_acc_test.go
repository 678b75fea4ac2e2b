package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// allOfRE matches text holding every fragment (messageRE spacing), in any
// order: Terraform prints the errors of parallel creates in no fixed order.
func allOfRE(fragments ...string) *regexp.Regexp {
	var alts []string
	var permute func(rest, done []string)
	permute = func(rest, done []string) {
		if len(rest) == 0 {
			alts = append(alts, strings.TrimPrefix(messageRE(done...), "(?s)"))
			return
		}
		for i := range rest {
			next := append(append([]string(nil), rest[:i]...), rest[i+1:]...)
			permute(next, append(append([]string(nil), done...), rest[i]))
		}
	}
	permute(fragments, nil)
	return regexp.MustCompile("(?s)(" + strings.Join(alts, "|") + ")")
}

// JP1 lists each key in another case. Whether JP1 compares keys ignoring case
// is not documented; the fake compares exactly, and would have made the three
// objects. The provider refuses them before sending anything, and says to
// import the listed key as JP1 spells it.
func TestAccIM_createRefusesAKeyListedInAnotherCase(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.PutIMClient("Zabbix-Bridge")
	fake.PutProxyUser("proxyuser", "theirs")
	fake.PutLowerManager("LOWER01.example.com", "theirs")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: providerConfig(url) + `
resource "jp1_im_client" "c" {
  client_id = "zabbix-bridge"
}

resource "jp1_proxy_user" "p" {
  user_id  = "ProxyUser"
  password = "mine"
}

resource "jp1_im_lower_manager" "l" {
  hostname       = "lower01.example.com"
  initial_secret = "mine"
}`,
			ExpectError: allOfRE(
				`IM client "zabbix-bridge" differs only in case from "Zabbix-Bridge", which JP1 lists`,
				`Proxy user "ProxyUser" differs only in case from "proxyuser", which JP1 lists`,
				`Lower manager "lower01.example.com" differs only in case from "LOWER01.example.com", which JP1 lists`),
		}},
	})
	if w := fakejp1.WriteCounts(fake.Counts()); len(w) != 0 {
		t.Errorf("refused creates wrote to JP1: %v", w)
	}
	if ids := fake.IMClientIDs(); len(ids) != 1 || len(fake.ProxyUsers()) != 1 || len(fake.LowerManagers()) != 1 {
		t.Errorf("the fake holds %v, %v, %v", ids, fake.ProxyUsers(), fake.LowerManagers())
	}
}

// Under create_before_destroy, a keepers change issues the new client before
// the old one is deleted, and JP1 refuses the ID it still holds: the error
// says that this may be the case (the provider cannot see the lifecycle).
func TestAccIMClient_createBeforeDestroyMeetsItself(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	config := func(rotation string) string {
		return providerConfig(url) + fmt.Sprintf(`
resource "jp1_im_client" "test" {
  client_id = "cbd"
  keepers   = { rotation = %q }
  lifecycle {
    create_before_destroy = true
  }
}`, rotation)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: config("1")},
			{
				Config: config("2"),
				ExpectError: regexp.MustCompile(messageRE(`IM client "cbd" is already registered in JP1`, "KAJY68004-E",
					"If this resource replaces a client with the same client_id under lifecycle { create_before_destroy = true }",
					"Remove create_before_destroy from this resource")),
			},
		},
	})
	if ids := fake.IMClientIDs(); len(ids) != 0 {
		t.Errorf("left behind: %v", ids)
	}
}

// Without create_before_destroy the replacement deletes the ID first; if
// something registers it again before the issue, the error says so, and
// nothing about create_before_destroy, which cannot be the cause.
func TestAccIMClient_replacementMeetsAnIDRegisteredSince(t *testing.T) {
	var reRegister atomic.Bool
	fake, url := fakejp1test.StartBehind(t, func(w http.ResponseWriter, r *http.Request, fake *fakejp1.Server) {
		fake.ServeHTTP(w, r)
		if r.URL.Path == "/im/api/v1/secret/client/deleteInfo" && reRegister.CompareAndSwap(true, false) {
			fake.PutIMClient("raced") // someone else, right after the delete
		}
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: imClientConfig(url, "raced", "1")},
			{
				PreConfig: func() { reRegister.Store(true) },
				Config:    imClientConfig(url, "raced", "2"),
				// The paragraph follows JP1's answer, and the import advice follows it:
				// nothing about create_before_destroy comes in between.
				ExpectError: regexp.MustCompile(messageRE(`IM client "raced" is already registered in JP1`, "KAJY68004-E") + ".*" +
					strings.ReplaceAll(regexp.QuoteMeta(`secret This apply deleted "raced" before issuing it again, and JP1 has `+
						`registered it since: something other than this configuration registered it. To manage the existing object`),
						" ", `\s+`)),
			},
			{
				// Once the other registration is gone, the next apply issues the client.
				PreConfig: func() { fake.DeleteIMClient("raced") },
				Config:    imClientConfig(url, "raced", "2"),
			},
		},
	})
}
