package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// faultShare is the share of all requests that transientFaults fails.
const faultShare = 0.30

// transientFaults makes 30 % of all requests fail, one roll per request, in the
// ways JP1 and its front proxies fail transiently: 503, 412, 429 with
// Retry-After, a dropped connection before processing, and 500 with IM's
// transient messageIds on the endpoints that answer them.
func transientFaults(fake *fakejp1.Server) {
	fake.AddFaultMix(faultShare,
		fakejp1.Fault{Status: 503},
		fakejp1.Fault{Status: 412},
		fakejp1.Fault{Status: 429, RetryAfter: "1"},
		fakejp1.Fault{Mode: fakejp1.FaultDropBefore},
		fakejp1.Fault{Endpoint: "GET /im/api/v1/secret/client/list", Status: 500, MessageID: "KAJY68009-E"},
		fakejp1.Fault{Endpoint: "POST /im/api/v1/secret/client/generateInfo", Status: 500, MessageID: "KAJY68008-E"},
		fakejp1.Fault{Endpoint: "POST /im/api/v1/secret/client/deleteInfo", Status: 500, MessageID: "KAJY68001-E"},
		fakejp1.Fault{Endpoint: "POST /im/api/v1/proxyUsers", Status: 500, MessageID: "KAJY52013-E"},
	)
}

// Scenario 1: 30 % transient failures, mixed; 10 of each resource apply, refresh,
// change and destroy cleanly.
func TestAccFaults_transientFailures(t *testing.T) {
	fake, url := startFake(t)
	transientFaults(fake)
	started := time.Now()
	const n = 10
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             emptyFake(fake),
		Steps: []resource.TestStep{
			{
				Config: estateConfig(url, n, "v1", 15, "2ms", "20ms"),
				Check:  estateHolds(fake, n, "v1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: estateConfig(url, n, "v2", 15, "2ms", "20ms"),
				Check:  estateHolds(fake, n, "v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	figures(t, fake, started)
	// Every fault was answered by a retry (the end state is exact, so none was
	// given up on): 30 % of the requests, within four standard deviations.
	st := fake.Stats()
	share := float64(st.FaultsInjected) / float64(st.TotalRequests)
	if st.FaultsInjected < 25 || share < 0.2 || share > 0.4 {
		t.Errorf("%d faults in %d requests (%.0f %%), want about %.0f %%", st.FaultsInjected, st.TotalRequests,
			100*share, 100*faultShare)
	}
}

// Scenario 3: another holder has the proxyUsers lock half of the time.
func TestAccFaults_competingLockHolderHalfTheTime(t *testing.T) {
	fake, url := startFake(t)
	fake.SetCompetingLockHolder(0.5)
	started := time.Now()
	const n = 10
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             emptyFake(fake),
		Steps: []resource.TestStep{{
			Config: estateConfig(url, n, "v1", 20, "2ms", "20ms"),
			Check:  estateHolds(fake, n, "v1"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
	figures(t, fake, started)
	if fake.LockErrors() == 0 {
		t.Error("the competing holder never held the lock: the scenario proved nothing")
	}
	if fake.ProxyOverlaps() != 0 {
		t.Errorf("%d of the provider's own proxyUsers calls overlapped", fake.ProxyOverlaps())
	}
}

// Scenario 4: the IM token expires every 2 s, and OA HSSO tokens live a second
// and are dropped five times a second, during a long apply; every call still
// succeeds.
func TestAccFaults_tokensExpireDuringLongApply(t *testing.T) {
	fake, url := startFake(t)
	fake.SetIMTokenLifetime(2 * time.Second)
	fake.SetOATokenLifetime(time.Second)
	fake.SetLatency(20 * time.Millisecond)
	// 10 serial proxyUsers calls of 250 ms make the apply and the destroy each
	// outlast one IM token.
	fake.SetProxyProcessingTime(250 * time.Millisecond)
	// And OA drops every HSSO token five times a second, as a restarted
	// Common Component would.
	stopDropping := make(chan struct{})
	defer close(stopDropping)
	go func() {
		for tick := time.NewTicker(200 * time.Millisecond); ; {
			select {
			case <-stopDropping:
				tick.Stop()
				return
			case <-tick.C:
				fake.ExpireOATokens()
			}
		}
	}()
	started := time.Now()
	const n = 10
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             emptyFake(fake),
		Steps: []resource.TestStep{{
			Config: estateConfig(url, n, "v1", 5, "2ms", "20ms"),
			Check:  estateHolds(fake, n, "v1"),
		}},
	})
	figures(t, fake, started)
	// Without expiry the step logs in 3 times (apply, the plan after it, destroy);
	// the apply and the destroy each outlive a token at least once.
	if fake.Logins() < 5 {
		t.Errorf("%d IM logins over a run of %s with a 2s token, want at least 5: the token never expired mid-command", fake.Logins(), time.Since(started))
	}
	// OA: expired HSSO tokens were refused, and every refusal was followed by a
	// Basic authentication (the client's fallback); tokens were also reused.
	st := fake.Stats()
	if st.OATokensRefused == 0 || st.OABasicAuths < st.OATokensRefused || st.OAHSSOAuths == 0 {
		t.Errorf("OA: %d HSSO tokens refused, %d Basic and %d HSSO authentications; want refusals, each "+
			"answered by Basic, and reuse", st.OATokensRefused, st.OABasicAuths, st.OAHSSOAuths)
	}
	t.Logf("OA: %d HSSO tokens refused, %d Basic and %d HSSO authentications", st.OATokensRefused, st.OABasicAuths, st.OAHSSOAuths)
}
