package bench

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	in := []float64{3, 1, 2}
	median(in)
	if in[0] != 3 {
		t.Error("median sorted its argument")
	}
}

func TestMedianSample(t *testing.T) {
	got := medianSample([]Sample{
		{WallSec: 1, Requests: map[string]int{epLogin: 1, epAnalyticsGet: 10}},
		{WallSec: 9, Requests: map[string]int{epLogin: 2, epAnalyticsGet: 10, epLogout: 1}},
		{WallSec: 2, Requests: map[string]int{epLogin: 1, epAnalyticsGet: 12}},
	})
	if got.WallSec != 2 {
		t.Errorf("wall = %v, want 2", got.WallSec)
	}
	want := map[string]int{epLogin: 1, epAnalyticsGet: 10} // logout's median is 0: left out
	if len(got.Requests) != len(want) || got.Requests[epLogin] != 1 || got.Requests[epAnalyticsGet] != 10 {
		t.Errorf("requests = %v, want %v", got.Requests, want)
	}
}

func TestOutcome(t *testing.T) {
	for _, tc := range []struct {
		op, out string
		want    changes
		ok      bool
	}{
		{"apply", "x\nApply complete! Resources: 900 added, 0 changed, 0 destroyed.\n", changes{add: 900}, true},
		{"apply", "Apply complete! Resources: 20 added, 10 changed, 0 destroyed.", changes{add: 20, change: 10}, true},
		{"destroy", "Destroy complete! Resources: 900 destroyed.", changes{destroy: 900}, true},
		{"plan", "No changes. Your infrastructure matches the configuration.", changes{}, true},
		{"plan", "Plan: 60 to add, 30 to change, 0 to destroy.", changes{add: 60, change: 30}, true},
		{"plan", "Error: boom", changes{}, false},
	} {
		got, err := outcome(tc.op, tc.out)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("outcome(%s, %q) = %v, %v; want %v, ok %v", tc.op, tc.out, got, err, tc.want, tc.ok)
		}
	}
}

func TestRequestTarget(t *testing.T) {
	atMost := map[string]int{epLogin: 1, epIMList: 1, epProxyList: 1, epAnalyticsGet: 3}
	ok := requestTarget("plan", map[string]int{epLogin: 1, epIMList: 1, epProxyList: 1, epAnalyticsGet: 3, epLogout: 1}, atMost, nil, "")
	if !ok.Pass || !strings.Contains(ok.Note, "logout") {
		t.Errorf("plan with the expected requests: %+v", ok)
	}
	extra := requestTarget("plan", map[string]int{epLogin: 1, epAnalyticsGet: 3, epAnalyticsList: 1}, atMost, nil, "")
	if extra.Pass || !strings.Contains(extra.Measured, "OA list 1") {
		t.Errorf("plan with an unexpected list: %+v", extra)
	}
	twice := requestTarget("plan", map[string]int{epLogin: 2, epAnalyticsGet: 3}, atMost, nil, "")
	if twice.Pass {
		t.Errorf("plan with two logins passed: %+v", twice)
	}
	exact := map[string]int{epIMIssue: 2, epProxyAdd: 2, epAnalyticsCreate: 2}
	lists := map[string]int{epLogin: 1, epIMList: 1, epProxyList: 1}
	readBack := requestTarget("apply", map[string]int{epIMIssue: 2, epProxyAdd: 2, epAnalyticsCreate: 2, epAnalyticsGet: 2}, lists, exact, "")
	if readBack.Pass {
		t.Errorf("apply with reads after writes passed: %+v", readBack)
	}
}

func TestTargets(t *testing.T) {
	res := &Results{Measurements: []Measurement{
		{Kind: kindJP1, N: 10, Op: opApply, Median: Sample{WallSec: 1.2, CPUSec: 1.4, ProviderRSSMB: 40,
			Requests: map[string]int{epLogin: 1, epIMIssue: 10, epProxyAdd: 10, epAnalyticsCreate: 10}}},
		{Kind: kindFloor, N: 10, Op: opApply, Median: Sample{WallSec: 1, CPUSec: 1}},
		{Kind: kindProxy, N: 4, Op: opApply, Median: Sample{WallSec: 0.05, Requests: map[string]int{epProxyAdd: 4}}},
	}}
	cfg := Config{Ns: []int{10}, ProxyUsers: 4, ProxyLatency: 5 * time.Millisecond, ProxyUsersProcessing: 10 * time.Millisecond}
	res.compute(cfg)
	byName := map[string]Target{}
	for _, tg := range res.Targets {
		byName[tg.Name] = tg
	}
	if tg := byName["apply 30 resources, wall vs. terraform_data"]; !tg.Pass {
		t.Errorf("apply wall 1.2 × should hold: %+v", tg)
	}
	if tg := byName["apply 30 resources, CPU vs. terraform_data"]; !tg.Pass {
		t.Errorf("apply CPU 1.4 × should hold: %+v", tg)
	}
	if tg := byName["requests, apply creating 10 of each type"]; !tg.Pass {
		t.Errorf("apply requests should hold: %+v", tg)
	}
	// 4 calls × 10 ms = 0.04 s; 0.05 s is 1.25 ×.
	if len(res.Proxy) != 1 || res.Proxy[0].SerialLimitSec != 0.04 {
		t.Fatalf("proxy = %+v", res.Proxy)
	}
	if tg := byName["proxyUsers apply of 4 users, 5 ms latency, 10 ms processing, vs. serial limit"]; !tg.Pass {
		t.Errorf("proxy ratio 1.25 should hold: %+v", tg)
	}
	if tg := byName["provider peak RSS, 30 resources"]; !tg.Pass {
		t.Errorf("RSS 40 MB should hold: %+v", tg)
	}
	if !strings.Contains(res.Markdown(), "| 30 (10 of each) | apply | 1.20 |") {
		t.Errorf("markdown lacks the apply row:\n%s", res.Markdown())
	}
}

