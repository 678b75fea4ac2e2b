package acctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	goversion "github.com/hashicorp/go-version"
)

// CLI is a terraform or tofu binary the tests can drive.
type CLI struct {
	Path     string
	Version  *goversion.Version
	OpenTofu bool
}

func (c CLI) String() string {
	name := "Terraform"
	if c.OpenTofu {
		name = "OpenTofu"
	}
	return fmt.Sprintf("%s %s (%s)", name, c.Version, c.Path)
}

// AtLeast reports a Terraform (not OpenTofu) of version minimum or newer.
func (c CLI) AtLeast(minimum string) bool {
	return !c.OpenTofu && c.Version.GreaterThanOrEqual(goversion.Must(goversion.NewVersion(minimum)))
}

// CLIDir is where ../shared/tools/build-cli.sh puts the CLIs it builds
// (terraform-<version>, tofu-<version>), and where `make test-clis` and the
// tests that need a newer Terraform look for them: $JP1_CLI_DIR, else
// $(go env GOPATH)/clis.
func CLIDir() string {
	if d := os.Getenv("JP1_CLI_DIR"); d != "" {
		return d
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		out, err := exec.Command("go", "env", "GOPATH").Output()
		if err != nil {
			return ""
		}
		gopath = strings.TrimSpace(string(out))
	}
	return filepath.Join(gopath, "clis")
}

// DescribeCLI runs `<path> version -json` and tells which CLI it is.
func DescribeCLI(path string) (CLI, error) {
	cmd := exec.Command(path, "version", "-json")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+os.DevNull, "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return CLI{}, fmt.Errorf("%s version -json: %w", path, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out[bytes.IndexByte(out, '{'):], &v); err != nil {
		return CLI{}, fmt.Errorf("%s version -json: %w", path, err)
	}
	parsed, err := goversion.NewVersion(v.Version)
	if err != nil {
		return CLI{}, fmt.Errorf("%s reports version %q: %w", path, v.Version, err)
	}
	plain, err := exec.Command(path, "version").Output()
	return CLI{Path: path, Version: parsed, OpenTofu: err == nil && bytes.HasPrefix(plain, []byte("OpenTofu"))}, nil
}

// FindTerraform returns a Terraform of version minimum or newer: the CLI the
// tests drive (TF_ACC_TERRAFORM_PATH) when it is one, else the newest in
// CLIDir. ok is false when there is none; the caller skips, naming minimum.
func FindTerraform(minimum string) (cli CLI, ok bool) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		if c, err := DescribeCLI(p); err == nil && c.AtLeast(minimum) {
			return c, true
		}
	}
	found, _ := filepath.Glob(filepath.Join(CLIDir(), "terraform-*"))
	var clis []CLI
	for _, p := range found {
		if c, err := DescribeCLI(p); err == nil && c.AtLeast(minimum) {
			clis = append(clis, c)
		}
	}
	if len(clis) == 0 {
		return CLI{}, false
	}
	sort.Slice(clis, func(i, j int) bool { return clis[i].Version.GreaterThan(clis[j].Version) })
	return clis[0], true
}
