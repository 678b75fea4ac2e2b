package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// tfRunner runs terraform commands and measures them.
type tfRunner struct {
	bin         string
	cliConfig   string
	realBin     string // the provider the wrapper starts
	workDir     string // rusage records and logs
	profileDir  string // "" = no profiles
	providerEnv []string
	parallelism int
	timeout     time.Duration
	seq         int
}

// tfRun is one measured terraform command.
type tfRun struct {
	wall     time.Duration
	cpu      time.Duration // terraform + provider processes (wrapper excluded)
	procs    []procRecord
	output   string
	exitCode int
}

func (r tfRun) providerCPU() time.Duration {
	var us int64
	for _, p := range r.procs {
		us += p.UserUS + p.SysUS
	}
	return time.Duration(us) * time.Microsecond
}

func (r tfRun) providerMaxRSSKiB() int64 {
	var m int64
	for _, p := range r.procs {
		m = max(m, p.MaxRSSKiB)
	}
	return m
}

// env is the environment of every terraform command: the caller's, minus
// anything that changes what Terraform does, plus the dev_overrides CLI
// configuration and the wrapper's settings.
func (t *tfRunner) env(records, profile string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "TF_"), strings.HasPrefix(k, "JP1_"), strings.HasPrefix(k, "JP1BENCH_"),
			k == "CHECKPOINT_DISABLE":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+t.cliConfig,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		envWrapTarget+"="+t.realBin,
		envWrapRecords+"="+records,
	)
	if profile != "" {
		env = append(env, envProfileDir+"="+profile)
	}
	if len(t.providerEnv) > 0 {
		env = append(env, envProviderEnv+"="+strings.Join(t.providerEnv, "\n"))
	}
	return env
}

// run runs terraform <args> in dir. label names the logs and profiles.
func (t *tfRunner) run(ctx context.Context, dir, label string, args ...string) (tfRun, error) {
	t.seq++
	base := filepath.Join(t.workDir, "runs", fmt.Sprintf("%03d-%s", t.seq, label))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return tfRun{}, err
	}
	records := base + ".rusage.jsonl"
	profile := ""
	if t.profileDir != "" {
		profile = filepath.Join(t.profileDir, fmt.Sprintf("%03d-%s", t.seq, label))
		if err := os.MkdirAll(profile, 0o755); err != nil {
			return tfRun{}, err
		}
	}
	logPath := base + ".log"
	logFile, err := os.Create(logPath)
	if err != nil {
		return tfRun{}, err
	}
	defer func() { _ = logFile.Close() }()

	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	if t.parallelism > 0 && (args[0] == "apply" || args[0] == "plan" || args[0] == "destroy") {
		args = append(args, "-parallelism="+strconv.Itoa(t.parallelism))
	}
	cmd := exec.CommandContext(ctx, t.bin, args...)
	cmd.Dir = dir
	cmd.Env = t.env(records, profile)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second

	start := time.Now()
	runErr := cmd.Run()
	res := tfRun{wall: time.Since(start)}
	var exitErr *exec.ExitError
	switch {
	case errors.As(runErr, &exitErr):
		res.exitCode = exitErr.ExitCode()
	case runErr != nil:
		return res, fmt.Errorf("terraform %s: %w", strings.Join(args, " "), runErr)
	}
	if ctx.Err() != nil {
		return res, fmt.Errorf("terraform %s: %w (log: %s)", strings.Join(args, " "), ctx.Err(), logPath)
	}
	// wait4 reports Terraform's rusage together with the children it has
	// reaped: the wrappers and, through them, the provider processes.
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.cpu = time.Duration(tvUS(ru.Utime)+tvUS(ru.Stime)) * time.Microsecond
	}
	if res.procs, err = readRecords(records); err != nil {
		return res, err
	}
	for _, p := range res.procs {
		res.cpu -= time.Duration(p.SelfUserUS+p.SelfSysUS) * time.Microsecond
	}
	out, err := os.ReadFile(logPath)
	if err != nil {
		return res, err
	}
	res.output = string(out)
	return res, nil
}

// Result lines of the terraform CLI (-no-color).
var (
	reApplied   = regexp.MustCompile(`Apply complete! Resources: (\d+) added, (\d+) changed, (\d+) destroyed\.`)
	reDestroyed = regexp.MustCompile(`Destroy complete! Resources: (\d+) destroyed\.`)
	rePlan      = regexp.MustCompile(`Plan: (\d+) to add, (\d+) to change, (\d+) to destroy\.`)
)

// changes is what a terraform command reported it did or would do.
type changes struct{ add, change, destroy int }

func (c changes) String() string {
	return fmt.Sprintf("%d added, %d changed, %d destroyed", c.add, c.change, c.destroy)
}

// outcome parses the result line of an apply, plan or destroy.
func outcome(op, output string) (changes, error) {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	switch op {
	case "apply":
		if m := reApplied.FindStringSubmatch(output); m != nil {
			return changes{atoi(m[1]), atoi(m[2]), atoi(m[3])}, nil
		}
	case "destroy":
		if m := reDestroyed.FindStringSubmatch(output); m != nil {
			return changes{destroy: atoi(m[1])}, nil
		}
	case "plan":
		if strings.Contains(output, "No changes.") {
			return changes{}, nil
		}
		if m := rePlan.FindStringSubmatch(output); m != nil {
			return changes{atoi(m[1]), atoi(m[2]), atoi(m[3])}, nil
		}
	}
	return changes{}, fmt.Errorf("no result line for %s in the output", op)
}
