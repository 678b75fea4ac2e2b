package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// estateConfig is n objects of each resource type; version changes every password.
func estateConfig(url string, n int, version string, attempts int, minWait, maxWait string) string {
	return providerBlock(url, fakejp1.IMAdminUser, fakejp1.IMAdminPassword, fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword,
		attempts, minWait, maxWait) + fmt.Sprintf(`
resource "jp1_im_client" "c" {
  count     = %[1]d
  client_id = "client-${count.index}"
}

resource "jp1_proxy_user" "p" {
  count    = %[1]d
  user_id  = "proxy-${count.index}"
  password = "proxy-pw-%[2]s-${count.index}"
}
`, n, version) + estateCredentials(n, version)
}

// estateCredentials is the analytics part of estateConfig (and chaosConfig): n
// SSH credentials host-<i> whose passwords change with version.
func estateCredentials(n int, version string) string {
	return fmt.Sprintf(`
resource "jp1_analytics_credential" "a" {
  count = %[1]d
  name  = "host-${count.index}"
  ssh {
    user_id     = "jp1"
    port_number = 22
    password    = "ssh-pw-%[2]s-${count.index}"
  }
}
`, n, version)
}

// estateHolds asserts the fake's exact end state: n of each object, no duplicate,
// no orphan, every password as configured, and every IM client secret in state
// equal to the one JP1 holds.
func estateHolds(fake *fakejp1.Server, n int, version string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if ids := fake.IMClientIDs(); len(ids) != n {
			return fmt.Errorf("the fake holds %d IM clients, want %d: %v", len(ids), n, ids)
		}
		if users := fake.ProxyUsers(); len(users) != n {
			return fmt.Errorf("the fake holds %d proxy users, want %d", len(users), n)
		}
		if creds := fake.Credentials(); len(creds) != n {
			return fmt.Errorf("the fake holds %d analytics credentials, want %d", len(creds), n)
		}
		for i := range n {
			if pw, _ := fake.ProxyPassword(fmt.Sprintf("proxy-%d", i)); pw != fmt.Sprintf("proxy-pw-%s-%d", version, i) {
				return fmt.Errorf("proxy-%d is missing or has the wrong password", i)
			}
			c, ok := fake.CredentialByName(fmt.Sprintf("host-%d", i))
			if !ok || c.Password == nil || *c.Password != fmt.Sprintf("ssh-pw-%s-%d", version, i) {
				return fmt.Errorf("host-%d is missing or has the wrong password", i)
			}
			secret, ok := fake.IMClientSecret(fmt.Sprintf("client-%d", i))
			res := s.RootModule().Resources[fmt.Sprintf("jp1_im_client.c.%d", i)]
			if !ok || res == nil || res.Primary.Attributes["client_secret"] != secret {
				return fmt.Errorf("client-%d: the secret in state is not the one JP1 holds", i)
			}
		}
		return nil
	}
}

// figures logs what a fault scenario cost, for the closing note.
func figures(t *testing.T, fake *fakejp1.Server, started time.Time) {
	t.Helper()
	st := fake.Stats()
	t.Logf("figures: %d requests, %d faults injected, %d lock errors, %d logins, wall %s; per endpoint %v",
		st.TotalRequests, st.FaultsInjected, st.LockErrors, st.Logins, time.Since(started).Round(time.Millisecond), fake.Counts())
}

// emptyFake is the CheckDestroy of fault scenarios: nothing left behind.
func emptyFake(fake *fakejp1.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		if n := len(fake.IMClientIDs()) + len(fake.ProxyUsers()) + len(fake.Credentials()) + len(fake.LowerManagers()); n != 0 {
			return fmt.Errorf("%d objects left in the fake after destroy", n)
		}
		return nil
	}
}
