package bench

import (
	"maps"
	"math"
	"slices"
	"strings"
	"time"
)

// Sample is one measured terraform command.
type Sample struct {
	WallSec         float64        `json:"wallSec"`
	CPUSec          float64        `json:"cpuSec"` // user+sys of terraform and the provider processes
	TerraformCPUSec float64        `json:"terraformCpuSec"`
	ProviderCPUSec  float64        `json:"providerCpuSec"`
	ProviderRSSMB   float64        `json:"providerPeakRssMB"` // largest provider process, 10^6 bytes
	ProviderProcs   int            `json:"providerProcesses"`
	FakeCPUSec      float64        `json:"fakeCpuSec"` // the fake JP1 process, 10 ms resolution
	TotalRequests   int            `json:"requests"`
	Requests        map[string]int `json:"requestsByEndpoint,omitempty"`
	Logins          int            `json:"logins"`
	Retries         int            `json:"retries"`
	LockErrors      int            `json:"lockErrors"`
}

// Measurement is every sample of one operation of one scenario, and their medians.
type Measurement struct {
	Kind      string   `json:"kind"`
	N         int      `json:"nPerType"`
	Resources int      `json:"resources"`
	Op        string   `json:"operation"`
	Median    Sample   `json:"median"`
	Samples   []Sample `json:"samples"`
}

// Comparison sets a jp1 operation against the terraform_data floor and the
// plugin floor.
type Comparison struct {
	N            int     `json:"nPerType"`
	Resources    int     `json:"resources"`
	Op           string  `json:"operation"`
	FloorOp      string  `json:"floorOperation,omitempty"`
	WallSec      float64 `json:"wallSec"`
	FloorWallSec float64 `json:"floorWallSec,omitempty"`
	WallRatio    float64 `json:"wallRatio,omitempty"`
	CPUSec       float64 `json:"cpuSec"`
	FloorCPUSec  float64 `json:"floorCpuSec,omitempty"`
	CPURatio     float64 `json:"cpuRatio,omitempty"`
	// The provider that does nothing, with the same schemas (-noop).
	NoopWallSec float64 `json:"noopWallSec,omitempty"`
	NoopCPUSec  float64 `json:"noopCpuSec,omitempty"`
	// The plugin floor: as many one-attribute resources that do nothing,
	// served over the plugin protocol, in the same run.
	MinimalWallSec  float64 `json:"minimalWallSec,omitempty"`
	MinimalCPUSec   float64 `json:"minimalCpuSec,omitempty"`
	PluginWallRatio float64 `json:"pluginFloorWallRatio,omitempty"`
	PluginCPURatio  float64 `json:"pluginFloorCpuRatio,omitempty"`
}

// ProxyLimit sets the proxyUsers scenario against JP1's serial limit.
type ProxyLimit struct {
	Users          int     `json:"users"`
	Op             string  `json:"operation"`
	LatencyMs      float64 `json:"latencyMs"`
	ProcessingMs   float64 `json:"processingMs"`
	Calls          int     `json:"proxyUsersCalls"`
	CallsPerChange float64 `json:"callsPerChange"`
	SerialLimitSec float64 `json:"serialLimitSec"`
	WallSec        float64 `json:"wallSec"`
	Ratio          float64 `json:"ratio"`
	FloorWallSec   float64 `json:"floorWallSec"`
	// NetRatio leaves Terraform's own time for the same number of resources out.
	NetRatio float64 `json:"netRatio"`
	// ZeroWallSec is the same operation against a fake without latency and
	// processing time: Terraform's and the provider's own time.
	ZeroWallSec float64 `json:"zeroLatencyWallSec,omitempty"`
	// PerCallMs is the time each proxyUsers call added: (wall − zero-latency wall) / calls.
	PerCallMs float64 `json:"perCallMs,omitempty"`
	// SerialClientSec is calls × (latency + processing): the least a client
	// that waits for each answer before sending the next call can take.
	SerialClientSec float64 `json:"serialClientSec"`
	LockErrors      int     `json:"lockErrors"`
	Retries         int     `json:"retries"`
}

// Target is one goal of the issue and whether the medians meet it.
type Target struct {
	Name     string `json:"name"`
	Measured string `json:"measured"`
	Limit    string `json:"limit"`
	Pass     bool   `json:"pass"`
	Note     string `json:"note,omitempty"`
}

// Machine describes where the benchmark ran.
type Machine struct {
	CPUs      int    `json:"cpus"`
	CPUModel  string `json:"cpuModel,omitempty"`
	OS        string `json:"os"`
	Kernel    string `json:"kernel,omitempty"`
	Go        string `json:"go"`
	Terraform string `json:"terraform,omitempty"`
}

