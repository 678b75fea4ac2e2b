package bench

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Limits of the issue (medians).
const (
	limitApplyWall     = 1.3
	limitDestroyWall   = 1.3
	limitPlanWall      = 1.5
	limitApplyCPU      = 1.5
	limitProxyRatio    = 1.25
	limitProviderRSSMB = 100
)

func (res *Results) comparison(n int, op string) (Comparison, bool) {
	for _, c := range res.Comparisons {
		if c.N == n && c.Op == op {
			return c, true
		}
	}
	return Comparison{}, false
}

func targets(res *Results, cfg Config) []Target {
	var ts []Target
	nMax := slices.Max(cfg.Ns)
	resources := nMax * len(allTypes)
	latencyNote := ""
	if cfg.Latency != 0 {
		latencyNote = fmt.Sprintf("measured with %s latency, the target is for 0 ms", cfg.Latency)
	}
	ratioTarget := func(op, what string, cpu bool, limit float64) {
		c, ok := res.comparison(nMax, op)
		if !ok || c.FloorWallSec == 0 {
			return
		}
		got, mine, floor, unit := c.WallRatio, c.WallSec, c.FloorWallSec, "wall"
		if cpu {
			got, mine, floor, unit = c.CPURatio, c.CPUSec, c.FloorCPUSec, "CPU"
		}
		ts = append(ts, Target{
			Name:     fmt.Sprintf("%s %d resources, %s vs. terraform_data", what, resources, unit),
			Measured: fmt.Sprintf("%.2f × (%.2f s vs. %.2f s)", got, mine, floor),
			Limit:    fmt.Sprintf("≤ %.2f ×", limit),
			Pass:     got <= limit,
			Note:     latencyNote,
		})
	}
	ratioTarget(opApply, "apply", false, limitApplyWall)
	ratioTarget(opDestroy, "destroy", false, limitDestroyWall)
	ratioTarget(opPlan, "plan (no changes)", false, limitPlanWall)
	ratioTarget(opApply, "apply", true, limitApplyCPU)

	for _, n := range cfg.Ns {
		if s, ok := res.find(kindJP1, n, opPlan); ok {
			ts = append(ts, requestTarget(fmt.Sprintf("requests, plan (no changes) of %d of each type", n), s.Requests,
				map[string]int{epLogin: 1, epIMList: 1, epProxyList: 1, epAnalyticsGet: n}, nil,
				fmt.Sprintf("≤ 1 login + 1 IM list + 1 proxy list + %d OA gets", n)))
		}
		if s, ok := res.find(kindJP1, n, opApply); ok {
			ts = append(ts, requestTarget(fmt.Sprintf("requests, apply creating %d of each type", n), s.Requests,
				map[string]int{epLogin: 1, epIMList: 1, epProxyList: 1},
				map[string]int{epIMIssue: n, epProxyAdd: n, epAnalyticsCreate: n},
				fmt.Sprintf("%d issues + %d adds + %d OA creates, ≤ 1 login/list each, no read-after-write", n, n, n)))
		}
	}

	for _, p := range res.Proxy {
		if p.Op != opApply {
			continue
		}
		ts = append(ts, Target{
			Name: fmt.Sprintf("proxyUsers apply of %d users, %g ms latency, %g ms processing, vs. serial limit",
				p.Users, p.LatencyMs, p.ProcessingMs),
			Measured: fmt.Sprintf("%.2f × (%.2f s vs. %.2f s)", p.Ratio, p.WallSec, p.SerialLimitSec),
			Limit:    fmt.Sprintf("≤ %.2f ×", limitProxyRatio),
			Pass:     p.Ratio > 0 && p.Ratio <= limitProxyRatio,
			Note: fmt.Sprintf("%.2f calls per user, %.1f ms per call (latency + processing = %g ms); a client that waits for "+
				"each answer needs ≥ %.2f s = %.2f × the limit",
				p.CallsPerChange, p.PerCallMs, p.LatencyMs+p.ProcessingMs, p.SerialClientSec, ratio(p.SerialClientSec, p.SerialLimitSec)),
		}, Target{
			Name:     fmt.Sprintf("proxyUsers apply of %d users, lock errors", p.Users),
			Measured: fmt.Sprint(p.LockErrors),
			Limit:    "0",
			Pass:     p.LockErrors == 0,
		})
	}

	peak, peakOp := 0.0, ""
	for _, m := range res.Measurements {
		if m.Kind == kindJP1 && m.N == nMax && m.Median.ProviderRSSMB > peak {
			peak, peakOp = m.Median.ProviderRSSMB, m.Op
		}
	}
	if peakOp != "" {
		ts = append(ts, Target{
			Name:     fmt.Sprintf("provider peak RSS, %d resources", resources),
			Measured: fmt.Sprintf("%.1f MB (%s)", peak, opLabel(peakOp)),
			Limit:    fmt.Sprintf("≤ %d MB", limitProviderRSSMB),
			Pass:     peak <= limitProviderRSSMB,
		})
	}
	return ts
}

// requestTarget checks request counts: atMost and exactly name the allowed
// endpoints; the session's logout is allowed and noted; anything else fails.
func requestTarget(name string, req, atMost, exactly map[string]int, limit string) Target {
	pass := true
	var parts, extra []string
	for _, k := range slices.Sorted(maps.Keys(exactly)) {
		if req[k] != exactly[k] {
			pass = false
		}
		parts = append(parts, fmt.Sprintf("%s %d", endpointLabel(k), req[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(atMost)) {
		if req[k] > atMost[k] {
			pass = false
		}
		parts = append(parts, fmt.Sprintf("%s %d", endpointLabel(k), req[k]))
	}
	note := ""
	for _, k := range slices.Sorted(maps.Keys(req)) {
		_, a := atMost[k]
		_, e := exactly[k]
		switch {
		case a || e || req[k] == 0:
		case k == epLogout:
			note = fmt.Sprintf("plus %d logout: the provider ends its IM session when Terraform stops it", req[k])
		default:
			pass = false
			extra = append(extra, fmt.Sprintf("%s %d", endpointLabel(k), req[k]))
		}
	}
	measured := strings.Join(parts, ", ")
	if len(extra) > 0 {
		measured += "; unexpected: " + strings.Join(extra, ", ")
	}
	return Target{Name: name, Measured: measured, Limit: limit, Pass: pass, Note: note}
}
