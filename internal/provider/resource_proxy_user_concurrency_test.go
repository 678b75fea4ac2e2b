package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

const manyProxyUsers = 40

// manyProxyUsersConfig declares n proxy users, applied with Terraform's default parallelism (10).
func manyProxyUsersConfig(provider string, n int) string {
	return provider + fmt.Sprintf(`
resource "jp1_proxy_user" "many" {
  count    = %d
  user_id  = "proxy-${count.index}"
  password = "pw-${count.index}"
}`, n)
}

// providerConfigRetrying is providerConfig with enough attempts that a competing lock
// holder present 30% of the time cannot exhaust them (0.3^20 per call).
func providerConfigRetrying(url string) string {
	return fmt.Sprintf(`
provider "jp1" {
  im = {
    endpoint = %q
    username = %q
    password = %q
  }
  retry = {
    max_attempts = 20
    min_wait     = "2ms"
    max_wait     = "20ms"
  }
}
`, url, fakejp1.IMAdminUser, fakejp1.IMAdminPassword)
}

func allProxyUsersPresent(fake *fakejp1.Server, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		users := fake.ProxyUsers()
		if len(users) != n {
			return fmt.Errorf("the fake holds %d proxy users, want %d", len(users), n)
		}
		for i := range n {
			if users[fmt.Sprintf("proxy-%d", i)] != fmt.Sprintf("pw-%d", i) {
				return fmt.Errorf("proxy-%d is missing or has the wrong password", i)
			}
		}
		return nil
	}
}

// JP1 refuses a proxyUsers call that overlaps another: the provider's own calls never overlap.
func TestAccProxyUser_parallelApplyIsSerialised(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.SetProxyProcessingTime(2 * time.Millisecond)
	start := time.Now()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             func(*terraform.State) error { return allProxyUsersPresent(fake, 0)(nil) },
		Steps: []resource.TestStep{{
			Config: manyProxyUsersConfig(providerConfig(url), manyProxyUsers),
			Check: resource.ComposeAggregateTestCheckFunc(
				allProxyUsersPresent(fake, manyProxyUsers),
				func(*terraform.State) error {
					if n := fake.ProxyOverlaps(); n != 0 {
						return fmt.Errorf("%d proxyUsers call(s) overlapped another, want 0", n)
					}
					return nil
				},
			),
		}},
	})
	if n := fake.ProxyOverlaps(); n != 0 {
		t.Errorf("%d proxyUsers call(s) overlapped another (destroy included), want 0", n)
	}
	if n := fake.LockErrors(); n != 0 {
		t.Errorf("the fake answered KAJY52013-E %d time(s), want 0: nobody else holds the lock", n)
	}
	t.Logf("%d proxy users in %s: %v", manyProxyUsers, time.Since(start).Round(time.Millisecond), fake.Counts())
}

// Another program holds the lock 30% of the time: the apply gets through by retrying.
func TestAccProxyUser_competingLockHolder(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	fake.SetProxyProcessingTime(2 * time.Millisecond)
	seed := fakejp1test.Seed(t)
	fake.SetCompetingLockHolder(seed, 0.3)
	start := time.Now()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             func(*terraform.State) error { return allProxyUsersPresent(fake, 0)(nil) },
		Steps: []resource.TestStep{{
			Config: manyProxyUsersConfig(providerConfigRetrying(url), manyProxyUsers),
			Check: resource.ComposeAggregateTestCheckFunc(
				allProxyUsersPresent(fake, manyProxyUsers),
				func(*terraform.State) error {
					if fake.LockErrors() == 0 {
						return fmt.Errorf("seed %d: the competing holder never refused a call: the test proves nothing", seed)
					}
					if n := fake.ProxyOverlaps(); n != 0 {
						return fmt.Errorf("%d proxyUsers call(s) overlapped another, want 0", n)
					}
					return nil
				},
			),
		}},
	})
	t.Logf("%d proxy users against a competing holder in %s: %d lock errors retried, %v",
		manyProxyUsers, time.Since(start).Round(time.Millisecond), fake.LockErrors(), fake.Counts())
}
