package acctest

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func TestPrepareNeverDownloadsTerraform(t *testing.T) {
	dir := t.TempDir()
	tf := filepath.Join(dir, "terraform")
	if err := os.WriteFile(tf, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv("TF_ACC_TERRAFORM_PATH", "")
	t.Setenv("TF_ACC_TERRAFORM_VERSION", "1.11.4")
	t.Setenv("TF_CLI_CONFIG_FILE", filepath.Join(dir, "missing.tfrc"))
	t.Setenv("GOGC", "100") // keeps this process's collector as it is (TestDeferGC covers it)
	got, err := Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if got != tf || os.Getenv("TF_ACC_TERRAFORM_PATH") != tf {
		t.Errorf("terraform %q, TF_ACC_TERRAFORM_PATH %q, want %q", got, os.Getenv("TF_ACC_TERRAFORM_PATH"), tf)
	}
	if v, ok := os.LookupEnv("TF_ACC_TERRAFORM_VERSION"); ok {
		t.Errorf("TF_ACC_TERRAFORM_VERSION=%q kept: terraform-plugin-testing would download that version", v)
	}
	if v, ok := os.LookupEnv("TF_CLI_CONFIG_FILE"); ok {
		t.Errorf("TF_CLI_CONFIG_FILE=%q kept although the file is missing", v)
	}
}

func TestPrepareWithoutTerraform(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("TF_ACC_TERRAFORM_PATH", "")
	t.Setenv("GOGC", "100")
	if _, err := Prepare(); err == nil {
		t.Error("no error although no terraform is on PATH")
	}
}

func TestDeferGC(t *testing.T) {
	for _, tc := range []struct {
		name, gogc, limit, wantGOGC, wantLimit string
		deferred                               bool
	}{
		{"deferred by default", "", "", "off", childGOMEMLIMIT, true},
		{"the user's GOGC wins", "200", "", "200", "", false},
		{"the user's GOMEMLIMIT wins", "", "1GiB", "", "1GiB", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			t.Setenv("GOMEMLIMIT", tc.limit)
			percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
			t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
			deferGC()
			if got := os.Getenv("GOGC"); got != tc.wantGOGC {
				t.Errorf("GOGC=%q for the processes started, want %q", got, tc.wantGOGC)
			}
			if got := os.Getenv("GOMEMLIMIT"); got != tc.wantLimit {
				t.Errorf("GOMEMLIMIT=%q for the processes started, want %q", got, tc.wantLimit)
			}
			gotPercent, gotLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
			if deferred := gotPercent < 0 && gotLimit == gcMemoryLimit; deferred != tc.deferred {
				t.Errorf("this process: GOGC %d, memory limit %d; deferred %v, want %v", gotPercent, gotLimit, deferred, tc.deferred)
			}
		})
	}
}

// A CLI is told by what it reports, not by its file name.
func TestDescribeCLI(t *testing.T) {
	dir := t.TempDir()
	fake := func(name, plain, version string) string {
		p := filepath.Join(dir, name)
		script := "#!/bin/sh\nif [ \"$2\" = -json ]; then echo '{\"terraform_version\": \"" + version + "\"}'; else echo '" + plain + "'; fi\n"
		if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tf := fake("a", "Terraform v1.15.9", "1.15.9")
	tofu := fake("b", "OpenTofu v1.12.6", "1.12.6")
	old := fake("c", "Terraform v1.11.4", "1.11.4")
	for path, want := range map[string]struct {
		tofu  bool
		query bool // at least 1.14
	}{tf: {false, true}, tofu: {true, false}, old: {false, false}} {
		c, err := DescribeCLI(path)
		if err != nil {
			t.Fatal(err)
		}
		if c.OpenTofu != want.tofu || c.AtLeast("1.14.0") != want.query {
			t.Errorf("%s: %v, OpenTofu %v, at least 1.14 %v", path, c, c.OpenTofu, c.AtLeast("1.14.0"))
		}
	}
	t.Setenv("JP1_CLI_DIR", dir)
	t.Setenv("TF_ACC_TERRAFORM_PATH", old)
	for _, name := range []string{"terraform-1.15.9", "terraform-1.14.1"} {
		if err := os.Rename(fake(name+".tmp", "Terraform v"+name[10:], name[10:]), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if c, ok := FindTerraform("1.14.0"); !ok || c.Version.String() != "1.15.9" {
		t.Errorf("FindTerraform(1.14.0) = %v, %v; want the newest in JP1_CLI_DIR", c, ok)
	}
	if _, ok := FindTerraform("1.16.0"); ok {
		t.Error("FindTerraform(1.16.0) found one")
	}
}
