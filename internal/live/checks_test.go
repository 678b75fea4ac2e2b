package live

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// exists checks, through the API, whether JP1 lists the object.
func (r *liveRun) exists(kind Kind, name string, want bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctx, cancel := context.WithTimeout(context.Background(), minute)
		defer cancel()
		got, err := r.clients.Exists(ctx, kind, name)
		if err != nil {
			return fmt.Errorf("checking %s %q: %s", kind, name, Redact(err.Error(), r.allSecrets()))
		}
		if got != want {
			if want {
				return fmt.Errorf("JP1 does not list %s %q", kind, name)
			}
			return fmt.Errorf("JP1 still lists %s %q", kind, name)
		}
		return nil
	}
}

// credentialIs checks, through the API, what JP1 holds for the credential named name.
func (r *liveRun) credentialIs(name string, check func(*jp1api.Credential) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctx, cancel := context.WithTimeout(context.Background(), minute)
		defer cancel()
		cr, err := r.clients.Credential(ctx, name)
		if err != nil {
			return fmt.Errorf("reading credential %q: %s", name, Redact(err.Error(), r.allSecrets()))
		}
		if err := check(cr); err != nil {
			return fmt.Errorf("credential %q: %w", name, err)
		}
		return nil
	}
}

// behindTerraformsBack returns a PreConfig that changes JP1 through the API,
// as another administrator would, failing the test when JP1 refuses.
func (r *liveRun) behindTerraformsBack(t *testing.T, what string, change func(context.Context) error) func() {
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), minute)
		defer cancel()
		if err := change(ctx); err != nil {
			r.fatal(t, what+" behind Terraform's back", err)
		}
	}
}

// driftStep plans the unchanged configuration after a change made behind
// Terraform's back: the plan must not be empty, and must plan action for
// each address. Nothing is applied.
func driftStep(config string, preConfig func(), action plancheck.ResourceActionType, addrs ...string) resource.TestStep {
	checks := make([]plancheck.PlanCheck, 0, len(addrs))
	for _, a := range addrs {
		checks = append(checks, plancheck.ExpectResourceAction(a, action))
	}
	return resource.TestStep{
		PreConfig:          preConfig,
		Config:             config,
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks:   resource.ConfigPlanChecks{PostApplyPostRefresh: checks},
	}
}

// importsOnly checks that a plan only imports: every resource change is an
// import, planned as an update (sending the configured secret) or nothing,
// never a create, a replacement or a deletion.
type importsOnly struct{ want int }

func (c importsOnly) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var problems []string
	n := 0
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Mode == "data" {
			continue
		}
		n++
		switch {
		case rc.Change == nil:
			problems = append(problems, rc.Address+": no change")
		case rc.Change.Importing == nil:
			problems = append(problems, fmt.Sprintf("%s: %v without an import", rc.Address, rc.Change.Actions))
		case !rc.Change.Actions.Update() && !rc.Change.Actions.NoOp():
			problems = append(problems, fmt.Sprintf("%s: imported, then %v (want an update or nothing)", rc.Address, rc.Change.Actions))
		}
	}
	if n != c.want {
		problems = append(problems, fmt.Sprintf("%d resource changes, want %d imports", n, c.want))
	}
	if len(problems) > 0 {
		resp.Error = fmt.Errorf("the plan does more than import: %s", strings.Join(problems, "; "))
	}
}
