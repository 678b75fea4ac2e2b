package provider

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// faultShare is the share of all requests that transientFaults fails.
const faultShare = 0.30

// transientFaults makes 30 % of all requests fail, one roll per request, in the
// ways JP1 and its front proxies fail transiently: 503, 412, 429 with
// Retry-After, a dropped connection before processing, and 500 with IM's
// transient messageIds on the endpoints that answer them.
//
// The client retries an IM database error only a few times (the third in one
// call is reported), so each one hits a request at most twice: unbounded, the
// mix gave some call three of them about once in twenty runs, and the test
// failed on a promise the client never made. The seed makes the draws
// replayable (see fakejp1test.Seed).
func transientFaults(fake *fakejp1.Server, seed int64) {
	const dbErrorsPerRequest = 2
	fake.AddFaultMix(seed, faultShare,
		fakejp1.Fault{Status: 503},
		fakejp1.Fault{Status: 412},
		fakejp1.Fault{Status: 429, RetryAfter: "1"},
		fakejp1.Fault{Mode: fakejp1.FaultDropBefore},
		fakejp1.Fault{Endpoint: "GET /im/api/v1/secret/client/list", Status: 500, MessageID: "KAJY68009-E", MaxPerRequest: dbErrorsPerRequest},
		fakejp1.Fault{Endpoint: "POST /im/api/v1/secret/client/generateInfo", Status: 500, MessageID: "KAJY68008-E", MaxPerRequest: dbErrorsPerRequest},
		fakejp1.Fault{Endpoint: "POST /im/api/v1/secret/client/deleteInfo", Status: 500, MessageID: "KAJY68001-E", MaxPerRequest: dbErrorsPerRequest},
		fakejp1.Fault{Endpoint: "POST /im/api/v1/proxyUsers", Status: 500, MessageID: "KAJY52013-E"},
	)
}

// Scenario 1: 30 % transient failures, mixed; 10 of each resource apply, refresh,
// change and destroy cleanly.
func TestAccFaults_transientFailures(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	seed := fakejp1test.Seed(t)
	transientFaults(fake, seed)
	started := time.Now()
	const n = 10
	resource.ParallelTest(t, resource.TestCase{
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
		t.Errorf("seed %d: %d faults in %d requests (%.0f %%), want about %.0f %%", seed, st.FaultsInjected, st.TotalRequests,
			100*share, 100*faultShare)
	}
}

// Scenario 3: another holder has the proxyUsers lock half of the time.
func TestAccFaults_competingLockHolderHalfTheTime(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	seed := fakejp1test.Seed(t)
	fake.SetCompetingLockHolder(seed, 0.5)
	started := time.Now()
	const n = 10
	resource.ParallelTest(t, resource.TestCase{
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
		t.Errorf("seed %d: the competing holder never held the lock: the scenario proved nothing", seed)
	}
	if fake.ProxyOverlaps() != 0 {
		t.Errorf("%d of the provider's own proxyUsers calls overlapped", fake.ProxyOverlaps())
	}
}

// Scenario 4: during a long apply and destroy the IM token expires after every
// third proxyUsers call, and OA drops every HSSO token after every fourth
// request (as a restarted Common Component would); every call still succeeds.
func TestAccFaults_tokensExpireDuringLongApply(t *testing.T) {
	var proxyCalls, analyticsCalls, imExpiries atomic.Int32
	fake, url := fakejp1test.StartBehind(t, func(w http.ResponseWriter, r *http.Request, fake *fakejp1.Server) {
		fake.ServeHTTP(w, r)
		switch {
		case r.URL.Path == "/im/api/v1/proxyUsers" && proxyCalls.Add(1)%3 == 0:
			fake.ExpireIMTokens()
			imExpiries.Add(1)
		case strings.HasPrefix(r.URL.Path, "/Analytics/") && analyticsCalls.Add(1)%4 == 0:
			fake.ExpireAnalyticsTokens()
		}
	})
	started := time.Now()
	const n = 10
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             emptyFake(fake),
		Steps: []resource.TestStep{{
			Config: estateConfig(url, n, "v1", 5, "2ms", "20ms"),
			Check:  estateHolds(fake, n, "v1"),
		}},
	})
	figures(t, fake, started)
	// Without expiry the step logs in 3 times (apply, the plan after it,
	// destroy); 10 proxy users created, then removed, one call at a time, meet
	// at least two expiries each that more calls of the same command follow.
	if fake.Logins() < 3+2+2 {
		t.Errorf("%d IM logins after %d token expiries, want at least 7: the client did not log in again mid-command", fake.Logins(), imExpiries.Load())
	}
	// OA: expired HSSO tokens were refused, and every refusal was followed by a
	// Basic authentication (the client's fallback); tokens were also reused.
	st := fake.Stats()
	if st.AnalyticsTokensRefused == 0 || st.AnalyticsBasicAuths < st.AnalyticsTokensRefused || st.AnalyticsHSSOAuths == 0 {
		t.Errorf("OA: %d HSSO tokens refused, %d Basic and %d HSSO authentications; want refusals, each "+
			"answered by Basic, and reuse", st.AnalyticsTokensRefused, st.AnalyticsBasicAuths, st.AnalyticsHSSOAuths)
	}
	t.Logf("OA: %d HSSO tokens refused, %d Basic and %d HSSO authentications", st.AnalyticsTokensRefused, st.AnalyticsBasicAuths, st.AnalyticsHSSOAuths)
}
