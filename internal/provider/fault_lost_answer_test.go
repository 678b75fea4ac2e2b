package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Scenario 2: the answers of creates and updates are lost after JP1 committed the
// change. The provider leaves no duplicate and no orphan, every secret is the one
// configured, and the IM client secret in state is the one JP1 holds.
func TestAccFaults_lostAnswers(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	const n = 10
	lose := func(endpoint string) {
		fake.AddFault(fakejp1.Fault{Endpoint: endpoint, Mode: fakejp1.FaultDropAfter, Times: n})
	}
	started := time.Now()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             emptyFake(fake),
		Steps: []resource.TestStep{
			{ // Every create's first answer is lost.
				PreConfig: func() {
					lose("POST /im/api/v1/secret/client/generateInfo")
					lose("POST /Analytics/v1/objects/Credentials")
					lose("POST /im/api/v1/proxyUsers add")
				},
				Config: estateConfig(url, n, "v1", 15, "2ms", "20ms"),
				Check:  estateHolds(fake, n, "v1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // Every update's first answer is lost.
				PreConfig: func() {
					issue, del := fake.Count("POST /im/api/v1/secret/client/generateInfo"), fake.Count("POST /im/api/v1/secret/client/deleteInfo")
					create, list := fake.Count("POST /Analytics/v1/objects/Credentials"), fake.Count("GET /Analytics/v1/objects/Credentials")
					add := fake.Count("POST /im/api/v1/proxyUsers add")
					t.Logf("after creates: generateInfo %d, deleteInfo %d, OA POST %d, OA list %d, proxy add %d", issue, del, create, list, add)
					// Each recovery path ran: a lost IM issue is deleted and issued again
					// (a retry, a delete and a second issue per loss), a lost OA create is
					// retried, meets 409 and is adopted after a list, a lost add is re-sent.
					// No one ran without cause: the apply made no delete beyond the losses.
					if del < 1 || del > n || issue < n+2*del {
						t.Errorf("IM: %d issues and %d deletes for %d clients with %d lost answers", issue, del, n, n)
					}
					if create <= n || list < 1 {
						t.Errorf("OA: %d creates and %d lists: no lost create was retried and adopted", create, list)
					}
					if add <= n {
						t.Errorf("proxy: %d adds: no lost add was re-sent", add)
					}
					fake.ClearFaults()
					lose("PUT /Analytics/v1/objects/Credentials/{id}")
					lose("POST /im/api/v1/proxyUsers add")
				},
				Config: estateConfig(url, n, "v2", 15, "2ms", "20ms"),
				Check:  estateHolds(fake, n, "v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	figures(t, fake, started)
	// Every planned loss happened (a retry may itself lose its answer, so one
	// object can absorb several of the 10 losses of its endpoint).
	if got := fake.FaultsInjected(); got != 5*n {
		t.Errorf("%d answers were lost, want %d", got, 5*n)
	}
}
