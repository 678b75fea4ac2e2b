package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Every client-ID rule fails at plan time with its own message; JP1 sees nothing.
func TestAccIMClient_validation(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	cases := []struct {
		name, clientID string
		want           []string
	}{
		{"empty", ``, []string{"client_id must be 1 to 280 characters long, got 0."}},
		{"too long", strings.Repeat("c", 281), []string{"client_id must be 1 to 280 characters long, got 281."}},
		{"colon", `tool:1`, []string{"client_id may contain only ASCII characters 0x20 to 0x7E (letters, digits, space and symbols) except ':'", "found ':' at position 5."}},
		{"non-ASCII", `tööl`, []string{"client_id may contain only ASCII characters 0x20 to 0x7E", "found 'ö' at position 2."}},
		{"control character", `tool\t1`, []string{"client_id may contain only ASCII characters 0x20 to 0x7E", `found '\t' at position 5.`}},
		{"AGENT_ prefix", `AGENT_host1`, []string{`client_id must not begin with "AGENT_": JP1/IM reserves it for the IDs of its agents.`, "Choose an ID that begins with neither AGENT_ nor MANAGER_"}},
		{"MANAGER_ prefix", `MANAGER_host1`, []string{`client_id must not begin with "MANAGER_": JP1/IM reserves it for the IDs it registers for managers`}},
		{"MANAGER_INTEGRATED_ without host", `MANAGER_INTEGRATED_`, []string{`client_id must not begin with "MANAGER_"`}},
		// Valid to import and destroy, but a create would issue it.
		{"MANAGER_INTEGRATED_<host> create", `MANAGER_INTEGRATED_host1`, []string{`System client ID cannot be issued`, `integration manager "host1" registered it on this (lower) manager`, `removed block with destroy = true`}},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, expectPlanError(providerConfig(url)+fmt.Sprintf(`
resource "jp1_im_client" "bad" {
  client_id = "%s"
}`, c.clientID), messageRE(c.want...)))
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: protoV6Factories, Steps: steps})
	assertNoRequests(t, fake)
}

// Every proxy-user rule fails at plan time with its own message; JP1 sees nothing.
func TestAccProxyUser_validation(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	user := func(body string) string {
		return providerConfig(url) + "resource \"jp1_proxy_user\" \"bad\" {\n" + body + "\n}\n"
	}
	cases := []struct {
		name, body string
		want       []string
	}{
		{"empty user_id", `user_id = ""` + "\n" + `password = "p"`, []string{"user_id must be 1 to 255 characters long, got 0."}},
		{"user_id too long", `user_id = "` + strings.Repeat("u", 256) + `"` + "\n" + `password = "p"`, []string{"user_id must be 1 to 255 characters long, got 256."}},
		{"space in user_id", `user_id = "proxy user"` + "\n" + `password = "p"`, []string{"user_id may contain only ASCII characters 0x21 to 0x7E (letters, digits and symbols, no spaces); found ' ' at position 6."}},
		{"non-ASCII user_id", `user_id = "usér"` + "\n" + `password = "p"`, []string{"user_id may contain only ASCII characters 0x21 to 0x7E", "found 'é' at position 3."}},
		{"no password", `user_id = "u"`, []string{"Exactly one of these attributes must be configured: [password,password_wo]"}},
		{"both passwords", `user_id = "u"` + "\n" + `password = "p"` + "\n" + `password_wo = "q"` + "\n" + `password_wo_version = 1`, []string{`Attribute "password_wo" cannot be specified when "password" is specified`}},
		{"empty password", `user_id = "u"` + "\n" + `password = ""`, []string{"password string length must be between 1 and 255, got: 0"}},
		{"password too long", `user_id = "u"` + "\n" + `password = "` + strings.Repeat("p", 256) + `"`, []string{"password string length must be between 1 and 255, got: 256"}},
		{"password_wo too long", `user_id = "u"` + "\n" + `password_wo = "` + strings.Repeat("p", 256) + `"` + "\n" + `password_wo_version = 1`, []string{"password_wo string length must be between 1 and 255, got: 256"}},
		{"password_wo without version", `user_id = "u"` + "\n" + `password_wo = "q"`, []string{`Attribute "password_wo_version" must be specified when "password_wo" is specified`}},
		{"version without password_wo", `user_id = "u"` + "\n" + `password = "p"` + "\n" + `password_wo_version = 1`, []string{`Attribute "password_wo" must be specified when "password_wo_version" is specified`}},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, expectPlanError(user(c.body), messageRE(c.want...)))
	}
	// The IM data sources take one argument between them.
	steps = append(steps,
		expectPlanError(providerConfig(url)+`data "jp1_im_clients" "x" { include_system = "maybe" }`,
			messageRE(`Inappropriate value for attribute "include_system": a bool is required.`)),
		expectPlanError(providerConfig(url)+`data "jp1_proxy_users" "x" { user_id = "u" }`,
			messageRE(`An argument named "user_id" is not expected here.`)),
	)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6Factories,
		Steps:                    steps,
	})
	assertNoRequests(t, fake)
}

// messageRE matches the given fragments of an error, in order, wherever Terraform
// wraps the lines of its output.
func messageRE(fragments ...string) string {
	quoted := make([]string, len(fragments))
	for i, f := range fragments {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(f), " ", `\s+`)
	}
	return "(?s)" + strings.Join(quoted, ".*")
}
