package live

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// These tests need no JP1: they run in `make test`.

func TestCheckPrefix(t *testing.T) {
	for _, ok := range []string{"tfacc-", "ci_run.", "team-a-", "T1-"} {
		if err := CheckPrefix(ok); err != nil {
			t.Errorf("CheckPrefix(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"", "tfacc", "-", "1abc-", "a b-", "a:b-", "tf*acc-", "MANAGER_", "manager_x-", "AGENT_", "agent_a-",
		strings.Repeat("a", maxPrefixLen) + "-"} {
		if err := CheckPrefix(bad); err == nil {
			t.Errorf("CheckPrefix(%q) = nil, want an error", bad)
		}
	}
	if err := CheckPrefix(""); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("CheckPrefix(\"\") = %v, want it to say the prefix is empty", err)
	}
}

func TestFromEnv(t *testing.T) {
	env := func(kv ...string) func(string) (string, bool) {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	c, err := FromEnv(env())
	if err != nil || c.Enabled || c.Prefix != DefaultPrefix || c.IMConfigured() || c.AnalyticsConfigured() {
		t.Errorf("empty environment: %+v, %v", c, err)
	}
	c, err = FromEnv(env(EnvLive, "1", EnvReadOnly, "true", EnvPrefix, "ci-",
		EnvIMEndpoint, "https://im:20703", EnvIMUsername, "u", EnvIMPassword, " pw with spaces ",
		EnvAnalyticsEndpoint, "https://oa:22016", EnvAnalyticsUsername, "system", EnvAnalyticsPassword, "oa-pw"))
	if err != nil || !c.Enabled || !c.ReadOnly || c.Prefix != "ci-" || !c.IMConfigured() || !c.AnalyticsConfigured() ||
		c.IM.Password != " pw with spaces " {
		t.Errorf("full environment: enabled %v read-only %v prefix %q IM %v OA %v, %v", c.Enabled, c.ReadOnly, c.Prefix,
			c.IMConfigured(), c.AnalyticsConfigured(), err)
	}
	for name, e := range map[string]func(string) (string, bool){
		"empty prefix":               env(EnvLive, "1", EnvPrefix, ""),
		"prefix without a separator": env(EnvPrefix, "tfacc"),
		"host without its secret":    env(EnvLowerManagerHost, "im2.example"),
		"JP1_LIVE not a boolean":     env(EnvLive, "yes please"),
		"endpoint not a URL":         env(EnvIMEndpoint, "im:20703"),
	} {
		if _, err := FromEnv(e); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestGuardNames(t *testing.T) {
	g, err := NewGuard("tfacc-")
	if err != nil {
		t.Fatal(err)
	}
	for name, owned := range map[string]bool{
		"tfacc-cl-abc": true, "tfacc-": false, "tfaccount": false, "x-tfacc-cl-abc": false, "TFACC-cl-abc": false, "": false,
	} {
		if got := g.Owns(name); got != owned {
			t.Errorf("Owns(%q) = %v, want %v", name, got, owned)
		}
	}
	seen := map[string]bool{}
	for _, k := range Kinds {
		n := g.Name(k)
		if !g.Owns(n) || seen[n] || len(n) != len("tfacc-")+3+10 {
			t.Errorf("Name(%s) = %q", k, n)
		}
		seen[n] = true
	}
	if _, err := NewGuard(""); err == nil {
		t.Error("NewGuard(\"\") accepted an empty prefix")
	}
}

// countingServer answers every request with 500 and counts them: a guard
// that refuses must send nothing.
func countingServer(t *testing.T) (*int64, string) {
	var n int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		atomic.AddInt64(&n, 1)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	t.Cleanup(srv.Close)
	return &n, srv.URL
}

func testConfig(url, prefix string) Config {
	return Config{
		Prefix:    prefix,
		IM:        jp1api.IMConfig{Endpoint: url, Username: "jp1admin", Password: "im-secret-pw"},
		Analytics: jp1api.AnalyticsConfig{Endpoint: url, Username: "system", Password: "oa-secret-pw"},
		HTTP:      jp1api.Options{MaxAttempts: 1},
	}
}

// A live test never reads by name, changes or deletes an object without the
// prefix: every call that names one is refused before anything is sent.
func TestGuardRefusesUnprefixedObjects(t *testing.T) {
	requests, url := countingServer(t)
	g, err := NewGuard("tfacc-")
	if err != nil {
		t.Fatal(err)
	}
	g.AllowRead(ProxyUser, "named-by-user") // an import target: read, never changed
	c := NewClients(testConfig(url, "tfacc-"), g)
	ctx := context.Background()
	calls := map[string]func(name string) error{}
	for _, k := range Kinds {
		calls["Exists "+string(k)] = func(name string) error { _, err := c.Exists(ctx, k, name); return err }
		calls["Delete "+string(k)] = func(name string) error { return c.Delete(ctx, k, name) }
	}
	for _, k := range []Kind{IMClient, ProxyUser, LowerManager} {
		calls["Create "+string(k)] = func(name string) error { return c.Create(ctx, k, name, "pw") }
	}
	calls["Credential"] = func(name string) error { _, err := c.Credential(ctx, name); return err }
	calls["CreateCredential"] = func(name string) error {
		_, err := c.CreateCredential(ctx, jp1api.Credential{Name: name, CredentialType: "SSH"})
		return err
	}
	calls["ChangeCredential"] = func(name string) error {
		return c.ChangeCredential(ctx, name, func(cr *jp1api.Credential) {})
	}
	for _, name := range []string{"production-db", "tfacc", "tfacc-", "x-tfacc-cl-1", "TFACC-cl-1", "MANAGER_host"} {
		for call, fn := range calls {
			if err := fn(name); !errors.Is(err, ErrNotOurs) {
				t.Errorf("%s(%q) = %v, want ErrNotOurs", call, name, err)
			}
		}
	}
	for call, fn := range map[string]func(string) error{
		"Delete": func(n string) error { return c.Delete(ctx, ProxyUser, n) },
		"Create": func(n string) error { return c.Create(ctx, ProxyUser, n, "pw") },
	} {
		if err := fn("named-by-user"); !errors.Is(err, ErrNotOurs) {
			t.Errorf("%s of an object named for a read-only import = %v, want ErrNotOurs", call, err)
		}
	}
	if n := atomic.LoadInt64(requests); n != 0 {
		t.Errorf("%d request(s) reached JP1 for refused calls, want 0", n)
	}
	if err := g.Read(ProxyUser, "named-by-user"); err != nil {
		t.Errorf("Read of an object the user named = %v, want nil", err)
	}
}
