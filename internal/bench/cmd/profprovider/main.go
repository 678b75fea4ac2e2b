// Command profprovider is the provider's main with pprof: jp1bench
// -profile-dir builds it in place of the provider to find where the provider
// spends its time. Every process writes cpu-<pid>.pprof and heap-<pid>.pprof
// into $JP1BENCH_PROFILE_DIR when Terraform stops it. Never released.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/plugin"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/provider"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()
	stop := startProfiles(os.Getenv("JP1BENCH_PROFILE_DIR"))
	// Served exactly as the provider's main.go serves it.
	err := plugin.Serve(provider.New("bench")(), debug)
	stop()
	if err != nil {
		log.Fatal(err.Error())
	}
}

// samplePeaks records the peaks of the heap's live objects, its GC goal and
// the memory the runtime holds, every 10 ms, until done.
// When the live objects reach a new high above 32 MB it also writes the heap
// profile (as of the last GC) to heap-peak-<pid>.pprof in dir.
func samplePeaks(dir string, done <-chan struct{}, out chan<- map[string]uint64) {
	var dumped uint64
	names := []string{"/memory/classes/heap/objects:bytes", "/gc/heap/goal:bytes", "/memory/classes/total:bytes",
		"/gc/heap/live:bytes", "/sched/goroutines:goroutines", "/memory/classes/heap/stacks:bytes"}
	samples := make([]metrics.Sample, len(names))
	for i, n := range names {
		samples[i].Name = n
	}
	peak := map[string]uint64{}
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		metrics.Read(samples)
		for _, s := range samples {
			if s.Value.Kind() == metrics.KindUint64 {
				peak["peak "+s.Name] = max(peak["peak "+s.Name], s.Value.Uint64())
			}
		}
		if objects := samples[0].Value.Uint64(); objects > 32<<20 && objects > dumped+dumped/4 {
			dumped = objects
			if f, err := os.Create(filepath.Join(dir, fmt.Sprintf("heap-peak-%d.pprof", os.Getpid()))); err == nil {
				_ = pprof.Lookup("heap").WriteTo(f, 0)
				_ = f.Close()
			}
		}
		select {
		case <-done:
			out <- peak
			return
		case <-t.C:
		}
	}
}

// startProfiles starts the CPU profile; the returned function stops it and
// writes the heap profile.
func startProfiles(dir string) func() {
	if dir == "" {
		return func() {}
	}
	pid := os.Getpid()
	cpu, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", pid)))
	if err != nil {
		log.Printf("profprovider: %v", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Printf("profprovider: %v", err)
		_ = cpu.Close()
		return func() {}
	}
	done := make(chan struct{})
	peaks := make(chan map[string]uint64, 1)
	go samplePeaks(dir, done, peaks)
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close()
		close(done)
		peak := <-peaks
		// The heap profile is published one or two cycles late.
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak["live heap at exit"] = ms.HeapAlloc
		peak["total allocated"] = ms.TotalAlloc
		peak["gc cycles"] = uint64(ms.NumGC)
		if data, err := json.MarshalIndent(peak, "", "  "); err == nil {
			_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("mem-%d.json", pid)), data, 0o600)
		}
		heap, err := os.Create(filepath.Join(dir, fmt.Sprintf("heap-%d.pprof", pid)))
		if err != nil {
			return
		}
		_ = pprof.Lookup("allocs").WriteTo(heap, 0)
		_ = heap.Close()
	}
}