// Settings are the knobs of the run.
type Settings struct {
	Ns                     []int    `json:"nPerType"`
	Repeats                int      `json:"repeats"`
	LatencyMs              float64  `json:"latencyMs"`
	ProxyProcessingMs      float64  `json:"proxyProcessingMs"`
	ProxyUsers             int      `json:"proxyUsers"`
	ProxyLatencyMs         float64  `json:"proxyScenarioLatencyMs"`
	ProxyUsersProcessingMs float64  `json:"proxyScenarioProcessingMs"`
	Parallelism            int      `json:"parallelism,omitempty"`
	Profiled               bool     `json:"profiled"`
	ProviderEnv            []string `json:"providerEnv,omitempty"`
}

// Results is everything one run measured; it is written as JSON.
type Results struct {
	Started      time.Time     `json:"started"`
	DurationSec  float64       `json:"durationSec"`
	Machine      Machine       `json:"machine"`
	Settings     Settings      `json:"settings"`
	Measurements []Measurement `json:"measurements"`
	Comparisons  []Comparison  `json:"comparisons"`
	Proxy        []ProxyLimit  `json:"proxyUsers,omitempty"`
	Targets      []Target      `json:"targets"`
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianInt(xs []int) int {
	f := make([]float64, len(xs))
	for i, x := range xs {
		f[i] = float64(x)
	}
	return int(math.Round(median(f)))
}

// medianSample takes the median of every field on its own.
func medianSample(ss []Sample) Sample {
	f := func(get func(Sample) float64) float64 {
		xs := make([]float64, len(ss))
		for i, s := range ss {
			xs[i] = get(s)
		}
		return median(xs)
	}
	i := func(get func(Sample) int) int {
		xs := make([]int, len(ss))
		for k, s := range ss {
			xs[k] = get(s)
		}
		return medianInt(xs)
	}
	m := Sample{
		WallSec:         f(func(s Sample) float64 { return s.WallSec }),
		CPUSec:          f(func(s Sample) float64 { return s.CPUSec }),
		TerraformCPUSec: f(func(s Sample) float64 { return s.TerraformCPUSec }),
		ProviderCPUSec:  f(func(s Sample) float64 { return s.ProviderCPUSec }),
		ProviderRSSMB:   f(func(s Sample) float64 { return s.ProviderRSSMB }),
		FakeCPUSec:      f(func(s Sample) float64 { return s.FakeCPUSec }),
		ProviderProcs:   i(func(s Sample) int { return s.ProviderProcs }),
		TotalRequests:   i(func(s Sample) int { return s.TotalRequests }),
		Logins:          i(func(s Sample) int { return s.Logins }),
		Retries:         i(func(s Sample) int { return s.Retries }),
		LockErrors:      i(func(s Sample) int { return s.LockErrors }),
	}
	keys := map[string]bool{}
	for _, s := range ss {
		for k := range s.Requests {
			keys[k] = true
		}
	}
	if len(keys) > 0 {
		m.Requests = map[string]int{}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			if v := i(func(s Sample) int { return s.Requests[k] }); v > 0 {
				m.Requests[k] = v
			}
		}
	}
	return m
}

