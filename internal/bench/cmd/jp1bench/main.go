// Command jp1bench measures the jp1 provider against the terraform_data floor
// and JP1's serial proxyUsers limit (make bench). See internal/bench/README.md.
//
// It prints the tables as Markdown, writes the figures as JSON and can put
// the tables into the README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/bench"
)

func main() {
	// Terraform starts this binary as the provider (through dev_overrides) to
	// measure the real provider process it wraps.
	if code, wrapped := bench.MaybeRunAsProviderWrapper(); wrapped {
		os.Exit(code)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "jp1bench:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("jp1bench", flag.ContinueOnError)
	ns := fs.String("n", "100,300", "resources of each type (jp1_im_client, jp1_proxy_user, jp1_analytics_credential), comma-separated")
	repeats := fs.Int("repeats", 3, "runs of every measurement; the report gives medians")
	latency := fs.Duration("latency", 0, "fake JP1 latency of the N scenarios")
	processing := fs.Duration("proxy-processing", 0, "fake proxyUsers processing time of the N scenarios")
	proxyUsers := fs.Int("proxy-users", 200, "proxy users of the serial-limit scenario (0 skips it)")
	proxyLatency := fs.Duration("proxy-latency", 5*time.Millisecond, "fake JP1 latency of the serial-limit scenario")
	proxyProcessing := fs.Duration("proxy-users-processing", 5*time.Millisecond, "proxyUsers processing time of the serial-limit scenario")
	parallelism := fs.Int("parallelism", 0, "terraform -parallelism (0: Terraform's default, 10)")
	terraform := fs.String("terraform", "", "terraform binary (default: terraform on PATH; never downloaded)")
	jsonPath := fs.String("json", "", "write the figures as JSON to this file")
	readme := fs.String("readme", "", "replace the result block of this README with the tables")
	workDir := fs.String("work-dir", "", "keep builds, terraform logs and rusage records here (default: a temporary folder, removed)")
	profileDir := fs.String("profile-dir", "", "build the provider with pprof and write CPU and heap profiles of every provider process here")
	providerEnv := fs.String("provider-env", "", "extra KEY=VALUE settings, comma-separated, for the provider processes only (experiments; noted in the report)")
	noop := fs.Bool("noop", false, "also measure the jp1 schemas served by a provider that does nothing (diagnosis: Terraform + framework without the provider's code)")
	timeout := fs.Duration("timeout", 10*time.Minute, "time limit of one terraform command")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	cfg := bench.Config{
		Repeats: *repeats, Latency: *latency, ProxyProcessing: *processing,
		ProxyUsers: *proxyUsers, ProxyLatency: *proxyLatency, ProxyUsersProcessing: *proxyProcessing,
		Parallelism: *parallelism, Terraform: *terraform, Timeout: *timeout, Noop: *noop, Log: os.Stderr,
	}
	if *providerEnv != "" {
		for _, kv := range strings.Split(*providerEnv, ",") {
			if !strings.Contains(kv, "=") {
				return fmt.Errorf("-provider-env: %q is not KEY=VALUE", kv)
			}
			cfg.ProviderEnv = append(cfg.ProviderEnv, strings.TrimSpace(kv))
		}
	}
	for _, f := range strings.Split(*ns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-n: %q is not a positive number", f)
		}
		cfg.Ns = append(cfg.Ns, n)
	}
	if cfg.Terraform == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			return errors.New("no terraform on PATH: install Terraform >= 1.11 (the benchmark never downloads it)")
		}
		cfg.Terraform = p
	}
	mod, err := moduleDir(ctx)
	if err != nil {
		return err
	}
	cfg.ModuleDir = mod
	for _, d := range []*string{workDir, profileDir} {
		if *d == "" {
			continue
		}
		abs, err := filepath.Abs(*d)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(abs, 0o755); err != nil {
			return err
		}
		*d = abs
	}
	cfg.WorkDir, cfg.ProfileDir = *workDir, *profileDir

	res, err := bench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	table := res.Markdown()
	fmt.Println(table)
	if *jsonPath != "" {
		if err := res.WriteJSON(*jsonPath); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "jp1bench: wrote", *jsonPath)
	}
	if *readme != "" {
		if err := bench.UpdateReadme(*readme, table); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "jp1bench: updated", *readme)
	}
	return nil
}

// moduleDir is the root of the provider's module (for go build).
func moduleDir(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run jp1bench inside the provider's module (make bench)")
	}
	return filepath.Dir(mod), nil
}
