package live

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// SweepResult counts what a sweep did.
type SweepResult struct {
	Deleted int // prefixed objects deleted (or, in a dry run, that would be)
	Failed  int // prefixed objects whose deletion failed
	Kept    int // objects without the prefix, left alone
}

// sweepOrder removes what uses other objects first.
var sweepOrder = []Kind{AnalyticsCredential, ProxyUser, IMClient, LowerManager}

// Sweep deletes every object of every kind whose name begins with the
// clients' prefix, and nothing else: what an interrupted live run left. It
// lists each kind first and prints one line per object it deletes (kind and
// name, never a secret), then a total. A product the environment does not
// configure is skipped with a line saying so. With dryRun it only prints.
// It refuses to run with a prefix CheckPrefix refuses; the exceptions a
// guard may hold (objects the user names) never apply to a sweep.
func Sweep(ctx context.Context, c *Clients, out io.Writer, dryRun bool) (SweepResult, error) {
	var res SweepResult
	if c == nil || c.guard == nil {
		return res, errors.New("sweep: no guard")
	}
	prefix := c.guard.prefix
	if err := CheckPrefix(prefix); err != nil {
		return res, fmt.Errorf("sweep refused: %w", err)
	}
	verb := "deleted"
	if dryRun {
		verb = "would delete"
	}
	fmt.Fprintf(out, "sweep: objects whose name begins with %q (IM %s, Analytics %s)\n", prefix,
		Endpoint(c.cfg.IM.Endpoint), Endpoint(c.cfg.Analytics.Endpoint))
	var errs []error
	for _, kind := range sweepOrder {
		names, credentials, err := c.sweepList(ctx, kind)
		if errors.Is(err, ErrNotConfigured) {
			fmt.Fprintf(out, "  %-24s skipped: %v\n", kind, err)
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("listing %s: %w", kind, err))
			fmt.Fprintf(out, "  %-24s cannot list: %v\n", kind, err)
			continue
		}
		for i, name := range names {
			// Owns, not Write: a sweep never uses the guard's exceptions.
			if !c.guard.Owns(name) || kind == IMClient && jp1api.IsSystemClientID(name) {
				res.Kept++
				if kind == LowerManager && name == c.cfg.LowerManagerHost {
					fmt.Fprintf(out, "  %-24s %s is registered and left alone: it is %s, not prefixed; "+
						"remove it by hand if a live run left it\n", kind, name, EnvLowerManagerHost)
				}
				continue
			}
			label := name
			if kind == AnalyticsCredential {
				label = fmt.Sprintf("%s (instanceID %d, %s)", name, credentials[i].InstanceID, credentials[i].CredentialType)
			}
			if dryRun {
				res.Deleted++
				fmt.Fprintf(out, "  %-24s %s %s\n", kind, verb, label)
				continue
			}
			if err := c.sweepDelete(ctx, kind, name, credentials, i); err != nil {
				res.Failed++
				errs = append(errs, fmt.Errorf("deleting %s %q: %w", kind, name, err))
				fmt.Fprintf(out, "  %-24s FAILED to delete %s: %v\n", kind, label, err)
				continue
			}
			res.Deleted++
			fmt.Fprintf(out, "  %-24s %s %s\n", kind, verb, label)
		}
	}
	fmt.Fprintf(out, "sweep: %d %s, %d failed, %d without the prefix left alone\n", res.Deleted, verb, res.Failed, res.Kept)
	return res, errors.Join(errs...)
}

// sweepList lists kind; for credentials it also returns them, index for
// index with the names (two credentials may not share a name, but the sweep
// deletes by instanceID, as listed).
func (c *Clients) sweepList(ctx context.Context, kind Kind) ([]string, []jp1api.Credential, error) {
	if kind != AnalyticsCredential {
		names, err := c.List(ctx, kind)
		slices.Sort(names)
		return names, nil, err
	}
	all, err := c.credentials(ctx)
	names := make([]string, len(all))
	for i, cr := range all {
		names[i] = cr.Name
	}
	return names, all, err
}

func (c *Clients) sweepDelete(ctx context.Context, kind Kind, name string, credentials []jp1api.Credential, i int) error {
	if kind == AnalyticsCredential {
		return c.deleteCredential(ctx, credentials[i])
	}
	return c.Delete(ctx, kind, name)
}