// results computes medians, comparisons and targets.
func (r *runner) results(started time.Time) *Results {
	res := &Results{
		Started:     started.UTC().Truncate(time.Second),
		DurationSec: time.Since(started).Seconds(),
		Settings: Settings{
			Ns: r.cfg.Ns, Repeats: r.cfg.Repeats,
			LatencyMs: ms(r.cfg.Latency), ProxyProcessingMs: ms(r.cfg.ProxyProcessing),
			ProxyUsers: r.cfg.ProxyUsers, ProxyLatencyMs: ms(r.cfg.ProxyLatency), ProxyUsersProcessingMs: ms(r.cfg.ProxyUsersProcessing),
			Parallelism: r.cfg.Parallelism, Profiled: r.cfg.ProfileDir != "", ProviderEnv: r.cfg.ProviderEnv,
		},
	}
	for _, k := range r.order {
		ss := r.samples[k]
		types := len(allTypes)
		if k.kind == kindProxy || k.kind == kindProxyFloor || k.kind == kindProxyZero {
			types = 1
		}
		res.Measurements = append(res.Measurements, Measurement{Kind: k.kind, N: k.n, Resources: k.n * types, Op: k.op,
			Median: medianSample(ss), Samples: ss})
	}
	res.compute(r.cfg)
	return res
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func (res *Results) find(kind string, n int, op string) (Sample, bool) {
	for _, m := range res.Measurements {
		if m.Kind == kind && m.N == n && m.Op == op {
			return m.Median, true
		}
	}
	return Sample{}, false
}

// floorOp is the floor operation a jp1 operation is compared with.
func floorOp(op string) string {
	switch op {
	case opApply, opDestroy, opPlan:
		return op
	case opPlanDrift:
		return opPlan // terraform_data cannot drift: the no-change plan is its floor
	}
	return ""
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

// compute fills Comparisons, Proxy and Targets from the medians.
func (res *Results) compute(cfg Config) {
	res.Comparisons, res.Proxy, res.Targets = nil, nil, nil
	for _, n := range cfg.Ns {
		for _, op := range []string{opApply, opPlan, opPlanDrift, opDestroy} {
			s, ok := res.find(kindJP1, n, op)
			if !ok {
				continue
			}
			c := Comparison{N: n, Resources: n * len(allTypes), Op: op, WallSec: s.WallSec, CPUSec: s.CPUSec}
			if fop := floorOp(op); fop != "" {
				if f, ok := res.find(kindFloor, n, fop); ok {
					c.FloorOp, c.FloorWallSec, c.FloorCPUSec = fop, f.WallSec, f.CPUSec
					c.WallRatio, c.CPURatio = ratio(s.WallSec, f.WallSec), ratio(s.CPUSec, f.CPUSec)
				}
				if f, ok := res.find(kindNoop, n, fop); ok {
					c.NoopWallSec, c.NoopCPUSec = f.WallSec, f.CPUSec
				}
				if f, ok := res.find(kindMinimal, n, fop); ok {
					c.MinimalWallSec, c.MinimalCPUSec = f.WallSec, f.CPUSec
					c.PluginWallRatio, c.PluginCPURatio = ratio(s.WallSec, f.WallSec), ratio(s.CPUSec, f.CPUSec)
				}
			}
			res.Comparisons = append(res.Comparisons, c)
		}
	}
	if cfg.ProxyUsers > 0 {
		for _, op := range []string{opApply, opDestroy} {
			s, ok := res.find(kindProxy, cfg.ProxyUsers, op)
			if !ok {
				continue
			}
			f, _ := res.find(kindProxyFloor, cfg.ProxyUsers, op)
			calls := proxyCalls(s.Requests)
			p := ProxyLimit{Users: cfg.ProxyUsers, Op: op, LatencyMs: ms(cfg.ProxyLatency), ProcessingMs: ms(cfg.ProxyUsersProcessing),
				Calls: calls, CallsPerChange: float64(calls) / float64(cfg.ProxyUsers),
				WallSec: s.WallSec, FloorWallSec: f.WallSec, LockErrors: s.LockErrors, Retries: s.Retries}
			p.SerialLimitSec = float64(calls) * cfg.ProxyUsersProcessing.Seconds()
			p.Ratio = ratio(p.WallSec, p.SerialLimitSec)
			p.NetRatio = ratio(p.WallSec-p.FloorWallSec, p.SerialLimitSec)
			p.SerialClientSec = float64(calls) * (cfg.ProxyLatency + cfg.ProxyUsersProcessing).Seconds()
			if z, ok := res.find(kindProxyZero, cfg.ProxyUsers, op); ok && calls > 0 {
				p.ZeroWallSec = z.WallSec
				p.PerCallMs = (p.WallSec - z.WallSec) / float64(calls) * 1000
			}
			res.Proxy = append(res.Proxy, p)
		}
	}
	res.Targets = targets(res, cfg)
}

// Endpoint keys of the fake (fakejp1's counting.go).
const (
	epLogin           = "POST /im/api/v1/login"
	epLogout          = "POST /im/api/v1/logout"
	epIMList          = "GET /im/api/v1/secret/client/list"
	epIMIssue         = "POST /im/api/v1/secret/client/generateInfo"
	epIMDelete        = "POST /im/api/v1/secret/client/deleteInfo"
	epProxyList       = "POST /im/api/v1/proxyUsers list"
	epProxyAdd        = "POST /im/api/v1/proxyUsers add"
	epProxyRm         = "POST /im/api/v1/proxyUsers rm"
	epAnalyticsList   = "GET /Analytics/v1/objects/Credentials"
	epAnalyticsCreate = "POST /Analytics/v1/objects/Credentials"
	epAnalyticsGet    = "GET /Analytics/v1/objects/Credentials/{id}"
	epAnalyticsUpdate = "PUT /Analytics/v1/objects/Credentials/{id}"
	epAnalyticsDelete = "DELETE /Analytics/v1/objects/Credentials/{id}"
	epProxyPrefix     = "POST /im/api/v1/proxyUsers"
)

func proxyCalls(req map[string]int) int {
	n := 0
	for k, v := range req {
		if strings.HasPrefix(k, epProxyPrefix) {
			n += v
		}
	}
	return n
}
