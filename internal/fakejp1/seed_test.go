package fakejp1

import "testing"

func TestChooseSeed(t *testing.T) {
	t.Setenv(SeedEnv, "42")
	if seed, err := ChooseSeed(); err != nil || seed != 42 {
		t.Fatalf("ChooseSeed() with %s=42 = %d, %v; want 42", SeedEnv, seed, err)
	}
	t.Setenv(SeedEnv, "not-a-number")
	if _, err := ChooseSeed(); err == nil {
		t.Fatalf("ChooseSeed() with a bad %s: want an error", SeedEnv)
	}
	t.Setenv(SeedEnv, "")
	if _, err := ChooseSeed(); err != nil {
		t.Fatalf("ChooseSeed() unset: %v", err)
	}
}
