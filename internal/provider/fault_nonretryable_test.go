package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Scenario 6: 400, 403 and 409 are the caller's fault: one attempt and a clear
// message (the fake counts the attempts; a retry would be a second one).
func TestAccFaults_nonRetryableFailFast(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, endpoint, config, want string
		fault                        fakejp1.Fault
	}{
		{"OA 400", "POST /Analytics/v1/objects/Credentials", "analytics",
			`(?s)HTTP 400.*after 1 attempt`, fakejp1.Fault{Status: 400, MessageID: "KNAQ00001-E"}},
		{"OA 409", "POST /Analytics/v1/objects/Credentials", "analytics",
			`(?s)HTTP 409.*import \{\s+to = <resource address>`, fakejp1.Fault{Status: 409}},
		{"IM 403", "POST /im/api/v1/proxyUsers add", "proxy",
			`(?s)HTTP 403.*KAJY01000-E.*JP1_Console_Admin or JP1_Console_Operator`, fakejp1.Fault{Status: 403, MessageID: "KAJY01000-E"}},
		{"IM 400", "POST /im/api/v1/secret/client/generateInfo", "client",
			`(?s)HTTP 400.*KAJY68002-E`, fakejp1.Fault{Status: 400, MessageID: "KAJY68002-E"}},
	}
	configs := map[string]string{
		"analytics": `
resource "jp1_analytics_credential" "x" {
  name = "fails"
  ssh {
    user_id  = "jp1"
    password = "pw"
  }
}`,
		"proxy": `
resource "jp1_proxy_user" "x" {
  user_id  = "fails"
  password = "pw"
}`,
		"client": `
resource "jp1_im_client" "x" {
  client_id = "fails"
}`,
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake, url := fakejp1test.Start(t)
			c.fault.Endpoint = c.endpoint
			fake.AddFault(c.fault)
			provider := providerConfigSlowRetry(url)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				Steps: []resource.TestStep{{
					Config:      provider + configs[c.config],
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
			if got := fake.Count(c.endpoint); got != 1 {
				t.Errorf("%s was called %d times, want exactly 1", c.endpoint, got)
			}
		})
	}
}

func providerConfigSlowRetry(url string) string {
	return `
provider "jp1" {
  im = {
    endpoint = "` + url + `"
    username = "` + fakejp1.IMAdminUser + `"
    password = "` + fakejp1.IMAdminPassword + `"
  }
  analytics = {
    endpoint = "` + url + `"
    username = "` + fakejp1.AnalyticsAdminUser + `"
    password = "` + fakejp1.AnalyticsAdminPassword + `"
  }
  retry = {
    max_attempts = 5
    min_wait     = "5s"
    max_wait     = "10s"
  }
}
`
}
