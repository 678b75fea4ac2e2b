package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// The manager commits a create, its answer is lost, and then it refuses every
// retry until the retry budget is spent: the apply fails without knowing
// whether the object exists. The provider records such objects as tainted, so
// the next apply (nobody touching JP1 in between) repairs them: no orphan, no
// duplicate, no secret nobody holds. An IM client ID, whose secret cannot be
// read back, is deleted and issued again; an analytics credential is adopted
// (found by name and type, brought to the configuration with its secrets
// re-sent), never deleted, since JP1 may already monitor with it.
func TestAccFaults_createOutcomeUnknown(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	const n = 2
	creates := []string{"POST /im/api/v1/secret/client/generateInfo", "POST /Analytics/v1/objects/Credentials", "POST /im/api/v1/proxyUsers add"}
	started := time.Now()
	var orphan fakejp1.Credential
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             emptyFake(fake),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					for _, ep := range creates {
						// The first create of each kind is committed and its answer lost;
						// from then on the endpoint answers nothing.
						fake.AddFault(fakejp1.Fault{Endpoint: ep, Mode: fakejp1.FaultDropAfter, Times: 1})
						fake.AddFault(fakejp1.Fault{Endpoint: ep, Mode: fakejp1.FaultDropBefore})
					}
				},
				Config: estateConfig(url, n, "v1", 3, "2ms", "20ms"),
				// Each error says what that resource's next apply does.
				ExpectError: allOfRE(
					"Terraform records the IM client as tainted. The next apply deletes the client ID if this request registered it",
					"Terraform records the credential as tainted, without an instanceID. The next apply plans it as replaced, but deletes nothing"),
			},
			{
				PreConfig: func() {
					// The failed apply left one IM client and one credential in JP1 that
					// Terraform has no result for: exactly the orphans this test is about.
					if len(fake.IMClientIDs()) != 1 || len(fake.Credentials()) != 1 {
						t.Fatalf("after the failed apply the fake holds %v and %d credentials, want 1 and 1",
							fake.IMClientIDs(), len(fake.Credentials()))
					}
					orphan = fake.Credentials()[0]
					// Someone attaches it to monitoring and touches it before the repair;
					// the repair must keep it (same instanceID) and put it back.
					changed := orphan
					changed.PortNumber = fakejp1test.Ptr(int64(2222))
					changed.Password = fakejp1test.Ptr("stale")
					fake.PutCredential(changed)
					fake.SetRelatedResources(orphan.InstanceID, 2)
					fake.ClearFaults()
					fake.ResetCounts()
				},
				Config: estateConfig(url, n, "v1", 3, "2ms", "20ms"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					// Of each type, the one that was committed is replaced and the one that
					// never arrived is created (which is which depends on the order of the
					// parallel creates). A proxy add that was committed was settled by the
					// list the failed add made (the list still answered): it is kept.
					PreApply: []plancheck.PlanCheck{
						plannedActions{"jp1_im_client", []string{"[create]", "[delete create]"}},
						plannedActions{"jp1_analytics_credential", []string{"[create]", "[delete create]"}},
						plannedActions{"jp1_proxy_user", []string{"[create]", "[no-op]"}},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					estateHolds(fake, n, "v1"),
					func(*terraform.State) error {
						figures(t, fake, started)
						adopted, ok := fake.Credential(orphan.InstanceID)
						if !ok || adopted.Name != orphan.Name || adopted.PortNumber == nil || *adopted.PortNumber != 22 || adopted.NumOfRelatedResources != 2 {
							return fmt.Errorf("the credential of the lost create (instanceID %d) was not adopted and put back: %+v", orphan.InstanceID, adopted)
						}
						for key, want := range map[string]int{
							"POST /im/api/v1/secret/client/deleteInfo":      1, // the orphan of the lost issue
							"POST /im/api/v1/secret/client/generateInfo":    n,
							"DELETE /Analytics/v1/objects/Credentials/{id}": 0, // adopted, not deleted
							"PUT /Analytics/v1/objects/Credentials/{id}":    1, // the adoption, password re-sent
							"POST /Analytics/v1/objects/Credentials":        n - 1,
						} {
							if got := fake.Count(key); got != want {
								return fmt.Errorf("%s was requested %d time(s) by the repairing apply, want %d: %v", key, got, want, fake.Counts())
							}
						}
						return nil
					},
				),
			},
		},
	})
}

// plannedActions expects the sorted planned actions of the instances of a
// resource type.
type plannedActions struct {
	resourceType string
	want         []string
}

func (c plannedActions) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var actions []string
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Type == c.resourceType {
			actions = append(actions, fmt.Sprint(rc.Change.Actions))
		}
	}
	slices.Sort(actions)
	if !slices.Equal(actions, c.want) {
		resp.Error = fmt.Errorf("%s: planned actions %v, want %v", c.resourceType, actions, c.want)
	}
}
