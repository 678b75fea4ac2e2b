package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
)

// README markers around the generated table.
const (
	readmeBegin = "<!-- bench-results:begin -->"
	readmeEnd   = "<!-- bench-results:end -->"
)

var endpointLabels = map[string]string{
	epLogin:           "login",
	epLogout:          "logout",
	epIMList:          "IM list",
	epIMIssue:         "IM issue",
	epIMDelete:        "IM delete",
	epProxyList:       "proxy list",
	epProxyAdd:        "proxy add",
	epProxyRm:         "proxy rm",
	epAnalyticsGet:    "OA get",
	epAnalyticsList:   "OA list",
	epAnalyticsCreate: "OA create",
	epAnalyticsUpdate: "OA update",
	epAnalyticsDelete: "OA delete",
}

// endpointColumns is the column order of the requests table.
var endpointColumns = []string{epLogin, epLogout, epIMList, epIMIssue, epIMDelete,
	epProxyList, epProxyAdd, epProxyRm, epAnalyticsGet, epAnalyticsList, epAnalyticsCreate, epAnalyticsUpdate, epAnalyticsDelete}

func endpointLabel(k string) string {
	if l, ok := endpointLabels[k]; ok {
		return l
	}
	return k
}

func opLabel(op string) string {
	switch op {
	case opPlan:
		return "plan, no changes"
	case opPlanDrift:
		return "plan, 10 % changed"
	}
	return op
}

func f2(x float64) string {
	if x == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", x)
}

func ratioCell(x float64) string {
	if x == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f ×", x)
}

