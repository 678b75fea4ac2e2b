package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// The two errors of the restored instanceIDs, in either order.
const (
	staleError = `"cred-stale" is recorded at another credential's instanceID.*instanceID\s+\d+.*"someone-elses".*` +
		`"cred-stale"\s+at\s+instanceID\s+\d+.*terraform\s+state\s+rm.*import \{\s+to\s+= <resource address>\s+id\s+= "\d+"\s+\}.*` +
		`identity\s+=\s+\{\s+instance_id\s+=\s+\d+\s+\}`
	retypedError = `"cred-retyped" is recorded at another credential's instanceID.*SSH\s+credential.*"someone-elses-wmi"\s+of\s+type\s+"WMI".*` +
		`no\s+credential\s+is\s+named\s+"cred-retyped".*terraform\s+state\s+rm`
)

// An instanceID that now holds another credential (Operations Analytics
// restored or reinstalled, which gave its IDs out again) is never taken for
// drift of the resource's own credential: when the recorded name lives at
// another instanceID, or the credential there is of another type (a type never
// changes), the refresh fails with both IDs and how to import the right one,
// and nothing is renamed or replaced. A credential renamed by hand (its old
// name nowhere) stays ordinary drift: the plan renames it back.
func TestAccAnalyticsCredential_instanceIDHoldsAnotherCredential(t *testing.T) {
	fake, url := fakejp1test.Start(t)
	config := providerConfig(url)
	for _, n := range []string{"renamed", "stale", "retyped"} {
		config += fmt.Sprintf(`
resource "jp1_analytics_credential" %[1]q {
  name = "cred-%[1]s"
  ssh {
    user_id  = "root"
    password = "pw-%[1]s"
  }
}`, n)
	}
	const putKey = "PUT /Analytics/v1/objects/Credentials/{id}"
	const deleteKey = "DELETE /Analytics/v1/objects/Credentials/{id}"
	ids := map[string]int64{}                // instanceIDs after the create
	saved := map[string]fakejp1.Credential{} // the credentials before the restore
	var writes int                           // PUTs and DELETEs before the step that must make none
	moved := int64(0)                        // where the restore put cred-stale

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(*terraform.State) error {
					for _, n := range []string{"renamed", "stale", "retyped"} {
						c, ok := fake.CredentialByName("cred-" + n)
						if !ok {
							return fmt.Errorf("no cred-%s in the fake", n)
						}
						ids[n], saved[n] = c.InstanceID, c
					}
					return nil
				},
			},
			{ // Renamed by hand, the old name nowhere: drift, renamed back in place.
				PreConfig: func() {
					c := saved["renamed"]
					c.Name = "renamed-by-hand"
					fake.PutCredential(c)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("jp1_analytics_credential.renamed", plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue("jp1_analytics_credential.renamed", tfjsonpath.New("name"), knownvalue.StringExact("cred-renamed")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("jp1_analytics_credential.renamed", tfjsonpath.New("name"), knownvalue.StringExact("cred-renamed")),
				},
				Check: func(*terraform.State) error {
					if c, ok := fake.Credential(ids["renamed"]); !ok || c.Name != "cred-renamed" {
						return fmt.Errorf("instanceID %d holds %q, want cred-renamed back", ids["renamed"], c.Name)
					}
					return nil
				},
			},
			{ // Restored: the IDs of cred-stale and cred-retyped hold other credentials.
				PreConfig: func() {
					fake.DeleteCredential(ids["stale"])
					fake.PutCredential(fakejp1.Credential{InstanceID: ids["stale"], Name: "someone-elses", CredentialType: "SSH",
						UserID: fakejp1test.Ptr("other"), Password: fakejp1test.Ptr("theirs")})
					c := saved["stale"]
					c.InstanceID = 0
					moved = fake.PutCredential(c)
					fake.DeleteCredential(ids["retyped"])
					fake.PutCredential(fakejp1.Credential{InstanceID: ids["retyped"], Name: "someone-elses-wmi", CredentialType: "WMI",
						UserID: fakejp1test.Ptr("other"), PasswordNotRequired: fakejp1test.Ptr(true)})
					writes = fake.Count(putKey) + fake.Count(deleteKey)
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)(` + staleError + `.*` + retypedError + `|` + retypedError + `.*` + staleError + `)`),
			},
			{ // Nothing was renamed, replaced or deleted; then the operator sets
				// things right (here: the fake as before the restore), and the
				// plan is empty again.
				PreConfig: func() {
					if n := fake.Count(putKey) + fake.Count(deleteKey); n != writes {
						t.Errorf("%d writes after the restore, want none", n-writes)
					}
					for id, want := range map[int64]string{ids["stale"]: "someone-elses", moved: "cred-stale", ids["retyped"]: "someone-elses-wmi"} {
						if c, ok := fake.Credential(id); !ok || c.Name != want {
							t.Errorf("instanceID %d holds %q, want %q untouched", id, c.Name, want)
						}
					}
					fake.DeleteCredential(moved)
					fake.PutCredential(saved["stale"])
					fake.PutCredential(saved["retyped"])
				},
				Config:   config,
				PlanOnly: true,
			},
		},
	})
}
