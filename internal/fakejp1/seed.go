package fakejp1

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// SeedEnv names the environment variable that replays a test's fault draws.
const SeedEnv = "JP1_FAKE_SEED"

// ChooseSeed chooses the seed of a test's fault draws (AddFaultMix,
// Fault.Seed, SetCompetingLockHolder): JP1_FAKE_SEED when set, to replay a
// run, else a fresh one. The test helpers (fakejp1test.Seed and this
// package's own) call it and log the seed with how to replay it.
func ChooseSeed() (int64, error) {
	v := os.Getenv(SeedEnv)
	if v == "" {
		return time.Now().UnixNano(), nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: %w", SeedEnv, v, err)
	}
	return n, nil
}
