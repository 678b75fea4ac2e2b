package live

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	goversion "github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"

	jp1acctest "github.com/jp1-terraform/terraform-provider-jp1/internal/acctest"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/plugin"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider"
)

// providerVersion is the version the provider under test reports.
const providerVersion = "live"

// emptyProvider is the whole provider configuration of a live test: the
// provider reads JP1 from the environment, as a user's pipeline does.
const emptyProvider = "provider \"jp1\" {}\n"

// factories serve the provider in-process, through the server the released
// binary uses, one provider per terraform command. Terraform never stops an
// in-process provider, so the test closes them all when it ends, as the
// plugin does when Terraform stops it: each logs out of its IM session
// rather than leaving it open on the manager until it expires.
func factories(t *testing.T) map[string]func() (tfprotov6.ProviderServer, error) {
	var mu sync.Mutex
	var opened []plugin.Closer
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, c := range opened {
			c.Close(ctx)
		}
	})
	return map[string]func() (tfprotov6.ProviderServer, error){
		"jp1": func() (tfprotov6.ProviderServer, error) {
			p := provider.New(providerVersion)()
			if c, ok := p.(plugin.Closer); ok {
				mu.Lock()
				opened = append(opened, c)
				mu.Unlock()
			}
			return plugin.NewServer(p)(), nil
		},
	}
}

// harness is a live run: nil unless JP1_LIVE=1 (TestMain sets it).
var harness *liveRun

type liveRun struct {
	cfg      Config
	guard    *Guard
	clients  *Clients
	cli      jp1acctest.CLI
	started  time.Time
	recorder Recorder

	mu      sync.Mutex
	secrets []string          // made by the tests: never printed
	reasons map[string]string // why a test skipped, by test name
}

// needs says what a live test needs to run.
type needs struct {
	im, analytics bool
	writes        bool   // creates, changes or deletes objects
	minCLI        string // "1.12.0": resource identity; "1.14.0" with query
	query         bool   // terraform query (Terraform only)
}

const notLive = "live test: set JP1_LIVE=1 and the JP1_* variables to run it against your JP1 " +
	"(docs/guides/testing-against-your-jp1.md)"

// begin starts a live test: it skips, saying why, unless the run can do what
// the test needs, and records the test's outcome for the summary.
func begin(t *testing.T, n needs) *liveRun {
	t.Helper()
	if harness == nil {
		t.Skip(notLive)
	}
	r := harness
	start := time.Now()
	t.Cleanup(func() {
		o := Outcome{Test: t.Name(), Result: Passed, Duration: time.Since(start)}
		switch {
		case t.Skipped():
			r.mu.Lock()
			o.Result, o.Reason = Skipped, r.reasons[t.Name()]
			r.mu.Unlock()
		case t.Failed():
			o.Result = Failed
		}
		r.recorder.Record(o)
	})
	skip := func(format string, args ...any) {
		t.Helper()
		r.skipWith(t, fmt.Sprintf(format, args...))
	}
	switch {
	case n.writes && r.cfg.ReadOnly:
		skip("read-only run (%s=1): this test creates objects", EnvReadOnly)
	case n.im && !r.cfg.IMConfigured():
		skip("JP1/IM is not configured (%s, %s, %s)", EnvIMEndpoint, EnvIMUsername, EnvIMPassword)
	case n.analytics && !r.cfg.AnalyticsConfigured():
		skip("JP1/Operations Analytics is not configured (%s, %s, %s)", EnvAnalyticsEndpoint, EnvAnalyticsUsername, EnvAnalyticsPassword)
	case n.query && r.cli.OpenTofu:
		skip("OpenTofu has no terraform query (this run drives %s)", r.cli)
	case n.minCLI != "" && r.cli.Version.LessThan(goversion.Must(goversion.NewVersion(n.minCLI))):
		skip("needs a CLI of version %s or later (this run drives %s)", n.minCLI, r.cli)
	}
	return r
}

// skipWith skips the test, keeping the reason for the summary.
func (r *liveRun) skipWith(t *testing.T, reason string) {
	t.Helper()
	r.mu.Lock()
	if r.reasons == nil {
		r.reasons = map[string]string{}
	}
	r.reasons[t.Name()] = reason
	r.mu.Unlock()
	t.Skip(reason)
}

// ctx is a context for one API call of a test.
func (r *liveRun) ctx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// secret returns a new random secret, which no summary or message prints.
func (r *liveRun) secret() string {
	s := "Live-" + acctest.RandStringFromCharSet(20, acctest.CharSetAlphaNum)
	r.mu.Lock()
	r.secrets = append(r.secrets, s)
	r.mu.Unlock()
	return s
}

// allSecrets are the environment's and the tests' secrets.
func (r *liveRun) allSecrets() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append(r.cfg.Secrets(), r.secrets...)
}

// removeAtEnd deletes an object a test made through the API when the test ends,
// whatever happened (an object already gone is fine).
func (r *liveRun) removeAtEnd(t *testing.T, kind Kind, name string) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		exists, err := r.clients.Exists(ctx, kind, name)
		if err == nil && exists {
			err = r.clients.Delete(ctx, kind, name)
		}
		if err != nil {
			t.Errorf("removing %s %q at the end of the test: %s (make sweep-live removes it)", kind, name, Redact(err.Error(), r.allSecrets()))
		}
	})
}

// fatal ends the test with err, without any secret.
func (r *liveRun) fatal(t *testing.T, what string, err error) {
	t.Helper()
	t.Fatalf("%s: %s", what, Redact(err.Error(), r.allSecrets()))
}

// summary is the run's report.
func (r *liveRun) summary(ctx context.Context) Summary {
	mode := "read-write"
	if r.cfg.ReadOnly {
		mode = "read-only"
	}
	s := Summary{
		Started:      r.started,
		Mode:         mode,
		Prefix:       r.cfg.Prefix,
		Terraform:    r.cli.String(),
		Provider:     buildVersion(),
		IMEndpoint:   Endpoint(r.cfg.IM.Endpoint),
		AnalyticsEnd: Endpoint(r.cfg.Analytics.Endpoint),
		Outcomes:     r.recorder.Outcomes(),
	}
	if r.cfg.IMConfigured() || r.cfg.AnalyticsConfigured() {
		var err error
		s.IMVersion, s.AnalyticsVersion, err = r.clients.Versions(ctx)
		if err != nil {
			s.VersionError = err.Error()
		}
	}
	return s
}

// buildVersion names the provider's source: the git revision of the tree
// the tests were built from (go test records none in the binary), read
// without taking git's optional locks, so nothing in .git is written.
func buildVersion() string {
	goVersion := "unknown Go"
	if info, ok := debug.ReadBuildInfo(); ok {
		goVersion = info.GoVersion
	}
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	rev, err := git("rev-parse", "--short=12", "HEAD")
	if err != nil || rev == "" {
		return "source tree without git, " + goVersion
	}
	if _, err := git("diff-index", "--quiet", "HEAD", "--"); err != nil {
		rev += " with local changes"
	}
	return "git " + rev + ", " + goVersion
}

// writeSummary prints the summary to the report file when one is set, else
// to standard output.
func (r *liveRun) writeSummary(ctx context.Context) error {
	s := r.summary(ctx)
	if r.cfg.ReportFile == "" {
		return s.Write(os.Stdout, r.allSecrets())
	}
	var b strings.Builder
	if err := s.Write(&b, r.allSecrets()); err != nil {
		return err
	}
	return os.WriteFile(r.cfg.ReportFile, []byte(b.String()), 0o600)
}
