package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// A wrong password costs one refused login per product, not one per
// resource: 16 resources would otherwise lock an account under a lockout
// policy. The error names the attribute and the environment variable.
func TestAccWrongPasswordRefusedOnce(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	config := providerConfigAs(url, fakejp1.IMAdminUser, "wrong-im", fakejp1.AnalyticsAdminUser, "wrong-oa") + `
resource "jp1_im_client" "c" {
  count     = 8
  client_id = "client-${count.index}"
}

resource "jp1_analytics_credential" "a" {
  count = 8
  name  = "host-${count.index}"
  ssh {
    user_id     = "jp1"
    port_number = 22
    password    = "pw-${count.index}"
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)im\.password.*JP1_IM_PASSWORD|analytics\.password.*JP1_ANALYTICS_PASSWORD`),
		}},
	})
	if n := fake.Count("POST /im/api/v1/login"); n != 1 {
		t.Errorf("%d refused IM logins, want 1", n)
	}
	if n := fake.Count("POST /Analytics/v1/objects/Credentials"); n != 1 {
		t.Errorf("%d refused Operations Analytics requests, want 1", n)
	}
}