func TestUpdateReadme(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	doc := "# B\n\nbefore\n" + readmeBegin + "\nold table\n" + readmeEnd + "\nafter\n"
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := UpdateReadme(path, "| new |\n"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := "# B\n\nbefore\n" + readmeBegin + "\n| new |\n" + readmeEnd + "\nafter\n"
	if string(got) != want {
		t.Errorf("README =\n%s\nwant\n%s", got, want)
	}
	if _, err := replaceBetween([]byte("no markers"), readmeBegin, readmeEnd, "x"); err == nil {
		t.Error("no error without markers")
	}
}

func TestWorkloadHCL(t *testing.T) {
	jp1 := workload{n: 7, types: allTypes}.hcl("http://127.0.0.1:1")
	for _, want := range []string{`resource "jp1_im_client" "c"`, `resource "jp1_proxy_user" "p"`,
		`resource "jp1_analytics_credential" "a"`, "count     = 7", `endpoint = "http://127.0.0.1:1"`} {
		if !strings.Contains(jp1, want) {
			t.Errorf("jp1 configuration lacks %q:\n%s", want, jp1)
		}
	}
	floor := workload{n: 7, types: allTypes, floor: true}.hcl("")
	if strings.Count(floor, `resource "terraform_data"`) != 3 || strings.Contains(floor, "jp1") || !strings.Contains(floor, "count = 7") {
		t.Errorf("floor configuration:\n%s", floor)
	}
}

func TestRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.jsonl")
	if recs, err := readRecords(path); err != nil || recs != nil {
		t.Fatalf("missing file: %v, %v", recs, err)
	}
	for _, r := range []procRecord{{PID: 1, UserUS: 10, MaxRSSKiB: 100}, {PID: 2, SysUS: 5, MaxRSSKiB: 300}} {
		if err := appendRecord(path, r); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := readRecords(path)
	if err != nil || len(recs) != 2 {
		t.Fatalf("records = %v, %v", recs, err)
	}
	run := tfRun{procs: recs}
	if run.providerCPU() != 15*time.Microsecond || run.providerMaxRSSKiB() != 300 {
		t.Errorf("cpu %v, rss %v", run.providerCPU(), run.providerMaxRSSKiB())
	}
}

// Every jp1 operation is set against both floors measured in the same run.
func TestPluginFloorRatios(t *testing.T) {
	res := &Results{Measurements: []Measurement{
		{Kind: kindJP1, N: 10, Op: opApply, Median: Sample{WallSec: 3, CPUSec: 6}},
		{Kind: kindJP1, N: 10, Op: opPlanDrift, Median: Sample{WallSec: 0.9, CPUSec: 1.2}},
		{Kind: kindFloor, N: 10, Op: opApply, Median: Sample{WallSec: 1, CPUSec: 1}},
		{Kind: kindMinimal, N: 10, Op: opApply, Median: Sample{WallSec: 1.5, CPUSec: 2}},
		{Kind: kindMinimal, N: 10, Op: opPlan, Median: Sample{WallSec: 0.3, CPUSec: 0.4}},
	}}
	res.compute(Config{Ns: []int{10}})
	got := map[string]Comparison{}
	for _, c := range res.Comparisons {
		got[c.Op] = c
	}
	if c := got[opApply]; c.WallRatio != 3 || c.PluginWallRatio != 2 || c.PluginCPURatio != 3 {
		t.Errorf("apply: %+v, want 3 × terraform_data, 2 × and 3 × the plugin floor", c)
	}
	if c := got[opPlanDrift]; math.Abs(c.PluginWallRatio-3) > 1e-9 || math.Abs(c.PluginCPURatio-3) > 1e-9 {
		t.Errorf("plan with drift against the no-change plan of the plugin floor: %+v", c)
	}
	md := res.Markdown()
	for _, want := range []string{"| Wall × plugin floor |", "| 30 (10 of each) | apply | 3.00 | 1.00 | 3.00 × | 1.50 | 2.00 × | 6.00 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
