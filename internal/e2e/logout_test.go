package e2e

import (
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Every provider process that logged in to JP1/IM ends its session when
// Terraform stops it (main.go → plugin.Serve → the provider's Close), so an apply leaves no
// session open on the manager.
func TestE2E_logoutWhenTerraformStopsTheProvider(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake, _ := fakejp1test.Start(t)
	w := newWorkspace(t, fake, retryBlock+`
resource "jp1_proxy_user" "p" {
  user_id  = "logout-check"
  password = "Logout-Check-Pass-1"
}
`)
	w.must(nil, "apply", "-auto-approve", "-input=false")
	logins, logouts := fake.Logins(), fake.Count("POST /im/api/v1/logout")
	if logins == 0 {
		t.Fatal("the apply logged in to JP1/IM zero times: the check below would prove nothing")
	}
	if logouts != logins {
		t.Fatalf("%d logins but %d logouts: a provider process left its IM session open", logins, logouts)
	}
	if _, ok := fake.ProxyPassword("logout-check"); !ok {
		t.Fatal("the proxy user was not created")
	}
	t.Logf("%d provider processes logged in and out", logins)
}
