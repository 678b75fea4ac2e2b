package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// An https:// endpoint on an http port: the TLS handshake fails, so the
// creates provably never left. Nothing is recorded as tainted: when another
// administrator then makes objects of the same names, the next apply plans
// plain creates and meets them as conflicts; it never deletes them.
func TestAccFaults_neverSentIsNotPending(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	resources := `
resource "jp1_im_client" "c" { client_id = "c1" }
` + estateCredentials(2, "v1")
	wrongScheme := strings.ReplaceAll(providerConfig(url), "http://", "https://")
	var othersSecret string
	var othersID int64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config:      wrongScheme + resources,
				ExpectError: regexp.MustCompile(`(?s)does not speak TLS.*http://`),
			},
			{
				PreConfig: func() {
					if n := fake.TotalRequests(); n != 0 {
						t.Errorf("%d requests reached the fake over the wrong scheme", n)
					}
					othersSecret = fake.PutIMClient("c1")
					othersID = fake.PutCredential(fakejp1.Credential{Name: "host-0", CredentialType: "SSH"})
				},
				Config:      providerConfig(url) + resources,
				ExpectError: regexp.MustCompile(`(?s)already`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("jp1_im_client.c", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("jp1_analytics_credential.a[0]", plancheck.ResourceActionCreate),
					},
				},
			},
		},
	})
	if secret, ok := fake.IMClientSecret("c1"); !ok || secret != othersSecret {
		t.Error("the other administrator's IM client was replaced")
	}
	if c, ok := fake.CredentialByName("host-0"); !ok || c.InstanceID != othersID {
		t.Error("the other administrator's credential was replaced")
	}
}
