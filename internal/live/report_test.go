package live

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The summary counts the results, names each test and why it skipped, shows
// the versions JP1 reported, and prints no secret wherever it appears.
func TestSummaryCountsAndHidesSecrets(t *testing.T) {
	var rec Recorder
	rec.Record(Outcome{Test: "TestLive_b", Result: Failed, Duration: 1500 * time.Millisecond})
	rec.Record(Outcome{Test: "TestLive_a", Result: Passed, Duration: time.Second})
	rec.Record(Outcome{Test: "TestLive_c", Result: Skipped, Reason: "read-only run"})
	s := Summary{
		Started: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Mode: "read-write", Prefix: "tfacc-",
		Terraform: "Terraform 1.11.4", Provider: "dev", IMEndpoint: Endpoint("https://user:pw@im.example:20703/x"),
		AnalyticsEnd: Endpoint(""),
		IMVersion:    map[string]any{"productVersion": "13-50", "productName": "JP1/IM", "echo": "hunter2-longer"},
		VersionError: "JP1/Operations Analytics version: refused hunter2",
		Outcomes:     rec.Outcomes(),
	}
	var b bytes.Buffer
	if err := s.Write(&b, []string{"hunter2", "hunter2-longer"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"3 ran", // not: skipped tests did not run
	} {
		if strings.Contains(out, want) {
			t.Errorf("summary says %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"2 ran: 1 passed, 1 failed; 1 skipped",
		"JP1/IM:    https://im.example:20703 (echo=***, productName=JP1/IM, productVersion=13-50)",
		"JP1/OA:    not configured",
		"PASS TestLive_a (1.0s)\n    FAIL TestLive_b (1.5s)\n    SKIP TestLive_c: read-only run",
		"refused ***",
		`object prefix "tfacc-"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hunter2") || strings.Contains(out, "user:pw") {
		t.Errorf("summary holds a secret:\n%s", out)
	}
}

func TestRedactLongestFirst(t *testing.T) {
	if got := Redact("a=abc b=ab", []string{"ab", "abc", ""}); got != "a=*** b=***" {
		t.Errorf("Redact = %q", got)
	}
}

// A secret is hidden in the forms errors and dumps hold it in too: JSON- or
// Go-escaped, Base64 (a Basic Authorization header: Base64 of "user:password",
// which Config.Secrets lists).
func TestRedactEncodedForms(t *testing.T) {
	const pw = `p"w\\d+/?é`
	cfg := Config{}
	cfg.IM.Username, cfg.IM.Password = "jp1admin", pw
	secrets := cfg.Secrets()
	for name, in := range map[string]string{
		"json":      string(must(json.Marshal(map[string]string{"password": pw}))),
		"go-quoted": strconv.Quote(pw),
		"base64":    base64.StdEncoding.EncodeToString([]byte(pw)),
		"base64url": base64.RawURLEncoding.EncodeToString([]byte(pw)),
		"basic":     "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("jp1admin:"+pw)),
	} {
		got := Redact(in, secrets)
		if !strings.Contains(got, "***") {
			t.Errorf("%s: Redact(%q) = %q, want the secret hidden", name, in, got)
		}
		for _, form := range secretForms(pw) {
			if strings.Contains(got, form) {
				t.Errorf("%s: Redact(%q) = %q still holds %q", name, in, got, form)
			}
		}
		if name == "basic" && strings.Contains(got, base64.StdEncoding.EncodeToString([]byte("jp1admin:"+pw))) {
			t.Errorf("basic: Redact left the Authorization value: %q", got)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
