package live

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/jp1api"
)

// These tests need no JP1: the fake stands in for it, reached only through
// the API (as in a live run), except for the AGENT_ ID, which JP1/IM
// registers itself and the API cannot make.

// seed makes, through the API, one object of each kind named name, with a
// secret derived from it.
func seed(t *testing.T, url string, names ...string) {
	t.Helper()
	ctx := context.Background()
	h := jp1api.NewHTTP(jp1api.Options{})
	im := jp1api.NewIMClient(h, jp1api.IMConfig{Endpoint: url, Username: fakejp1.IMAdminUser, Password: fakejp1.IMAdminPassword})
	defer im.Close(ctx)
	oa := jp1api.NewAnalyticsClient(h, jp1api.AnalyticsConfig{Endpoint: url, Username: fakejp1.AnalyticsAdminUser, Password: fakejp1.AnalyticsAdminPassword})
	for _, n := range names {
		pw := "Seed-Secret-" + n
		if _, err := im.IssueClientSecret(ctx, n); err != nil {
			t.Fatal(err)
		}
		if err := im.CreateProxyUser(ctx, n, pw); err != nil {
			t.Fatal(err)
		}
		if err := im.RegisterLowerManager(ctx, n+".example", pw); err != nil {
			t.Fatal(err)
		}
		if _, err := oa.CreateCredential(ctx, jp1api.Credential{Name: n, CredentialType: "SSH", UserID: new("u"), Password: new(pw)}); err != nil {
			t.Fatal(err)
		}
	}
}

// holdings is every object the fake holds, as "<kind> <name>".
func holdings(fake *fakejp1.Server) []string {
	var out []string
	for _, id := range fake.IMClientIDs() {
		out = append(out, "client "+id)
	}
	for u := range fake.ProxyUsers() {
		out = append(out, "proxy "+u)
	}
	for _, h := range fake.LowerManagers() {
		out = append(out, "lm "+h)
	}
	for _, c := range fake.Credentials() {
		out = append(out, "cred "+c.Name)
	}
	slices.Sort(out)
	return out
}

// startTestFake is fakejp1test.Start with proxy-user changes taking no time.
func startTestFake(t *testing.T) (*fakejp1.Server, string) {
	t.Helper()
	fake, url := fakejp1test.Start(t)
	fake.SetProxyProcessingTime(0)
	return fake, url
}

func fakeConfig(url, prefix string) Config {
	return Config{
		Prefix:    prefix,
		IM:        jp1api.IMConfig{Endpoint: url, Username: fakejp1.IMAdminUser, Password: fakejp1.IMAdminPassword},
		Analytics: jp1api.AnalyticsConfig{Endpoint: url, Username: fakejp1.AnalyticsAdminUser, Password: fakejp1.AnalyticsAdminPassword},
		HTTP:      jp1api.Options{MaxAttempts: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond},
	}
}