// Markdown renders the results as the tables of the README.
func (res *Results) Markdown() string {
	var b strings.Builder
	m, s := res.Machine, res.Settings
	fmt.Fprintf(&b, "Measured %s on %d CPUs (%s), %s %s, %s, %s; medians of %d runs; the whole run took %.1f min.\n",
		res.Started.Format("2006-01-02 15:04 UTC"), m.CPUs, orDash(m.CPUModel), m.OS, m.Kernel, m.Go, orDash(m.Terraform),
		s.Repeats, res.DurationSec/60)
	fmt.Fprintf(&b, "Fake JP1 of the N scenarios: %g ms latency, %g ms proxyUsers processing.", s.LatencyMs, s.ProxyProcessingMs)
	if len(s.ProviderEnv) > 0 {
		fmt.Fprintf(&b, " **Experiment**: the provider ran with %s.", strings.Join(s.ProviderEnv, ", "))
	}
	if s.Profiled {
		b.WriteString(" **Profiled run** (provider built with pprof): times are not comparable.")
	}
	b.WriteString("\n\n")

	b.WriteString("**Provider against the terraform_data floor and the plugin floor**\n\n")
	b.WriteString("| Resources | Operation | Wall s | terraform_data wall s | Wall × terraform_data | Plugin floor wall s | Wall × plugin floor | " +
		"CPU s | terraform_data CPU s | CPU × terraform_data | Plugin floor CPU s | CPU × plugin floor | " +
		"Provider CPU s | Provider peak RSS MB | Fake CPU s | Requests | Logins | Retries | Lock errors |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, c := range res.Comparisons {
		md, _ := res.find(kindJP1, c.N, c.Op)
		fmt.Fprintf(&b, "| %d (%d of each) | %s | %.2f | %s | %s | %s | %s | %.2f | %s | %s | %s | %s | %.2f | %.1f | %.2f | %d | %d | %d | %d |\n",
			c.Resources, c.N, opLabel(c.Op), c.WallSec, f2(c.FloorWallSec), ratioCell(c.WallRatio),
			f2(c.MinimalWallSec), ratioCell(c.PluginWallRatio),
			c.CPUSec, f2(c.FloorCPUSec), ratioCell(c.CPURatio), f2(c.MinimalCPUSec), ratioCell(c.PluginCPURatio),
			md.ProviderCPUSec, md.ProviderRSSMB, md.FakeCPUSec,
			md.TotalRequests, md.Logins, md.Retries, md.LockErrors)
	}
	b.WriteString("\nThe *plugin floor* is the same number of one-attribute resources that do nothing (`jp1_minimal` of " +
		"[`cmd/noopprovider`](cmd/noopprovider/main.go), served through the provider's own entry point), measured in the same run: " +
		"what Terraform spends on any plugin provider's resource. " +
		"The floors of both plans are their no-change plans (they cannot drift); " +
		"after that plan the changes are undone in the fake, so that destroy deletes every resource, as the floors' do.\n\n")

	res.writeDecomposition(&b)

	b.WriteString("**Requests per endpoint** (from the fake's counters)\n\n")
	cols := slices.Clone(endpointColumns)
	seen := map[string]bool{}
	for _, mm := range res.Measurements {
		for k := range mm.Median.Requests {
			seen[k] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		if !slices.Contains(cols, k) {
			cols = append(cols, k)
		}
	}
	cols = slices.DeleteFunc(cols, func(k string) bool { return !seen[k] })
	b.WriteString("| Scenario | Operation |")
	for _, k := range cols {
		b.WriteString(" " + endpointLabel(k) + " |")
	}
	b.WriteString("\n|---|---|" + strings.Repeat("--:|", len(cols)) + "\n")
	for _, mm := range res.Measurements {
		if mm.Kind != kindJP1 && mm.Kind != kindProxy {
			continue
		}
		scenario := fmt.Sprintf("%d of each type", mm.N)
		if mm.Kind == kindProxy {
			scenario = fmt.Sprintf("%d proxy users, %g ms / %g ms", mm.N, s.ProxyLatencyMs, s.ProxyUsersProcessingMs)
		}
		fmt.Fprintf(&b, "| %s | %s |", scenario, opLabel(mm.Op))
		for _, k := range cols {
			fmt.Fprintf(&b, " %d |", mm.Median.Requests[k])
		}
		b.WriteString("\n")
	}

	if len(res.Proxy) > 0 {
		b.WriteString("\n**proxyUsers against JP1's serial limit** (calls cannot overlap: limit = calls × processing time)\n\n")
		b.WriteString("| Users | Operation | Latency ms | Processing ms | proxyUsers calls | Serial limit s | Wall s | Wall × limit | " +
			"Same, 0 ms / 0 ms, wall s | ms per call | Serial client minimum s | terraform_data floor s | Lock errors | Retries |\n")
		b.WriteString("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
		for _, p := range res.Proxy {
			fmt.Fprintf(&b, "| %d | %s | %g | %g | %d | %.2f | %.2f | %s | %s | %s | %.2f | %.2f | %d | %d |\n",
				p.Users, p.Op, p.LatencyMs, p.ProcessingMs, p.Calls, p.SerialLimitSec, p.WallSec, ratioCell(p.Ratio),
				f2(p.ZeroWallSec), f2(p.PerCallMs), p.SerialClientSec, p.FloorWallSec, p.LockErrors, p.Retries)
		}
		b.WriteString("\n*ms per call* = (wall − the same run at 0 ms / 0 ms) / calls; *serial client minimum* = calls × (latency + processing), " +
			"the least a client that waits for each answer before the next call can take.\n")
	}

	b.WriteString("\n**Targets**\n\n| Target | Measured | Limit | Result |\n|---|---|---|---|\n")
	for _, t := range res.Targets {
		result := "✅ holds"
		if !t.Pass {
			result = "❌ missed"
		}
		measured := t.Measured
		if t.Note != "" {
			measured += " — " + t.Note
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", t.Name, measured, t.Limit, result)
	}
	return b.String()
}

// writeDecomposition splits the cost into Terraform, the framework with the
// jp1 schemas (the provider that does nothing) and the jp1 provider's own
// code, when -noop measured the middle one.
func (res *Results) writeDecomposition(b *strings.Builder) {
	var rows []Comparison
	for _, c := range res.Comparisons {
		if c.NoopWallSec > 0 {
			rows = append(rows, c)
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("**Where the time goes** (`-noop`: 3N one-attribute resources that do nothing, served over the plugin " +
		"protocol like terraform_data's shape; then the jp1 schemas served by a provider whose resources do nothing)\n\n")
	b.WriteString("| Resources | Operation | terraform_data wall s | One-attribute no-op wall s | jp1-schema no-op wall s | jp1 wall s | terraform_data CPU s | One-attribute no-op CPU s | jp1-schema no-op CPU s (terraform + provider) | jp1 CPU s (terraform + provider) |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, c := range rows {
		noop, _ := res.find(kindNoop, c.N, floorOp(c.Op))
		md, _ := res.find(kindJP1, c.N, c.Op)
		fmt.Fprintf(b, "| %d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f (%.2f + %.2f) | %.2f (%.2f + %.2f) |\n",
			c.Resources, opLabel(c.Op), c.FloorWallSec, c.MinimalWallSec, c.NoopWallSec, c.WallSec, c.FloorCPUSec, c.MinimalCPUSec,
			noop.CPUSec, noop.TerraformCPUSec, noop.ProviderCPUSec, md.CPUSec, md.TerraformCPUSec, md.ProviderCPUSec)
	}
	b.WriteString("\n")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// WriteJSON writes the results, indented.
func (res *Results) WriteJSON(path string) error {
	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644) //nolint:gosec // a report, not a secret
}

// UpdateReadme replaces the text between the result markers of the README.
func UpdateReadme(path, table string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out, err := replaceBetween(data, readmeBegin, readmeEnd, table)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, out, 0o644) //nolint:gosec // documentation
}

func replaceBetween(data []byte, begin, end, content string) ([]byte, error) {
	i := bytes.Index(data, []byte(begin))
	j := bytes.Index(data, []byte(end))
	if i < 0 || j < i {
		return nil, errors.New("no " + begin + " … " + end + " block")
	}
	var b bytes.Buffer
	b.Write(data[:i+len(begin)])
	b.WriteString("\n" + strings.TrimSpace(content) + "\n")
	b.Write(data[j:])
	return b.Bytes(), nil
}
