package e2e

import (
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// echoConfig has one secret of each IM kind and an OA credential.
func echoConfig(proxyPassword string) string {
	return retryBlock + `
resource "jp1_im_lower_manager" "lower" {
  hostname       = "echo-lower"
  initial_secret = "EchoInit-Secret-Hj4r"
}

resource "jp1_proxy_user" "plugin" {
  user_id  = "echo-proxy"
  password = "` + proxyPassword + `"
}

resource "jp1_analytics_credential" "ssh" {
  name = "echo-ssh"
  ssh {
    user_id  = "jp1"
    password = "EchoSsh-Secret-Wq2z"
  }
}
`
}

// A front end that repeats every request (its headers too) in its answers,
// with Basic authentication: in the Warning headers of the answers, in the
// KAJY68204-W warning of a lower manager's delete (issue 18: `terraform
// destroy` printed `Authorization: Basic …`, the IM admin password) and in an
// error page. Terraform's output and its TRACE log show that JP1's text was
// withheld, and hold no secret in any form.
func TestE2E_secretsEchoedByAFrontEndAreWithheld(t *testing.T) {
	t.Parallel()
	fake, _ := fakejp1test.Start(t)
	fake.SetIMBasicAuth(true)
	w := newWorkspace(t, fake, echoConfig("EchoProxy-v1-Secret-Nm8c"))
	w.env = append(w.env, "JP1_IM_AUTH_METHOD=basic")
	logFile := filepath.Join(t.TempDir(), "trace.log")
	trace := []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logFile}
	w.must(trace, "apply", "-auto-approve", "-input=false")

	// Every answer repeats its request in a Warning header (and in IM messages).
	fake.AddFault(fakejp1.Fault{Mode: fakejp1.FaultEchoAnswer, Echo: fakejp1.EchoBase64})
	out := w.must(trace, "plan", "-input=false")
	if !strings.Contains(flat(out), "JP1's warning is withheld: it may repeat a secret that was sent") {
		t.Errorf("the plan does not say that a warning was withheld:\n%s", out)
	}
	fake.ClearFaults()

	// A new password refused with a page that repeats the request.
	w.write(echoConfig("EchoProxy-v2-Secret-Tz5k"))
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/proxyUsers", Status: 400, Echo: fakejp1.EchoHTML})
	out, code := w.run(trace, "apply", "-auto-approve", "-input=false")
	if code == 0 || !strings.Contains(flat(out), "HTTP 400: JP1's answer is withheld: it may repeat a secret that was sent") {
		t.Errorf("apply exited %d; want the refusal with JP1's answer withheld:\n%s", code, out)
	}
	fake.ClearFaults()

	// The destroy meets an unreachable lower manager, and a front end that
	// repeats the request's headers in JP1's warning.
	fake.SetLowerManagerUnreachable("echo-lower", true)
	fake.AddFault(fakejp1.Fault{Endpoint: "POST /im/api/v1/subManagers/deleteInfo", Mode: fakejp1.FaultEchoAnswer, Echo: fakejp1.EchoText})
	out = w.must(trace, "destroy", "-auto-approve", "-input=false")
	if !strings.Contains(flat(out), "JP1 answered: KAJY68204-W: JP1's message is withheld: it may repeat a secret that was sent") {
		t.Errorf("the destroy does not warn with JP1's message withheld:\n%s", out)
	}

	secrets := []string{imPassword, analyticsPassword, "EchoInit-Secret-Hj4r", "EchoProxy-v1-Secret-Nm8c", "EchoProxy-v2-Secret-Tz5k", "EchoSsh-Secret-Wq2z",
		imUser + ":" + imPassword, analyticsUser + ":" + analyticsPassword}
	var forms []string
	for _, s := range secrets {
		forms = append(forms, s, base64.StdEncoding.EncodeToString([]byte(s)), hex.EncodeToString([]byte(s)))
	}
	forms = append(forms,
		`- "request: `,    // the fake's echo in a Warning header
		"(request: ",      // and in a message
		"Request refused", // its error page
		"Authorization:",  // a request's headers, in any echo that was not encoded
	)
	traceLog, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(traceLog), "JP1 API response headers") {
		t.Fatal("the TRACE log has no answer headers: the check below would prove nothing")
	}
	for where, text := range map[string]string{"TF_LOG_PATH file": string(traceLog), "stdout/stderr": strings.Join(w.logs, "\n")} {
		for _, f := range forms {
			if strings.Contains(text, f) {
				t.Errorf("%s contains %.12q… (a secret, or the front end's echo)", where, f)
			}
		}
	}
}

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }
