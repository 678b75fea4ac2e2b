package provider

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Endpoint keys of the fake's request counters.
const (
	countLogin       = "POST /im/api/v1/login"
	countClientList  = "GET /im/api/v1/secret/client/list"
	countProxyList   = "POST /im/api/v1/proxyUsers list"
	countClientIssue = "POST /im/api/v1/secret/client/generateInfo"
	countProxyCreate = "POST /im/api/v1/proxyUsers add"
)

// imEstateConfig declares n IM clients and n proxy users.
func imEstateConfig(url string, n int) string {
	return providerConfig(url) + fmt.Sprintf(`
resource "jp1_im_client" "many" {
  count     = %[1]d
  client_id = "client-${count.index}"
}

resource "jp1_proxy_user" "many" {
  count    = %[1]d
  user_id  = "proxy-${count.index}"
  password = "pw-${count.index}"
}`, n)
}

// expectCounts is a plan check on the fake's request counters, run right after the
// terraform command whose requests it counts: each key of want, and the total.
func expectCounts(fake *fakejp1.Server, want map[string]int, total int) plancheck.PlanCheck {
	return planCheckFunc(func() error {
		got := fake.Counts()
		sum := 0
		for _, v := range got {
			sum += v
		}
		for key, n := range want {
			if got[key] != n {
				return fmt.Errorf("%q was requested %d time(s), want %d; all counts: %v", key, got[key], n, got)
			}
		}
		if sum != total {
			return fmt.Errorf("%d request(s) in all, want %d: %v", sum, total, got)
		}
		return nil
	})
}

type planCheckFunc func() error

func (f planCheckFunc) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

// A refreshing plan over 20 IM clients and 20 proxy users costs one login and one list
// of each kind, not one per resource.
func TestAccIM_planRequestCounts(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	const n = 20 // one request per resource would show as 20
	start := time.Now()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				// Each create checks the key against JP1's list first (a key listed in
				// another case is refused): one list per collection serves them all.
				PreConfig: fake.ResetCounts,
				Config:    imEstateConfig(url, n),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{
						expectCounts(fake, map[string]int{countLogin: 1, countClientList: 1, countProxyList: 1,
							countClientIssue: n, countProxyCreate: n}, 3+2*n),
					},
				},
			},
			{
				PreConfig: fake.ResetCounts,
				Config:    imEstateConfig(url, n),
				PlanOnly:  true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						expectCounts(fake, map[string]int{countLogin: 1, countClientList: 1, countProxyList: 1}, 3),
					},
				},
			},
		},
	})
	t.Logf("%d clients + %d proxy users, create/plan/destroy in %s", n, n, time.Since(start).Round(time.Millisecond))
}

// A bearer token that expires in the middle of an apply costs exactly one more login
// than the same apply without expiry, even though several requests meet the 401 at once.
func TestAccIM_tokenExpiresMidApply(t *testing.T) {
	t.Parallel() // two applies, compared: they run in turn
	const n = 20
	apply := func(expire bool) (logins int, counts map[string]int) {
		// Expire once, right after the third client is issued, while the
		// rest are being created.
		var issued atomic.Int32
		var expired atomic.Bool
		fake, url := fakejp1test.StartBehind(t, func(w http.ResponseWriter, r *http.Request, fake *fakejp1.Server) {
			fake.ServeHTTP(w, r)
			if expire && r.URL.Path == "/im/api/v1/secret/client/generateInfo" && issued.Add(1) == 3 {
				fake.ExpireIMTokens()
				expired.Store(true)
			}
		})
		fake.SetLatency(5 * time.Millisecond) // keeps several requests in flight
		fake.SetProxyProcessingTime(2 * time.Millisecond)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6Factories,
			Steps: []resource.TestStep{{
				Config: imEstateConfig(url, n),
				Check: func(*terraform.State) error {
					logins, counts = fake.Logins(), maps.Clone(fake.Counts())
					if expire && !expired.Load() {
						return fmt.Errorf("the tokens were never expired: the test proves nothing")
					}
					if got := len(fake.IMClientIDs()); got != n {
						return fmt.Errorf("the fake holds %d IM clients, want %d", got, n)
					}
					return allProxyUsersPresent(fake, n)(nil)
				},
			}},
		})
		return logins, counts
	}
	base, baseCounts := apply(false)
	got, gotCounts := apply(true)
	t.Logf("logins without expiry %d %v; with expiry %d %v", base, baseCounts, got, gotCounts)
	if got != base+1 {
		t.Errorf("an apply whose token expired midway logged in %d time(s), want %d (one more than without expiry)", got, base+1)
	}
}
