package provider

import (
	"os"
	"runtime/debug"
)

// gcMemoryLimit is the heap size at which the provider's GC collects.
const gcMemoryLimit = 64 << 20

// TuneGC makes the garbage collector run when the heap reaches gcMemoryLimit
// instead of whenever it doubles. A provider process lives for one Terraform
// command, and with request contexts released (server.go) its live heap stays
// under about 10 MB however many resources it serves, while the framework makes
// over a gigabyte of short-lived garbage in a plan of 900 resources. With Go's
// default (GOGC=100) the GC goal is twice that small live heap, so the
// collector runs hundreds of times and takes about half of the provider's CPU;
// at a fixed soft limit it runs a few dozen times and RSS stays under 100 MB.
// Should a live heap ever approach the limit, the runtime caps the collector's
// CPU share instead of failing. GOGC or GOMEMLIMIT set by the user win. main
// calls it before serving.
func TuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(gcMemoryLimit)
	debug.SetGCPercent(-1)
}
