package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Config is what one benchmark run measures.
type Config struct {
	Ns      []int // resources of each type per scenario (100, 300)
	Repeats int   // runs of every measurement; the report gives medians

	// The fake JP1 of the N scenarios.
	Latency         time.Duration
	ProxyProcessing time.Duration

	// The proxyUsers scenario: apply ProxyUsers users against the serial limit.
	ProxyUsers           int
	ProxyLatency         time.Duration
	ProxyUsersProcessing time.Duration

	Parallelism int      // terraform -parallelism; 0 = Terraform's default (10)
	Terraform   string   // terraform binary
	ModuleDir   string   // the provider's module root, for go build
	WorkDir     string   // temporary files; "" = a new temporary folder, removed afterwards
	ProfileDir  string   // write pprof CPU and heap profiles of every provider process here
	ProviderEnv []string // extra KEY=VALUE settings for the provider processes only (experiments)
	// Noop adds the diagnostic scenario "noop": the jp1 schemas served by a
	// provider that does nothing (internal/bench/cmd/noopprovider). The plugin
	// floor (kindMinimal, the same provider's one-attribute resource) runs
	// always.
	Noop    bool
	Timeout time.Duration
	Log     io.Writer // progress
}

// Kinds of measurement.
const (
	kindJP1        = "jp1"         // jp1 resources, 3 types
	kindFloor      = "floor"       // the same number of terraform_data
	kindNoop       = "noop"        // jp1 schemas, resources that do nothing
	kindMinimal    = "minimal"     // the plugin floor: a one-attribute resource that does nothing, over the plugin protocol
	kindProxy      = "proxy"       // jp1_proxy_user only, with latency and processing time
	kindProxyFloor = "proxy-floor" // the same number of terraform_data
	kindProxyZero  = "proxy-zero"  // jp1_proxy_user only, no latency, no processing time
)

// Operations.
const (
	opApply     = "apply"
	opPlan      = "plan"
	opPlanDrift = "plan-drift"
	opDestroy   = "destroy"
)

type sampleKey struct {
	kind string
	n    int
	op   string
}

type runner struct {
	cfg     Config
	tf      *tfRunner
	fakeBin string
	noopBin string
	dir     string
	samples map[sampleKey][]Sample
	order   []sampleKey
}

// Run builds the provider and the fake, runs every scenario cfg.Repeats
// times and returns the results (medians computed, targets checked).
func Run(ctx context.Context, cfg Config) (*Results, error) {
	started := time.Now()
	if cfg.Repeats < 1 || len(cfg.Ns) == 0 {
		return nil, errors.New("need at least one N and one repeat")
	}
	dir := cfg.WorkDir
	if dir == "" {
		d, err := os.MkdirTemp("", "jp1bench-")
		if err != nil {
			return nil, err
		}
		dir = d
		defer func() { _ = os.RemoveAll(d) }()
	}
	r := &runner{cfg: cfg, dir: dir, samples: map[sampleKey][]Sample{}}
	if err := r.setup(ctx); err != nil {
		return nil, err
	}
	for rep := range cfg.Repeats {
		for _, n := range cfg.Ns {
			// Alternate the order so that a slow phase of the machine does not
			// always land on the same side of the ratio.
			cycles := []func(context.Context, int) error{r.floorCycle, r.minimalCycle, r.jp1Cycle}
			if cfg.Noop {
				cycles = []func(context.Context, int) error{r.floorCycle, r.minimalCycle, r.noopCycle, r.jp1Cycle}
			}
			if rep%2 == 1 {
				slices.Reverse(cycles)
			}
			for _, c := range cycles {
				if err := c(ctx, n); err != nil {
					return nil, err
				}
			}
		}
		if cfg.ProxyUsers > 0 {
			if err := r.proxyCycle(ctx, rep); err != nil {
				return nil, err
			}
		}
	}
	res := r.results(started)
	res.Machine = machine(ctx, cfg.Terraform)
	return res, nil
}

func (r *runner) logf(format string, args ...any) {
	if r.cfg.Log != nil {
		fmt.Fprintf(r.cfg.Log, format+"\n", args...)
	}
}

