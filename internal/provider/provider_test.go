package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Bad provider arguments fail at plan with the attribute and what is allowed, and
// nothing reaches JP1.
func TestAccProvider_invalidConfiguration(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	notPEM := filepath.Join(t.TempDir(), "not-a-cert.pem")
	if err := os.WriteFile(notPEM, []byte("just text"), 0o600); err != nil {
		t.Fatal(err)
	}
	use := `
data "jp1_analytics_credentials" "all" {}
`
	block := func(body string) string {
		return fmt.Sprintf(`
provider "jp1" {
  analytics = {
    endpoint = %q
    username = "system"
    password = "manager"
  }
%s
}
`, url, body) + use
	}
	cases := []struct{ body, want string }{
		{`im = { endpoint = "immhost01:20703" }`, `(?s)im.endpoint must start with "http://" or "https://"`},
		{`im = { endpoint = "http://" }`, `(?s)im.endpoint must name a host`},
		{`im = { auth_method = "oauth" }`, `(?s)auth_method.*value must be one of: \["login" "basic"\]`},
		{`im = { password = "" }`, `(?s)im.password.*length must be at least 1`},
		{`request_timeout = "30"`, `(?s)request_timeout must be a duration such as "500ms"`},
		{`request_timeout = "0s"`, `(?s)request_timeout must be between 1s and 10m0s`},
		{`retry = { max_attempts = 0 }`, `(?s)retry.max_attempts value must be between 1 and 20`},
		{`retry = { max_attempts = "many" }`, `(?s)max_attempts = "many".*Inappropriate value for attribute "retry": a number is required`},
		{`insecure_skip_verify = "maybe"`, `(?s)Inappropriate value for attribute "insecure_skip_verify".*a bool is required`},
		{`retry = { max_attempts = -3 }`, `(?s)retry.max_attempts value must be between 1 and 20`},
		{`retry = { min_wait = "-5s" }`, `(?s)retry.min_wait must be between 1ms and 10m0s`},
		{`retry = { max_wait = "forever" }`, `(?s)retry.max_wait must be a duration`},
		{`retry = {
    min_wait = "10s"
    max_wait = "1s"
  }`, `(?s)retry.min_wait \(10s\) must not be longer than retry.max_wait \(1s\)`},
		{`ca_cert_file = "/nonexistent/ca.pem"`, `(?s)ca_cert_file must name a readable PEM file`},
		{fmt.Sprintf(`ca_cert_file = %q`, notPEM), `(?s)ca_cert_file must name a file of PEM certificates`},
		{`ca_cert_pem = "garbage"`, `(?s)ca_cert_pem holds no PEM-encoded certificate`},
		{fmt.Sprintf(`ca_cert_file = %q
  ca_cert_pem = "x"`, notPEM), `(?s)(cannot be specified when|ca_cert_pem holds no PEM)`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, expectPlanError(block(c.body), c.want))
	}
	// The analytics endpoint as an invalid URL, and a product left unconfigured.
	steps = append(steps,
		expectPlanError(`
provider "jp1" {
  analytics = { endpoint = "ftp://oahost" }
}
`+use, `(?s)analytics.endpoint must start with "http://" or "https://"`),
		expectPlanError(`
provider "jp1" {
  im = {
    endpoint = "http://127.0.0.1:1"
    username = "jp1admin"
    password = "x"
  }
}
`+use, `(?s)JP1/Operations Analytics connection is not configured.*analytics.endpoint \(or JP1_ANALYTICS_ENDPOINT\)`),
	)
	// A provider argument that is only known after apply cannot configure a plan.
	steps = append(steps, expectPlanError(providerConfig(url)+`
resource "jp1_im_client" "c" {
  client_id = "unknown-check"
}

provider "jp1" {
  alias = "late"
  analytics = {
    endpoint = "http://oahost-${jp1_im_client.c.last_update_time}:22015"
    username = "system"
    password = "manager"
  }
}

data "jp1_analytics_credentials" "late" {
  provider = jp1.late
}
`, `(?s)Unknown provider argument.*analytics.endpoint depends on a value that is not known until apply`))
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: protoV6Factories, Steps: steps})
	assertNoRequests(t, fake)
}

// Environment variables stand in for every argument, and bad ones are named.
func TestAccProvider_environment(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	t.Setenv(envAnalyticsEndpoint, url)
	t.Setenv(envAnalyticsUsername, "system")
	t.Setenv(envAnalyticsPassword, "manager")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: `data "jp1_analytics_credentials" "all" {}`,
			Check:  resource.TestCheckResourceAttr("data.jp1_analytics_credentials.all", "credentials.#", "0"),
		}},
	})
	if fake.TotalRequests() == 0 {
		t.Error("the provider configured from the environment sent no request")
	}
	fake.ResetCounts()
	t.Setenv(envIMAuthMethod, "kerberos")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			expectPlanError(`data "jp1_analytics_credentials" "all" {}`, `(?s)im.auth_method \(or JP1_IM_AUTH_METHOD\) must be one of`),
		},
	})
	t.Setenv(envIMAuthMethod, "basic")
	t.Setenv(envInsecureSkipVerify, "maybe")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			expectPlanError(`data "jp1_analytics_credentials" "all" {}`, `(?s)JP1_INSECURE_SKIP_VERIFY.*maybe`),
		},
	})
	assertNoRequests(t, fake)
}
