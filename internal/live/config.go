package live

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// Environment variables of the live mode. The connection variables are the
// provider's own (internal/provider/provider_env.go): the tests configure the
// provider through them only.
const (
	EnvLive     = "JP1_LIVE"
	EnvReadOnly = "JP1_LIVE_READONLY"
	EnvPrefix   = "JP1_LIVE_PREFIX"
	EnvReport   = "JP1_LIVE_REPORT"

	// The lower-manager test is opt-in: on a real JP1, adding a lower manager
	// needs a real host running JP1/IM Manager, set up with this initial secret.
	EnvLowerManagerHost   = "JP1_LIVE_LOWER_MANAGER_HOST"
	EnvLowerManagerSecret = "JP1_LIVE_LOWER_MANAGER_SECRET"

	// Existing objects the read-only run plans to import (never applied).
	EnvImportClientID       = "JP1_LIVE_IMPORT_CLIENT_ID"
	EnvImportProxyUser      = "JP1_LIVE_IMPORT_PROXY_USER"
	EnvImportCredentialName = "JP1_LIVE_IMPORT_CREDENTIAL_NAME"
	EnvImportLowerManager   = "JP1_LIVE_IMPORT_LOWER_MANAGER"

	EnvIMEndpoint         = "JP1_IM_ENDPOINT"
	EnvIMUsername         = "JP1_IM_USERNAME"
	EnvIMPassword         = "JP1_IM_PASSWORD"
	EnvIMAuthMethod       = "JP1_IM_AUTH_METHOD"
	EnvAnalyticsEndpoint  = "JP1_ANALYTICS_ENDPOINT"
	EnvAnalyticsUsername  = "JP1_ANALYTICS_USERNAME"
	EnvAnalyticsPassword  = "JP1_ANALYTICS_PASSWORD"
	EnvCACertFile         = "JP1_CA_CERT_FILE"
	EnvInsecureSkipVerify = "JP1_INSECURE_SKIP_VERIFY"

	// DefaultPrefix begins every object a live test creates.
	DefaultPrefix = "tfacc-"
	// maxPrefixLen keeps prefixed names within every kind's limits.
	maxPrefixLen = 32
)

// prefixSeparators may end a prefix, so that "tfacc-" never matches
// "tfaccount".
const prefixSeparators = "-_."

// Config is the live mode as the environment sets it.
type Config struct {
	Enabled  bool // JP1_LIVE=1
	ReadOnly bool // JP1_LIVE_READONLY=1
	Prefix   string

	IM        jp1api.IMConfig        // Endpoint "" = not configured
	Analytics jp1api.AnalyticsConfig // Endpoint "" = not configured
	HTTP      jp1api.Options

	LowerManagerHost, LowerManagerSecret string
	ImportClientID, ImportProxyUser      string
	ImportCredentialName                 string
	ImportLowerManager                   string
	ReportFile                           string
}

// IMConfigured says whether the environment gives all three IM settings.
func (c Config) IMConfigured() bool {
	return c.IM.Endpoint != "" && c.IM.Username != "" && c.IM.Password != ""
}

// AnalyticsConfigured says whether the environment gives all three Operations
// Analytics settings.
func (c Config) AnalyticsConfigured() bool {
	return c.Analytics.Endpoint != "" && c.Analytics.Username != "" && c.Analytics.Password != ""
}

// Secrets are the values of the environment that must never be printed.
func (c Config) Secrets() []string {
	var out []string
	for _, s := range []string{c.IM.Password, c.Analytics.Password, c.LowerManagerSecret} {
		if s != "" {
			out = append(out, s)
		}
	}
	// A Basic Authorization header carries Base64("user:password"), which
	// the Base64 of the password alone does not match (Redact encodes each).
	for _, p := range [][2]string{{c.IM.Username, c.IM.Password}, {c.Analytics.Username, c.Analytics.Password}} {
		if p[0] != "" && p[1] != "" {
			out = append(out, p[0]+":"+p[1])
		}
	}
	return out
}

