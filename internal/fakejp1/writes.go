package fakejp1

// IsWriteEndpoint reports whether an endpoint key (as Counts lists it) is a
// request that may change what the fake holds: everything but lists, reads,
// logins, logouts and version calls. An unknown key counts as a write, so a
// check that wants none fails safe.
func IsWriteEndpoint(key string) bool { return isWrite(key) }

// WriteCounts returns the endpoints of counts that are writes and were
// called at least once: empty after a run that changed nothing.
func WriteCounts(counts map[string]int) map[string]int {
	out := map[string]int{}
	for k, n := range counts {
		if n > 0 && isWrite(k) {
			out[k] = n
		}
	}
	return out
}