// The sweep lists first, then deletes every prefixed object of every kind
// and leaves everything else: unprefixed objects, names that contain the
// prefix elsewhere, JP1's own client IDs, and the lower manager the user
// named. It prints what it removes and never a secret. A dry run deletes nothing.
func TestSweepDeletesOnlyPrefixedObjects(t *testing.T) {
	fake, url := startTestFake(t)
	ours := []string{"tfacc-cl-a1", "tfacc-pu-b2"}
	others := []string{"production", "x-tfacc-cl-c3", "tfaccount", "TFACC-cl-d4"}
	seed(t, url, append(slices.Clone(ours), others...)...)
	fake.PutIMClient("AGENT_tfacc-host")
	cfg := fakeConfig(url, "tfacc-")
	cfg.LowerManagerHost = "production.example"
	g, err := NewGuard("tfacc-")
	if err != nil {
		t.Fatal(err)
	}
	g.AllowWrite(LowerManager, cfg.LowerManagerHost) // a live test's exception: never the sweep's
	c := NewClients(cfg, g)
	before := holdings(fake)

	var dry bytes.Buffer
	res, err := Sweep(context.Background(), c, &dry, true)
	if err != nil || res.Deleted != 8 || res.Failed != 0 || !slices.Equal(holdings(fake), before) {
		t.Fatalf("dry run: %+v, %v; the fake changed: %v", res, err, !slices.Equal(holdings(fake), before))
	}
	if !strings.Contains(dry.String(), "would delete tfacc-pu-b2") {
		t.Errorf("dry run output:\n%s", dry.String())
	}

	var out bytes.Buffer
	res, err = Sweep(context.Background(), c, &out, false)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, h := range before {
		if !strings.Contains(h, " tfacc-") {
			want = append(want, h)
		}
	}
	if got := holdings(fake); !slices.Equal(got, want) {
		t.Errorf("after the sweep the fake holds\n%v\nwant\n%v", got, want)
	}
	if res.Deleted != 8 || res.Failed != 0 || res.Kept != len(want) {
		t.Errorf("result %+v, want 8 deleted, %d kept", res, len(want))
	}
	text := out.String()
	for _, line := range []string{
		"jp1_analytics_credential deleted tfacc-cl-a1 (instanceID ",
		"jp1_proxy_user           deleted tfacc-pu-b2",
		"jp1_im_client            deleted tfacc-cl-a1",
		"jp1_im_lower_manager     deleted tfacc-pu-b2.example",
		"production.example is registered and left alone",
		"sweep: 8 deleted, 0 failed",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("output lacks %q:\n%s", line, text)
		}
	}
	// (The fake's Analytics password, "manager", is a word of the output: not checked.)
	// Redact hides every form of a secret (as is, JSON-escaped, Base64, the
	// Basic pair): the output must hold none of them.
	secrets := []string{"Seed-Secret", fakejp1.IMAdminPassword, fakejp1.IMAdminUser + ":" + fakejp1.IMAdminPassword,
		fakejp1.AnalyticsAdminUser + ":" + fakejp1.AnalyticsAdminPassword}
	if Redact(text, secrets) != text {
		t.Errorf("the output holds a secret, in some form:\n%s", Redact(text, secrets))
	}
	// A second sweep finds nothing.
	out.Reset()
	if res, err := Sweep(context.Background(), c, &out, false); err != nil || res.Deleted != 0 {
		t.Errorf("second sweep: %+v, %v\n%s", res, err, out.String())
	}
}

// The sweep refuses to run without a prefix (or with one CheckPrefix
// refuses), before it sends anything.
func TestSweepRefusesWithoutPrefix(t *testing.T) {
	requests, url := countingServer(t)
	for _, prefix := range []string{"", "tfacc", "MANAGER_"} {
		c := NewClients(testConfig(url, prefix), &Guard{prefix: prefix})
		var out bytes.Buffer
		if _, err := Sweep(context.Background(), c, &out, false); err == nil || !strings.Contains(err.Error(), "sweep refused") {
			t.Errorf("Sweep with prefix %q: %v, want a refusal", prefix, err)
		}
	}
	if _, err := Sweep(context.Background(), nil, &bytes.Buffer{}, false); err == nil {
		t.Error("Sweep without clients: no error")
	}
	if n := atomic.LoadInt64(requests); n != 0 {
		t.Errorf("%d request(s) sent by a refused sweep", n)
	}
}

// A product that is not configured is skipped, saying so.
func TestSweepSkipsUnconfiguredProducts(t *testing.T) {
	fake, url := startTestFake(t)
	seed(t, url, "tfacc-cl-x")
	cfg := fakeConfig(url, "tfacc-")
	cfg.IM = jp1api.IMConfig{}
	g, _ := NewGuard("tfacc-")
	var out bytes.Buffer
	res, err := Sweep(context.Background(), NewClients(cfg, g), &out, false)
	if err != nil || res.Deleted != 1 || len(fake.Credentials()) != 0 || len(fake.IMClientIDs()) != 1 {
		t.Errorf("%+v, %v; credentials %d, IM clients %d", res, err, len(fake.Credentials()), len(fake.IMClientIDs()))
	}
	if !strings.Contains(out.String(), "jp1_proxy_user           skipped: JP1/IM is not configured") {
		t.Errorf("output:\n%s", out.String())
	}
}

// A drift change through the clients cannot rename a credential away from
// the prefix: it is refused before the PUT.
func TestChangeCredentialKeepsThePrefix(t *testing.T) {
	fake, url := startTestFake(t)
	seed(t, url, "tfacc-cr-1")
	g, _ := NewGuard("tfacc-")
	c := NewClients(fakeConfig(url, "tfacc-"), g)
	fake.ResetCounts()
	err := c.ChangeCredential(context.Background(), "tfacc-cr-1", func(cr *jp1api.Credential) { cr.Name = "production" })
	if err == nil || !strings.Contains(err.Error(), "refused by the live-test guard") {
		t.Errorf("rename to an unprefixed name: %v", err)
	}
	if n := fake.Count("PUT /Analytics/v1/objects/Credentials/{id}"); n != 0 {
		t.Errorf("%d PUT request(s), want 0", n)
	}
}
