package provider

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/acctest"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/plugin"
)

// protoV6Factories serves the provider in-process to the terraform CLI the
// tests drive, through the server the released binary uses.
var protoV6Factories = map[string]func() (tfprotov6.ProviderServer, error){
	"jp1": func() (tfprotov6.ProviderServer, error) { return plugin.NewServer(New("test")())(), nil },
}

// TestMain prepares acceptance runs (see acctest.Prepare: Terraform is never
// downloaded).
func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC") != "" {
		if _, err := acctest.Prepare(); err != nil {
			fmt.Fprintln(os.Stderr, "TF_ACC is set but", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// providerConfig points both products at the fake, with short retry waits so fault
// tests stay fast.
func providerConfig(url string) string {
	return providerConfigAs(url, fakejp1.IMAdminUser, fakejp1.IMAdminPassword, fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword)
}

func providerConfigAs(url, imUser, imPassword, analyticsUser, analyticsPassword string) string {
	return providerBlock(url, imUser, imPassword, analyticsUser, analyticsPassword, 5, "5ms", "50ms")
}

// providerBlock is the provider block for the fake at url (both products) with
// the given users and retry settings.
func providerBlock(url, imUser, imPassword, analyticsUser, analyticsPassword string, attempts int, minWait, maxWait string) string {
	return fmt.Sprintf(`
provider "jp1" {
  im = {
    endpoint = %[1]q
    username = %[2]q
    password = %[3]q
  }
  analytics = {
    endpoint = %[1]q
    username = %[4]q
    password = %[5]q
  }
  retry = {
    max_attempts = %[6]d
    min_wait     = %[7]q
    max_wait     = %[8]q
  }
}
`, url, imUser, imPassword, analyticsUser, analyticsPassword, attempts, minWait, maxWait)
}

// expectPlanError is a step that must fail at validate/plan with a message matching re.
func expectPlanError(config, re string) resource.TestStep {
	return resource.TestStep{Config: config, ExpectError: regexp.MustCompile(re), PlanOnly: true}
}

// assertNoRequests proves a validation failure sent nothing to JP1.
func assertNoRequests(t *testing.T, fake *fakejp1.Server) {
	t.Helper()
	if n := fake.TotalRequests(); n != 0 {
		t.Errorf("the fake JP1 received %d request(s), want 0: %v", n, fake.Counts())
	}
}
