package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/acctest"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

var (
	terraformPath string // the terraform CLI on PATH (never downloaded)
	pluginDir     string // holds the freshly built terraform-provider-jp1
	cliConfig     string // dev_overrides pointing terraform at pluginDir
)

func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC") == "" {
		fmt.Println("e2e: skipped, set TF_ACC=1 to drive the terraform CLI")
		os.Exit(m.Run())
	}
	root, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(root)
	os.Exit(code)
}

// setup builds the provider and writes the dev_overrides CLI configuration; it
// returns the temporary folder holding both.
func setup() (string, error) {
	var err error
	if terraformPath, err = acctest.Prepare(); err != nil {
		return "", err
	}
	root, err := os.MkdirTemp("", "jp1-e2e-")
	if err != nil {
		return "", err
	}
	pluginDir = filepath.Join(root, "plugins")
	build := exec.Command("go", "build", "-o", filepath.Join(pluginDir, "terraform-provider-jp1"), "../..")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return root, fmt.Errorf("building the provider: %w", err)
	}
	cliConfig = filepath.Join(root, "dev.tfrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/jp1-terraform/jp1" = %[1]q
    "registry.opentofu.org/jp1-terraform/jp1" = %[1]q
  }
  direct {}
}
`, pluginDir)
	return root, os.WriteFile(cliConfig, []byte(rc), 0o600)
}

// The JP1 users every workspace logs in as.
const (
	imUser            = "tf-im-admin"
	imPassword        = "Im-Admin-Pass-4wVb"
	analyticsUser     = "tf-oa-admin"
	analyticsPassword = "Oa-Admin-Pass-9xKq"
)

// workspace is one terraform working directory talking to one fake JP1.
type workspace struct {
	t         *testing.T
	dir       string
	env       []string
	logs      []string // every stdout/stderr terraform printed, for leak checks
	terraform string   // the CLI it runs: terraformPath unless a test needs another
}

func newWorkspace(t *testing.T, fake *fakejp1.Server, config string) *workspace {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to drive the terraform CLI")
	}
	dir := t.TempDir()
	w := &workspace{t: t, dir: dir, terraform: terraformPath}
	// Users of its own with strong passwords, so a leak check cannot mistake a
	// word such as "manager" in a log line for the password.
	fake.AddIMUser(imUser, imPassword, fakejp1.PermConsoleAdmin)
	fake.AddAnalyticsUser(analyticsUser, analyticsPassword, true)
	w.env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"JP1_IM_ENDPOINT="+fake.URL(),
		"JP1_IM_USERNAME="+imUser,
		"JP1_IM_PASSWORD="+imPassword,
		"JP1_ANALYTICS_ENDPOINT="+fake.URL(),
		"JP1_ANALYTICS_USERNAME="+analyticsUser,
		"JP1_ANALYTICS_PASSWORD="+analyticsPassword,
	)
	w.write(config)
	return w
}

func (w *workspace) write(config string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// start launches terraform with args; the caller waits on the returned command.
func (w *workspace) start(ctx context.Context, extraEnv []string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	w.t.Helper()
	if len(args) > 0 && args[0] != "show" {
		args = append([]string{args[0], "-no-color"}, args[1:]...)
	}
	cmd := exec.CommandContext(ctx, w.terraform, args...)
	cmd.Dir = w.dir
	cmd.Env = append(append([]string(nil), w.env...), extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		w.t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
	}
	return cmd, &out
}

// run runs terraform to the end and returns its output and exit code.
func (w *workspace) run(extraEnv []string, args ...string) (string, int) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd, out := w.start(ctx, extraEnv, args...)
	err := cmd.Wait()
	w.logs = append(w.logs, out.String())
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else if err != nil {
		w.t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), code
}

// must runs terraform and fails the test unless it exits 0.
func (w *workspace) must(extraEnv []string, args ...string) string {
	w.t.Helper()
	out, code := w.run(extraEnv, args...)
	if code != 0 {
		w.t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

// retryBlock keeps waits short so fault tests stay fast.
const retryBlock = `
terraform {
  required_providers {
    jp1 = {
      source = "jp1-terraform/jp1"
    }
  }
}

provider "jp1" {
  retry = {
    max_attempts = 20
    min_wait     = "5ms"
    max_wait     = "50ms"
  }
}
`

// secretForms is each secret in every form an output may hold it in: as is,
// JSON-escaped (a -json output), and Base64 (a Basic Authorization header,
// a dump). Base64 of "user:password" is not found from the password:
// pass the pair too. The value of a leak check is the forms it misses.
func secretForms(secrets ...string) []string {
	var forms []string
	for _, s := range secrets {
		if s == "" {
			continue
		}
		forms = append(forms, s)
		if j, err := json.Marshal(s); err == nil && string(j[1:len(j)-1]) != s {
			forms = append(forms, string(j[1:len(j)-1]))
		}
		// Unpadded: a padded encoding contains it.
		forms = append(forms, base64.RawStdEncoding.EncodeToString([]byte(s)))
	}
	return forms
}

// leakedForm returns the first form of a secret that text holds, or "".
func leakedForm(text string, secrets ...string) string {
	for _, f := range secretForms(secrets...) {
		if strings.Contains(text, f) {
			return f
		}
	}
	return ""
}
