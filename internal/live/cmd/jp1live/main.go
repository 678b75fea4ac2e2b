// Command jp1live is the live mode's tool (see internal/live and
// docs/guides/testing-against-your-jp1.md). It reads JP1 from the same
// environment variables as the provider and the live tests.
//
//	jp1live sweep [-dry-run]     delete every object whose name begins with JP1_LIVE_PREFIX
//	                             (default "tfacc-"): what an interrupted live run left
//	jp1live inventory            print "<type> <name>" for every object JP1 lists (JP1's own
//	                             client IDs left out), sorted: for comparing before and after
//	jp1live check-writes -url U  the standalone fake only: fail when its request counters show
//	                             a write (anything but lists, reads, logins, logouts and versions)
//
// It never prints a secret.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/live"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.LookupEnv, os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, "jp1live:", err)
		os.Exit(1)
	}
}

const usage = "usage: jp1live sweep [-dry-run] | inventory | check-writes -url URL"

func run(ctx context.Context, args []string, lookup func(string) (string, bool), stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	fs := flag.NewFlagSet("jp1live "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch args[0] {
	case "sweep":
		dryRun := fs.Bool("dry-run", false, "list what would be deleted, delete nothing")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		clients, cfg, err := clientsFromEnv(lookup)
		if err != nil {
			return err
		}
		res, err := live.Sweep(ctx, clients, stdout, *dryRun)
		if err != nil {
			return redact(err, cfg)
		}
		if res.Failed > 0 {
			return fmt.Errorf("%d deletions failed", res.Failed)
		}
		return nil
	case "inventory":
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		clients, cfg, err := clientsFromEnv(lookup)
		if err != nil {
			return err
		}
		return redact(inventory(ctx, clients, stdout), cfg)
	case "check-writes":
		url := fs.String("url", "", "base URL of the standalone fake (required)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if *url == "" {
			return errors.New("check-writes needs -url")
		}
		return checkWrites(ctx, *url, stdout)
	}
	return errors.New(usage)
}

// clientsFromEnv builds guarded clients from the environment. The guard has
// no exceptions: the tool never touches an object the user named.
func clientsFromEnv(lookup func(string) (string, bool)) (*live.Clients, live.Config, error) {
	cfg, err := live.FromEnv(lookup)
	if err != nil {
		return nil, cfg, err
	}
	if !cfg.IMConfigured() && !cfg.AnalyticsConfigured() {
		return nil, cfg, fmt.Errorf("neither JP1/IM (%s, %s, %s) nor JP1/Operations Analytics (%s, %s, %s) is configured",
			live.EnvIMEndpoint, live.EnvIMUsername, live.EnvIMPassword,
			live.EnvAnalyticsEndpoint, live.EnvAnalyticsUsername, live.EnvAnalyticsPassword)
	}
	g, err := live.NewGuard(cfg.Prefix)
	if err != nil {
		return nil, cfg, err
	}
	return live.NewClients(cfg, g), cfg, nil
}

func redact(err error, cfg live.Config) error {
	if err == nil {
		return nil
	}
	return errors.New(live.Redact(err.Error(), cfg.Secrets()))
}

// inventory prints every object of every configured product, sorted.
func inventory(ctx context.Context, c *live.Clients, out io.Writer) error {
	var lines []string
	for _, kind := range live.Kinds {
		names, err := c.List(ctx, kind)
		if errors.Is(err, live.ErrNotConfigured) {
			continue
		}
		if err != nil {
			return fmt.Errorf("listing %s: %w", kind, err)
		}
		for _, n := range names {
			if kind == live.IMClient && jp1api.IsSystemClientID(n) {
				continue
			}
			lines = append(lines, string(kind)+" "+n)
		}
	}
	slices.Sort(lines)
	for _, l := range lines {
		if _, err := fmt.Fprintln(out, l); err != nil {
			return err
		}
	}
	return nil
}

// checkWrites reads the standalone fake's counters and fails when a write
// endpoint was called.
func checkWrites(ctx context.Context, base string, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+"/_fake/counts", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /_fake/counts: HTTP %d", resp.StatusCode)
	}
	var counts map[string]int
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&counts); err != nil {
		return fmt.Errorf("GET /_fake/counts: %w", err)
	}
	reads, writes := 0, fakejp1.WriteCounts(counts)
	for k, n := range counts {
		if !fakejp1.IsWriteEndpoint(k) {
			reads += n
		}
	}
	total := 0
	keys := make([]string, 0, len(writes))
	for k, n := range writes {
		keys = append(keys, k)
		total += n
	}
	slices.Sort(keys)
	fmt.Fprintf(out, "check-writes: %d read requests (lists, reads, logins, logouts, versions), %d write requests\n", reads, total)
	for _, k := range keys {
		fmt.Fprintf(out, "  %-48s %6d\n", k, writes[k])
	}
	if total > 0 {
		return fmt.Errorf("%d write requests where none were expected", total)
	}
	return nil
}
