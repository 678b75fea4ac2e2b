package e2e

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// secretsConfig uses every kind of secret the provider takes, in plain (sensitive) form.
func secretsConfig(version string) string {
	return retryBlock + fmt.Sprintf(`
resource "jp1_im_client" "tool" {
  client_id = "leak-test-tool"
}

resource "jp1_im_lower_manager" "lower" {
  hostname       = "leak-lower"
  initial_secret = "LowerInit-%[1]s-Gk6j"
}

resource "jp1_proxy_user" "plugin" {
  user_id  = "leak-proxy"
  password = "ProxyPass-%[1]s-q8Zt"
}

resource "jp1_analytics_credential" "wmi" {
  name = "leak-wmi"
  wmi {
    user_id  = "Administrator"
    password = "WmiPass-%[1]s-Lm3v"
  }
}

resource "jp1_analytics_credential" "ssh" {
  name = "leak-ssh"
  ssh {
    user_id       = "jp1"
    password      = "SshPass-%[1]s-Rt5w"
    root_password = "RootPass-%[1]s-Yh2k"
  }
}

resource "jp1_analytics_credential" "snmp1" {
  name = "leak-snmp1"
  snmp_v1_v2c {
    community = "Community-%[1]s-Pq7s"
  }
}

resource "jp1_analytics_credential" "snmp3" {
  name = "leak-snmp3"
  snmp_v3 {
    user_name                 = "snmpv3user"
    authentication_protocol   = "SHA1"
    authentication_passphrase = "AuthPhrase-%[1]s-Bn4c"
    privacy_protocol          = "AES128"
    privacy_passphrase        = "PrivPhrase-%[1]s-Vx9d"
  }
}

output "client_id" {
  value = jp1_im_client.tool.id
}
`, version)
}

func configuredSecrets(version string) []string {
	var s []string
	for _, prefix := range []string{"ProxyPass", "WmiPass", "SshPass", "RootPass", "Community", "AuthPhrase", "PrivPhrase", "LowerInit"} {
		s = append(s, fmt.Sprintf("%s-%s-", prefix, version))
	}
	// The suffixes make each secret unique; search for the whole value below.
	full := []string{"q8Zt", "Lm3v", "Rt5w", "Yh2k", "Pq7s", "Bn4c", "Vx9d", "Gk6j"}
	for i := range s {
		s[i] += full[i]
	}
	return s
}

// TF_LOG=TRACE, stdout and stderr of a whole lifecycle hold no secret: not the
// configured ones, not their Base64 forms, not the issued IM client secrets, not the
// provider's passwords, Basic Authorization values, Bearer or HSSO tokens.
func TestE2E_secretsNeverReachLogsOrOutput(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake, _ := fakejp1test.Start(t)
	w := newWorkspace(t, fake, secretsConfig("v1"))
	logFile := filepath.Join(t.TempDir(), "trace.log")
	trace := []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logFile}

	w.must(trace, "apply", "-auto-approve", "-input=false")
	issued, _ := fake.IMClientSecret("leak-test-tool")
	if issued == "" {
		t.Fatal("the fake issued no client secret")
	}
	if _, code := w.run(trace, "plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan after apply exited %d, want 0 (no changes)", code)
	}
	w.write(secretsConfig("v2"))
	w.must(trace, "apply", "-auto-approve", "-input=false")
	if pw, _ := fake.ProxyPassword("leak-proxy"); pw != "ProxyPass-v2-q8Zt" {
		t.Fatal("the proxy password was not updated")
	}
	if s, _ := fake.LowerManagerSecret("leak-lower"); s != "LowerInit-v2-Gk6j" {
		t.Fatal("the lower manager's initial secret was not updated")
	}
	w.must(trace, "destroy", "-auto-approve", "-input=false")

	secrets := append(configuredSecrets("v1"), configuredSecrets("v2")...)
	secrets = append(secrets, issued, imPassword, analyticsPassword)
	for _, up := range [][2]string{{imUser, imPassword}, {analyticsUser, analyticsPassword}} {
		secrets = append(secrets, base64.StdEncoding.EncodeToString([]byte(up[0]+":"+up[1])))
	}
	for _, s := range append([]string(nil), secrets...) {
		secrets = append(secrets, base64.StdEncoding.EncodeToString([]byte(s)))
	}
	tokens := fake.IssuedTokens()
	if len(tokens) == 0 {
		t.Fatal("the fake issued no token, so the check below would prove nothing")
	}
	secrets = append(secrets, tokens...)

	traceLog, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(traceLog) < 100_000 || !strings.Contains(string(traceLog), "jp1") {
		t.Fatalf("the TRACE log is suspiciously small (%d bytes): the check would prove nothing", len(traceLog))
	}
	haystacks := map[string]string{"TF_LOG_PATH file": string(traceLog), "stdout/stderr": strings.Join(w.logs, "\n")}
	for where, text := range haystacks {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s contains a secret (%d characters, starting %q)", where, len(s), s[:3])
			}
		}
	}
	// The provider did log its requests, with the Authorization header masked.
	if !strings.Contains(string(traceLog), "/im/api/v1/proxyUsers") || !strings.Contains(string(traceLog), "/im/api/v1/subManagers/createInfo") {
		t.Error("the TRACE log shows no provider request: logging is missing")
	}
	t.Logf("checked %d secrets and tokens against %d bytes of TRACE log and %d bytes of output",
		len(secrets), len(traceLog), len(haystacks["stdout/stderr"]))
}
