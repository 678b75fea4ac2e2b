package live

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	jp1acctest "github.com/jp1-terraform/terraform-provider-jp1/internal/acctest"
)

// TestMain prepares a live run when JP1_LIVE=1 and prints its summary at the
// end. Without JP1_LIVE every live test skips at once, and only the unit
// tests of the guard, the sweeper and the summary run.
func TestMain(m *testing.M) {
	cfg, err := FromEnv(os.LookupEnv)
	if !cfg.Enabled {
		os.Exit(m.Run())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "live:", Redact(err.Error(), cfg.Secrets()))
		os.Exit(2)
	}
	if !cfg.IMConfigured() && !cfg.AnalyticsConfigured() {
		fmt.Fprintf(os.Stderr, "live: %s=1, but neither JP1/IM (%s, %s, %s) nor JP1/Operations Analytics (%s, %s, %s) is configured\n",
			EnvLive, EnvIMEndpoint, EnvIMUsername, EnvIMPassword, EnvAnalyticsEndpoint, EnvAnalyticsUsername, EnvAnalyticsPassword)
		os.Exit(2)
	}
	// JP1_LIVE=1 is the opt-in: terraform-plugin-testing wants TF_ACC too.
	os.Setenv("TF_ACC", "1")
	tf, err := jp1acctest.Prepare()
	if err != nil {
		fmt.Fprintln(os.Stderr, "live:", err)
		os.Exit(2)
	}
	cli, err := jp1acctest.DescribeCLI(tf)
	if err != nil {
		fmt.Fprintln(os.Stderr, "live:", err)
		os.Exit(2)
	}
	g, err := NewGuard(cfg.Prefix)
	if err != nil {
		fmt.Fprintln(os.Stderr, "live:", err)
		os.Exit(2)
	}
	// The objects the user names on purpose: the import targets may be read
	// (never changed), the lower-manager host added and removed.
	g.AllowRead(IMClient, cfg.ImportClientID)
	g.AllowRead(ProxyUser, cfg.ImportProxyUser)
	g.AllowRead(AnalyticsCredential, cfg.ImportCredentialName)
	g.AllowRead(LowerManager, cfg.ImportLowerManager)
	g.AllowWrite(LowerManager, cfg.LowerManagerHost)
	harness = &liveRun{cfg: cfg, guard: g, clients: NewClients(cfg, g), cli: cli, started: time.Now()}

	code := m.Run()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := harness.writeSummary(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "live: writing the summary:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
