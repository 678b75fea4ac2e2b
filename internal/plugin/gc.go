package plugin

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// gcMemoryLimit is the heap size at which the provider's GC collects.
const gcMemoryLimit = 64 << 20

var (
	// gcFellBack records that the live heap outgrew the soft limit and the
	// runtime's defaults were restored (see tuneGC).
	gcFellBack atomic.Bool
	// gcWatch numbers the calls of setSoftGCLimit: a watcher of an earlier call retires.
	gcWatch atomic.Int64
)

// tuneGC makes the garbage collector run when the heap reaches gcMemoryLimit
// instead of whenever it doubles. A provider process lives for one Terraform
// command, and with request contexts released (server.go) its live heap stays
// under about 10 MB however many resources it serves, while the framework makes
// over a gigabyte of short-lived garbage in a plan of 900 resources. With Go's
// default (GOGC=100) the GC goal is twice that small live heap, so the
// collector runs hundreds of times and takes about half of the provider's CPU;
// at a fixed soft limit it runs a few dozen times and RSS stays under 100 MB.
//
// A soft limit alone would make the collector run back to back if the live
// heap ever came near it, so after every collection the live heap is checked:
// past half the limit, Go's defaults come back for the rest of the process.
// GOGC or GOMEMLIMIT set by the user win. Serve calls it first.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	setSoftGCLimit(gcMemoryLimit)
}

func setSoftGCLimit(limit int64) {
	gcFellBack.Store(false)
	debug.SetMemoryLimit(limit)
	debug.SetGCPercent(-1)
	watchLiveHeap(gcWatch.Add(1), limit)
}

// watchLiveHeap runs after each collection (the cleanup of an object that
// only a collection frees) and re-arms itself, until a later setSoftGCLimit replaces it.
func watchLiveHeap(watch, limit int64) {
	runtime.AddCleanup(new([16]byte), func(limit int64) {
		if gcWatch.Load() != watch {
			return
		}
		if liveHeapBytes() > uint64(limit/2) {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			gcFellBack.Store(true)
			return
		}
		watchLiveHeap(watch, limit)
	}, limit)
}

func liveHeapBytes() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