// setup builds the provider and the fake and installs the wrapper.
func (r *runner) setup(ctx context.Context) error {
	pluginDir := filepath.Join(r.dir, "plugins")
	binDir := filepath.Join(r.dir, "bin")
	for _, d := range []string{pluginDir, binDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	realBin := filepath.Join(binDir, providerBinaryName)
	providerPkg := "."
	if r.cfg.ProfileDir != "" {
		providerPkg = "./internal/bench/cmd/profprovider"
	}
	r.fakeBin = filepath.Join(binDir, "fakejp1")
	builds := [][2]string{{realBin, providerPkg}, {r.fakeBin, "./internal/fakejp1/cmd/fakejp1"}}
	// The diagnostic provider serves the plugin floor (and, with -noop, the
	// jp1 schemas doing nothing).
	r.noopBin = filepath.Join(binDir, "noopprovider")
	builds = append(builds, [2]string{r.noopBin, "./internal/bench/cmd/noopprovider"})
	for _, b := range builds {
		start := time.Now()
		cmd := exec.CommandContext(ctx, "go", "build", "-o", b[0], b[1])
		cmd.Dir = r.cfg.ModuleDir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %w\n%s", b[1], err, out)
		}
		r.logf("built %s in %.1fs", b[1], time.Since(start).Seconds())
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if err := copyFile(self, filepath.Join(pluginDir, providerBinaryName)); err != nil {
		return err
	}
	cliConfig := filepath.Join(r.dir, "dev.tfrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/jp1-terraform/jp1" = %q
  }
  direct {}
}
`, pluginDir)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		return err
	}
	r.tf = &tfRunner{bin: r.cfg.Terraform, cliConfig: cliConfig, realBin: realBin, workDir: r.dir,
		profileDir: r.cfg.ProfileDir, providerEnv: r.cfg.ProviderEnv, parallelism: r.cfg.Parallelism, timeout: r.cfg.Timeout}
	return nil
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o755) //nolint:gosec // an executable
}

var allTypes = []string{typeIMClient, typeProxyUser, typeCredential}

// step runs one terraform command, checks its outcome and records a sample
// (unless key.op is "").
func (r *runner) step(ctx context.Context, fake *fakeProc, ws string, key sampleKey, want changes, args ...string) error {
	if fake != nil {
		if err := fake.resetCounts(ctx); err != nil {
			return err
		}
	}
	var fakeCPU0 time.Duration
	if fake != nil {
		fakeCPU0, _ = fake.cpu()
	}
	label := fmt.Sprintf("%s-%d-%s", key.kind, key.n, key.op)
	run, err := r.tf.run(ctx, ws, label, args...)
	if err != nil {
		return err
	}
	op := args[0]
	got, perr := outcome(op, run.output)
	okExit := run.exitCode == 0 || op == "plan" && run.exitCode == 2
	if !okExit || perr != nil || got != want {
		return fmt.Errorf("%s: terraform %s exited %d, want %s, got %s (%v); log:\n%s",
			label, op, run.exitCode, want, got, perr, tail(run.output, 40))
	}
	s := Sample{
		WallSec:        run.wall.Seconds(),
		CPUSec:         run.cpu.Seconds(),
		ProviderCPUSec: run.providerCPU().Seconds(),
		ProviderRSSMB:  float64(run.providerMaxRSSKiB()) * 1024 / 1e6,
		ProviderProcs:  len(run.procs),
	}
	s.TerraformCPUSec = s.CPUSec - s.ProviderCPUSec
	if fake != nil {
		fakeCPU1, _ := fake.cpu()
		s.FakeCPUSec = (fakeCPU1 - fakeCPU0).Seconds()
		counts, stats, err := fake.counts(ctx)
		if err != nil {
			return err
		}
		s.Requests = counts
		s.TotalRequests, s.Logins, s.LockErrors = stats.TotalRequests, stats.Logins, stats.LockErrors
		// Every lock error and injected fault is an answer the client retries.
		s.Retries = stats.LockErrors + stats.FaultsInjected
	}
	r.logf("  %-12s %-5s N=%-4d %6.2fs wall %6.2fs cpu (provider %5.2fs, %3.0f MB, %d procs) %5d requests",
		key.op, key.kind, key.n, s.WallSec, s.CPUSec, s.ProviderCPUSec, s.ProviderRSSMB, s.ProviderProcs, s.TotalRequests)
	if _, seen := r.samples[key]; !seen {
		r.order = append(r.order, key)
	}
	r.samples[key] = append(r.samples[key], s)
	return nil
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

// workspace makes a fresh working directory (no state) for w.
func (r *runner) workspace(name string, w workload, url string) (string, error) {
	ws, err := os.MkdirTemp(r.dir, name+"-")
	if err != nil {
		return "", err
	}
	return ws, w.write(ws, url)
}

var (
	argsApply   = []string{"apply", "-auto-approve", "-input=false", "-no-color"}
	argsPlan    = []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}
	argsDestroy = []string{"destroy", "-auto-approve", "-input=false", "-no-color"}
)

// floorCycle: apply, plan, destroy of 3n terraform_data.
func (r *runner) floorCycle(ctx context.Context, n int) error {
	w := workload{n: n, types: allTypes, floor: true}
	ws, err := r.workspace("floor", w, "")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(ws) }()
	total := w.resources()
	if err := r.step(ctx, nil, ws, sampleKey{kindFloor, n, opApply}, changes{add: total}, argsApply...); err != nil {
		return err
	}
	if err := r.step(ctx, nil, ws, sampleKey{kindFloor, n, opPlan}, changes{}, argsPlan...); err != nil {
		return err
	}
	return r.step(ctx, nil, ws, sampleKey{kindFloor, n, opDestroy}, changes{destroy: total}, argsDestroy...)
}

// noopCycle: apply, plan, destroy of the jp1 configuration against the
// provider that does nothing.
func (r *runner) noopCycle(ctx context.Context, n int) error {
	return r.noopProviderCycle(ctx, kindNoop, workload{n: n, types: allTypes})
}

// minimalCycle: apply, plan, destroy of 3n one-attribute resources that do
// nothing, served by the same diagnostic provider: what any plugin provider
// costs Terraform beyond its built-in terraform_data.
func (r *runner) minimalCycle(ctx context.Context, n int) error {
	return r.noopProviderCycle(ctx, kindMinimal, workload{n: n, types: allTypes, minimal: true})
}

func (r *runner) noopProviderCycle(ctx context.Context, kind string, w workload) error {
	n := w.n
	ws, err := r.workspace(kind, w, "http://127.0.0.1:9")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(ws) }()
	realBin := r.tf.realBin
	r.tf.realBin = r.noopBin
	defer func() { r.tf.realBin = realBin }()
	total := w.resources()
	if err := r.step(ctx, nil, ws, sampleKey{kind, n, opApply}, changes{add: total}, argsApply...); err != nil {
		return err
	}
	if err := r.step(ctx, nil, ws, sampleKey{kind, n, opPlan}, changes{}, argsPlan...); err != nil {
		return err
	}
	return r.step(ctx, nil, ws, sampleKey{kind, n, opDestroy}, changes{destroy: total}, argsDestroy...)
}

// jp1Cycle: apply, plan, change 10 % in the fake, plan, undo the changes
// in the fake, destroy.
func (r *runner) jp1Cycle(ctx context.Context, n int) error {
	fake, err := startFake(ctx, r.fakeBin, r.cfg.Latency, r.cfg.ProxyProcessing, filepath.Join(r.dir, "fake.log"))
	if err != nil {
		return err
	}
	defer fake.stop()
	w := workload{n: n, types: allTypes}
	ws, err := r.workspace("jp1", w, fake.url)
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(ws) }()
	total := w.resources()
	if err := r.step(ctx, fake, ws, sampleKey{kindJP1, n, opApply}, changes{add: total}, argsApply...); err != nil {
		return err
	}
	if err := r.step(ctx, fake, ws, sampleKey{kindJP1, n, opPlan}, changes{}, argsPlan...); err != nil {
		return err
	}
	k, err := fake.drift(ctx, w)
	if err != nil {
		return fmt.Errorf("changing objects in the fake: %w", err)
	}
	// Deleted clients and proxy users are added again; credentials are updated in place.
	drifted := changes{add: 2 * k, change: k}
	if err := r.step(ctx, fake, ws, sampleKey{kindJP1, n, opPlanDrift}, drifted, argsPlan...); err != nil {
		return err
	}
	if err := fake.undrift(ctx, w); err != nil {
		return fmt.Errorf("undoing the changes in the fake: %w", err)
	}
	return r.step(ctx, fake, ws, sampleKey{kindJP1, n, opDestroy}, changes{destroy: total}, argsDestroy...)
}

// proxyCycle: apply and destroy of cfg.ProxyUsers proxy users with latency
// and processing time, the same without them, and the terraform_data floor
// of the same size.
func (r *runner) proxyCycle(ctx context.Context, rep int) error {
	n := r.cfg.ProxyUsers
	floor := func() error {
		w := workload{n: n, types: []string{typeProxyUser}, floor: true}
		ws, err := r.workspace("proxy-floor", w, "")
		if err != nil {
			return err
		}
		defer func() { _ = os.RemoveAll(ws) }()
		if err := r.step(ctx, nil, ws, sampleKey{kindProxyFloor, n, opApply}, changes{add: n}, argsApply...); err != nil {
			return err
		}
		return r.step(ctx, nil, ws, sampleKey{kindProxyFloor, n, opDestroy}, changes{destroy: n}, argsDestroy...)
	}
	proxy := func(kind string, latency, processing time.Duration) func() error {
		return func() error {
			fake, err := startFake(ctx, r.fakeBin, latency, processing, filepath.Join(r.dir, "fake-"+kind+".log"))
			if err != nil {
				return err
			}
			defer fake.stop()
			w := workload{n: n, types: []string{typeProxyUser}}
			ws, err := r.workspace(kind, w, fake.url)
			if err != nil {
				return err
			}
			defer func() { _ = os.RemoveAll(ws) }()
			if err := r.step(ctx, fake, ws, sampleKey{kind, n, opApply}, changes{add: n}, argsApply...); err != nil {
				return err
			}
			return r.step(ctx, fake, ws, sampleKey{kind, n, opDestroy}, changes{destroy: n}, argsDestroy...)
		}
	}
	// The same run without latency and processing time tells Terraform's
	// and the provider's own time from the time spent waiting for JP1.
	steps := []func() error{floor, proxy(kindProxyZero, 0, 0), proxy(kindProxy, r.cfg.ProxyLatency, r.cfg.ProxyUsersProcessing)}
	if rep%2 == 1 {
		slices.Reverse(steps)
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}

// machine describes where the run happened.
func machine(ctx context.Context, terraform string) Machine {
	m := Machine{CPUs: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH, Go: runtime.Version()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(data))
	}
	if out, err := exec.CommandContext(ctx, terraform, "version").Output(); err == nil {
		m.Terraform, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	}
	return m
}
