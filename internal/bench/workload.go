package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// Resource types a workload can hold.
const (
	typeIMClient   = "jp1_im_client"
	typeProxyUser  = "jp1_proxy_user"
	typeCredential = "jp1_analytics_credential"
	typeFloor      = "terraform_data"
	// typeMinimal is the diagnostic provider's one-attribute resource that does
	// nothing (internal/bench/cmd/noopprovider): terraform_data's shape, served
	// over the plugin protocol.
	typeMinimal = "jp1_minimal"

	credentialUser = "bench"
	credentialPort = 22
)

// workload is one Terraform configuration: n resources of each of types, or
// with floor (minimal) the same count of terraform_data (jp1_minimal)
// resources, in blocks of the same shape (count = n).
type workload struct {
	n       int
	types   []string
	floor   bool
	minimal bool
}

func (w workload) resources() int { return w.n * len(w.types) }

func (w workload) clientID(i int) string       { return fmt.Sprintf("bench-client-%04d", i) }
func (w workload) proxyUserID(i int) string    { return fmt.Sprintf("bench-proxy-%04d", i) }
func (w workload) credentialName(i int) string { return fmt.Sprintf("bench-cred-%04d", i) }
func (w workload) proxyPassword(i int) string  { return fmt.Sprintf("Proxy-Pass-%d", i) }

// hcl renders main.tf; url is the fake JP1 (unused for the floor).
func (w workload) hcl(url string) string {
	var b strings.Builder
	if w.minimal {
		b.WriteString("terraform {\n  required_providers {\n    jp1 = { source = \"jp1-terraform/jp1\" }\n  }\n}\n")
	}
	if !w.floor && !w.minimal {
		fmt.Fprintf(&b, `terraform {
  required_providers {
    jp1 = { source = "jp1-terraform/jp1" }
  }
}

provider "jp1" {
  im = {
    endpoint = %q
    username = %q
    password = %q
  }
  analytics = {
    endpoint = %q
    username = %q
    password = %q
  }
}
`, url, fakejp1.IMAdminUser, fakejp1.IMAdminPassword, url, fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword)
	}
	for _, t := range w.types {
		b.WriteString("\n")
		if w.floor || w.minimal {
			// Same count, same kind of per-instance expression as the jp1 block.
			rt := typeFloor
			if w.minimal {
				rt = typeMinimal
			}
			fmt.Fprintf(&b, "resource %q %q {\n  count = %d\n  input = format(\"bench-%s-%%04d\", count.index)\n}\n",
				rt, shortName(t), w.n, shortName(t))
			continue
		}
		switch t {
		case typeIMClient:
			fmt.Fprintf(&b, "resource %q \"c\" {\n  count     = %d\n  client_id = format(\"bench-client-%%04d\", count.index)\n}\n", t, w.n)
		case typeProxyUser:
			fmt.Fprintf(&b, "resource %q \"p\" {\n  count    = %d\n  user_id  = format(\"bench-proxy-%%04d\", count.index)\n  password = \"Proxy-Pass-${count.index}\"\n}\n", t, w.n)
		case typeCredential:
			fmt.Fprintf(&b, `resource %q "a" {
  count = %d
  name  = format("bench-cred-%%04d", count.index)
  ssh {
    user_id     = %q
    password    = "Ssh-Pass-${count.index}"
    port_number = %d
  }
}
`, t, w.n, credentialUser, credentialPort)
		}
	}
	return b.String()
}

func shortName(t string) string {
	switch t {
	case typeIMClient:
		return "c"
	case typeProxyUser:
		return "p"
	}
	return "a"
}

// write creates dir with main.tf.
func (w workload) write(dir, url string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(w.hcl(url)), 0o600)
}
