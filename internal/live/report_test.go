package live

import (
	"bytes"
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
