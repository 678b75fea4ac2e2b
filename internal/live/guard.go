package live

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
)

// Kind is a kind of JP1 object, named by its resource type.
type Kind string

// The kinds a live run creates, in the order a sweep removes them.
const (
	IMClient            Kind = "jp1_im_client"
	ProxyUser           Kind = "jp1_proxy_user"
	LowerManager        Kind = "jp1_im_lower_manager"
	AnalyticsCredential Kind = "jp1_analytics_credential"
)

// Kinds lists every kind.
var Kinds = []Kind{IMClient, ProxyUser, LowerManager, AnalyticsCredential}

// short is the part of a generated name that says its kind.
var short = map[Kind]string{IMClient: "cl-", ProxyUser: "pu-", LowerManager: "lm-", AnalyticsCredential: "cr-"}

// ErrNotOurs is the error of every call the guard refuses.
var ErrNotOurs = errors.New("refused by the live-test guard")

// Guard decides which objects a live run may touch: those whose name begins
// with its prefix, and the few the user names on purpose.
type Guard struct {
	prefix string
	read   map[key]bool // named by the user: may be read (import plans)
	write  map[key]bool // named by the user: may be added and removed (the lower-manager host)
}

type key struct {
	kind Kind
	name string
}

// NewGuard returns a guard for prefix; it refuses a prefix CheckPrefix refuses.
func NewGuard(prefix string) (*Guard, error) {
	if err := CheckPrefix(prefix); err != nil {
		return nil, err
	}
	return &Guard{prefix: prefix, read: map[key]bool{}, write: map[key]bool{}}, nil
}

// Prefix returns the guard's prefix.
func (g *Guard) Prefix() string { return g.prefix }

// AllowRead lets the run read one object the user named (for a plan that
// imports it). It still may not change or delete it.
func (g *Guard) AllowRead(kind Kind, name string) {
	if name != "" {
		g.read[key{kind, name}] = true
	}
}

// AllowWrite lets the run add and remove one object the user named.
func (g *Guard) AllowWrite(kind Kind, name string) {
	if name != "" {
		g.read[key{kind, name}] = true
		g.write[key{kind, name}] = true
	}
}

// Owns reports whether name carries the prefix (and more than the prefix).
func (g *Guard) Owns(name string) bool {
	return len(name) > len(g.prefix) && strings.HasPrefix(name, g.prefix)
}

// Read returns nil when the run may read the object.
func (g *Guard) Read(kind Kind, name string) error {
	if g.Owns(name) || g.read[key{kind, name}] {
		return nil
	}
	return fmt.Errorf("%w: %s %q does not begin with the prefix %q, and no JP1_LIVE_* variable names it", ErrNotOurs, kind, name, g.prefix)
}

// Write returns nil when the run may create, change or delete the object.
func (g *Guard) Write(kind Kind, name string) error {
	if g.Owns(name) || g.write[key{kind, name}] {
		return nil
	}
	return fmt.Errorf("%w: %s %q does not begin with the prefix %q: a live run never changes or deletes it", ErrNotOurs, kind, name, g.prefix)
}

// Name returns a new prefixed name for an object of kind: the prefix, the
// kind and ten random lowercase letters and digits.
func (g *Guard) Name(kind Kind) string {
	return g.prefix + short[kind] + acctest.RandStringFromCharSet(10, acctest.CharSetAlphaNum)
}
