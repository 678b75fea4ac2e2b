package live

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// Clients is the live tests' own way into JP1, behind Terraform's back: to
// make the objects a test needs, to change them as another administrator
// would (drift), and to check what JP1 holds. Every call that names an object
// asks the Guard first and sends nothing when it refuses.
type Clients struct {
	guard *Guard
	cfg   Config
	h     *jp1api.HTTP
	oa    *jp1api.AnalyticsClient
}

// ErrNotConfigured is returned for a product the environment does not configure.
var ErrNotConfigured = errors.New("not configured")

// NewClients builds the clients from cfg (the same environment the provider
// reads), guarded by g.
func NewClients(cfg Config, g *Guard) *Clients {
	c := &Clients{guard: g, cfg: cfg, h: jp1api.NewHTTP(cfg.HTTP)}
	if cfg.AnalyticsConfigured() {
		c.oa = jp1api.NewAnalyticsClient(c.h, cfg.Analytics)
	}
	return c
}

// Guard returns the clients' guard.
func (c *Clients) Guard() *Guard { return c.guard }

// im runs fn with an IM client of its own, logged out afterwards. The IM
// client caches its lists until it writes, and Terraform changes JP1 through
// other clients meanwhile, so a cached list would be stale: each call starts
// afresh.
func (c *Clients) im(ctx context.Context, fn func(*jp1api.IMClient) error) error {
	if !c.cfg.IMConfigured() {
		return fmt.Errorf("JP1/IM is %w (%s, %s, %s)", ErrNotConfigured, EnvIMEndpoint, EnvIMUsername, EnvIMPassword)
	}
	cl := jp1api.NewIMClient(c.h, c.cfg.IM)
	err := fn(cl)
	if cerr := cl.Close(ctx); err == nil && cerr != nil {
		err = fmt.Errorf("IM logout: %w", cerr)
	}
	return err
}

func (c *Clients) analytics() (*jp1api.AnalyticsClient, error) {
	if c.oa == nil {
		return nil, fmt.Errorf("JP1/Operations Analytics is %w (%s, %s, %s)", ErrNotConfigured,
			EnvAnalyticsEndpoint, EnvAnalyticsUsername, EnvAnalyticsPassword)
	}
	return c.oa, nil
}

// List returns every name of kind that JP1 lists (the lists cannot be
// filtered; callers look at the names the guard lets them). IM client IDs
// include JP1's own (AGENT_, MANAGER_).
func (c *Clients) List(ctx context.Context, kind Kind) ([]string, error) {
	var names []string
	var err error
	switch kind {
	case IMClient:
		err = c.im(ctx, func(im *jp1api.IMClient) error { names, err = im.ListClientIDs(ctx); return err })
	case ProxyUser:
		err = c.im(ctx, func(im *jp1api.IMClient) error { names, err = im.ListProxyUsers(ctx); return err })
	case LowerManager:
		err = c.im(ctx, func(im *jp1api.IMClient) error { names, err = im.ListLowerManagers(ctx); return err })
	case AnalyticsCredential:
		var all []jp1api.Credential
		all, err = c.credentials(ctx)
		for _, cr := range all {
			names = append(names, cr.Name)
		}
	default:
		err = fmt.Errorf("unknown kind %q", kind)
	}
	return names, err
}

// Exists says whether JP1 lists the object, which the guard must let the run read.
func (c *Clients) Exists(ctx context.Context, kind Kind, name string) (bool, error) {
	if err := c.guard.Read(kind, name); err != nil {
		return false, err
	}
	names, err := c.List(ctx, kind)
	return slices.Contains(names, name), err
}

// Create makes an object of an IM kind: an IM client ID (its secret is
// dropped: nobody uses it), a proxy user with secret as its password, or a
// lower manager with secret as its initial secret. Credentials have
// CreateCredential.
func (c *Clients) Create(ctx context.Context, kind Kind, name, secret string) error {
	if err := c.guard.Write(kind, name); err != nil {
		return err
	}
	return c.im(ctx, func(im *jp1api.IMClient) error {
		switch kind {
		case IMClient:
			_, err := im.IssueClientSecret(ctx, name)
			return err
		case ProxyUser:
			return im.CreateProxyUser(ctx, name, secret)
		case LowerManager:
			return im.RegisterLowerManager(ctx, name, secret)
		}
		return fmt.Errorf("Create: use CreateCredential for %s", kind)
	})
}

