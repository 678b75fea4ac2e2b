package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

const (
	chaosSeeds = 4
	// chaosObjects of each resource type per seed.
	chaosObjects = 9
	// chaosAttempts is the provider's retry budget; the fake never loses more
	// answers of one request in a row than this budget can absorb.
	chaosAttempts = 4
)

// The fake loses the answer of half of all writes (committed, then the
// connection reset), over many seeds, while every resource type is created,
// has its secrets changed and is destroyed. After each apply the fake holds
// exactly the configuration (no duplicate, no orphan, the IM client secrets in
// state are the live ones) and the next plan is empty; destroy leaves nothing.
func TestAccFaults_chaosLostAnswers(t *testing.T) {
	for seed := int64(1); seed <= chaosSeeds; seed++ {
		t.Run(fmt.Sprintf("seed-%d", seed), func(t *testing.T) {
			fake, url := fakejp1test.Start(t)
			fake.LoseWriteAnswers(seed, 0.5, chaosAttempts-1)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				CheckDestroy:             emptyFake(fake),
				Steps: []resource.TestStep{
					{Config: chaosConfig(url, "v1"), Check: resource.ComposeAggregateTestCheckFunc(
						estateHolds(fake, chaosObjects, "v1"), lowerManagersHold(fake, chaosObjects, "v1"))},
					{Config: chaosConfig(url, "v2"), Check: resource.ComposeAggregateTestCheckFunc(
						estateHolds(fake, chaosObjects, "v2"), lowerManagersHold(fake, chaosObjects, "v2"))},
				},
			})
			if fake.FaultsInjected() == 0 {
				t.Error("no answer was lost")
			}
			t.Logf("%d answers lost of %d requests", fake.FaultsInjected(), fake.TotalRequests())
		})
	}
}

// chaosConfig is estateConfig's objects (same names and passwords, so that
// estateHolds applies), with keepers that rotate the IM client secrets when
// version changes.
func chaosConfig(url, version string) string {
	return providerBlock(url, fakejp1.IMAdminUser, fakejp1.IMAdminPassword, fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword,
		chaosAttempts, "1ms", "2ms") + fmt.Sprintf(`
resource "jp1_im_client" "c" {
  count     = %[1]d
  client_id = "client-${count.index}"
  keepers   = { version = %[2]q }
}

resource "jp1_proxy_user" "p" {
  count    = %[1]d
  user_id  = "proxy-${count.index}"
  password = "proxy-pw-%[2]s-${count.index}"
}

resource "jp1_im_lower_manager" "l" {
  count          = %[1]d
  hostname       = "lower-${count.index}"
  initial_secret = "lower-secret-%[2]s-${count.index}"
}
`, chaosObjects, version) + estateCredentials(chaosObjects, version)
}

// lowerManagersHold asserts that the fake lists exactly the n lower managers of
// chaosConfig, each with the initial secret of version.
func lowerManagersHold(fake *fakejp1.Server, n int, version string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if hosts := fake.LowerManagers(); len(hosts) != n {
			return fmt.Errorf("the fake lists %d lower managers, want %d: %v", len(hosts), n, hosts)
		}
		for i := range n {
			if s, ok := fake.LowerManagerSecret(fmt.Sprintf("lower-%d", i)); !ok || s != fmt.Sprintf("lower-secret-%s-%d", version, i) {
				return fmt.Errorf("lower-%d is missing or has the wrong initial secret", i)
			}
		}
		return nil
	}
}