// FromEnv reads the live mode from the environment (lookup is os.LookupEnv
// outside tests). The error names every problem; the prefix is checked even
// when the live mode is off, so a sweeper never runs with a bad one.
func FromEnv(lookup func(string) (string, bool)) (Config, error) {
	get := func(k string) string { v, _ := lookup(k); return strings.TrimSpace(v) }
	raw := func(k string) string { v, _ := lookup(k); return v } // passwords as given
	var problems []error
	flag := func(k string) bool {
		v := get(k)
		if v == "" {
			return false
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s must be 1 or 0 (true or false), got %q", k, v))
		}
		return b
	}
	c := Config{
		Enabled:  flag(EnvLive),
		ReadOnly: flag(EnvReadOnly),
		Prefix:   DefaultPrefix,
		IM: jp1api.IMConfig{Endpoint: get(EnvIMEndpoint), Username: get(EnvIMUsername), Password: raw(EnvIMPassword),
			AuthMethod: get(EnvIMAuthMethod)},
		Analytics:            jp1api.AnalyticsConfig{Endpoint: get(EnvAnalyticsEndpoint), Username: get(EnvAnalyticsUsername), Password: raw(EnvAnalyticsPassword)},
		LowerManagerHost:     get(EnvLowerManagerHost),
		LowerManagerSecret:   raw(EnvLowerManagerSecret),
		ImportClientID:       get(EnvImportClientID),
		ImportProxyUser:      get(EnvImportProxyUser),
		ImportCredentialName: get(EnvImportCredentialName),
		ImportLowerManager:   get(EnvImportLowerManager),
		ReportFile:           get(EnvReport),
		HTTP:                 jp1api.Options{UserAgent: "terraform-provider-jp1-live-tests", RequestTimeout: 30 * time.Second},
	}
	if v, ok := lookup(EnvPrefix); ok {
		c.Prefix = v
	}
	if err := CheckPrefix(c.Prefix); err != nil {
		problems = append(problems, fmt.Errorf("%s: %w", EnvPrefix, err))
	}
	if (c.LowerManagerHost == "") != (c.LowerManagerSecret == "") {
		problems = append(problems, fmt.Errorf("%s and %s go together", EnvLowerManagerHost, EnvLowerManagerSecret))
	}
	if f := get(EnvCACertFile); f != "" {
		pem, err := jp1api.ReadCAFile(f)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s %w", EnvCACertFile, err))
		}
		c.HTTP.ExtraCAs = pem
	}
	c.HTTP.InsecureSkipVerify = flag(EnvInsecureSkipVerify)
	for _, e := range []struct{ name, value string }{{EnvIMEndpoint, c.IM.Endpoint}, {EnvAnalyticsEndpoint, c.Analytics.Endpoint}} {
		if e.value == "" {
			continue
		}
		if u, err := url.Parse(e.value); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			problems = append(problems, fmt.Errorf("%s must be an http:// or https:// URL", e.name))
		}
	}
	return c, errors.Join(problems...)
}

// CheckPrefix refuses a prefix that could name objects a live run did not
// make: empty, not ending with a separator, too long, with characters some
// kind of object refuses, or JP1's own client-ID prefixes.
func CheckPrefix(p string) error {
	switch {
	case p == "":
		return errors.New("the prefix is empty: a sweep would match every object; set it (default " + DefaultPrefix + ")")
	case len(p) > maxPrefixLen:
		return fmt.Errorf("the prefix %q is longer than %d characters", p, maxPrefixLen)
	case !strings.ContainsRune(prefixSeparators, rune(p[len(p)-1])):
		return fmt.Errorf("the prefix %q must end with a separator (one of %q), so that it cannot match a longer word", p, prefixSeparators)
	case !isLetter(p[0]):
		return fmt.Errorf("the prefix %q must begin with a letter", p)
	case jp1api.IsSystemClientID(strings.ToUpper(p)):
		return fmt.Errorf("the prefix %q would match the client IDs JP1/IM registers itself (%s, %s)", p,
			jp1api.ClientIDPrefixAgent, jp1api.ClientIDPrefixManager)
	}
	for i := 0; i < len(p); i++ {
		if b := p[i]; !isLetter(b) && (b < '0' || b > '9') && !strings.ContainsRune(prefixSeparators, rune(b)) {
			return fmt.Errorf("the prefix %q may hold only letters, digits and %q", p, prefixSeparators)
		}
	}
	return nil
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// Endpoint returns an endpoint as the summary shows it: scheme, host and
// port, nothing that could carry a credential.
func Endpoint(raw string) string {
	if raw == "" {
		return "not configured"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(not a URL)"
	}
	return u.Scheme + "://" + u.Host
}