// Delete removes an object. A credential is found by name first.
func (c *Clients) Delete(ctx context.Context, kind Kind, name string) error {
	if err := c.guard.Write(kind, name); err != nil {
		return err
	}
	switch kind {
	case AnalyticsCredential:
		cr, err := c.Credential(ctx, name)
		if err != nil {
			return err
		}
		return c.deleteCredential(ctx, *cr)
	case IMClient:
		return c.im(ctx, func(im *jp1api.IMClient) error { return im.DeleteClientSecret(ctx, name) })
	case ProxyUser:
		return c.im(ctx, func(im *jp1api.IMClient) error { return im.RemoveProxyUser(ctx, name) })
	case LowerManager:
		return c.im(ctx, func(im *jp1api.IMClient) error { _, err := im.DeleteLowerManager(ctx, name); return err })
	}
	return fmt.Errorf("unknown kind %q", kind)
}

// deleteCredential deletes a credential as listed, if the guard lets it.
func (c *Clients) deleteCredential(ctx context.Context, cr jp1api.Credential) error {
	if err := c.guard.Write(AnalyticsCredential, cr.Name); err != nil {
		return err
	}
	oa, err := c.analytics()
	if err != nil {
		return err
	}
	return oa.DeleteCredential(ctx, cr.InstanceID)
}

func (c *Clients) credentials(ctx context.Context) ([]jp1api.Credential, error) {
	oa, err := c.analytics()
	if err != nil {
		return nil, err
	}
	return oa.ListCredentials(ctx)
}

// Credential returns the credential named name.
func (c *Clients) Credential(ctx context.Context, name string) (*jp1api.Credential, error) {
	if err := c.guard.Read(AnalyticsCredential, name); err != nil {
		return nil, err
	}
	oa, err := c.analytics()
	if err != nil {
		return nil, err
	}
	return oa.FindCredentialByName(ctx, name)
}

// CreateCredential creates cr.
func (c *Clients) CreateCredential(ctx context.Context, cr jp1api.Credential) (*jp1api.Credential, error) {
	if err := c.guard.Write(AnalyticsCredential, cr.Name); err != nil {
		return nil, err
	}
	oa, err := c.analytics()
	if err != nil {
		return nil, err
	}
	return oa.CreateCredential(ctx, cr)
}

// ChangeCredential changes the credential named name as another
// administrator would: it reads it, lets change alter its members (never a
// secret: they are not read back and stay unchanged) and puts it back.
func (c *Clients) ChangeCredential(ctx context.Context, name string, change func(*jp1api.Credential)) error {
	if err := c.guard.Write(AnalyticsCredential, name); err != nil {
		return err
	}
	cr, err := c.Credential(ctx, name)
	if err != nil {
		return err
	}
	id := cr.InstanceID
	change(cr)
	if err := c.guard.Write(AnalyticsCredential, cr.Name); err != nil {
		return err
	}
	cr.Password, cr.RootPassword, cr.AuthenticationPassphrase, cr.PrivacyPassphrase = nil, nil, nil, nil
	if strings.EqualFold(cr.CredentialType, "SNMP") {
		cr.UserID = nil // JP1 reports an SNMP credential's userName as its userId, and refuses it in a PUT
	}
	_, err = c.oa.UpdateCredential(ctx, id, *cr)
	return err
}

// Versions returns what each configured product reports as its version
// (nil for a product not configured).
func (c *Clients) Versions(ctx context.Context) (im, analytics map[string]any, err error) {
	var errs []error
	if c.cfg.IMConfigured() {
		err := c.im(ctx, func(cl *jp1api.IMClient) error { var err error; im, err = cl.Version(ctx); return err })
		if err != nil {
			errs = append(errs, fmt.Errorf("JP1/IM version: %w", err))
		}
	}
	if c.oa != nil {
		var err error
		if analytics, err = c.oa.Version(ctx); err != nil {
			errs = append(errs, fmt.Errorf("JP1/Operations Analytics version: %w", err))
		}
	}
	return im, analytics, errors.Join(errs...)
}
