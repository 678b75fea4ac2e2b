package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// `terraform plan -generate-config-out` on an imported credential of every
// type writes only that type's block; the configuration, with its secrets
// filled in, plans without error, applies, and then plans empty. (The testing
// framework cannot run -generate-config-out, so this drives the CLI.)
func TestE2E_generateConfigRoundTrip(t *testing.T) {
	cases := []struct {
		block   string
		cred    fakejp1.Credential
		secrets map[string]string // attribute → value the user fills in
	}{
		{"wmi", fakejp1.Credential{CredentialType: "WMI", UserID: fakejp1test.Ptr("Administrator"), DomainName: fakejp1test.Ptr("CORP"),
			Password: fakejp1test.Ptr("Wmi-Pass-1"), PasswordNotRequired: fakejp1test.Ptr(false)},
			map[string]string{"password": "Wmi-Pass-1"}},
		{"ssh", fakejp1.Credential{CredentialType: "SSH", UserID: fakejp1test.Ptr("jp1"), PortNumber: fakejp1test.Ptr(int64(2222)),
			Password: fakejp1test.Ptr("Ssh-Pass-1"), RootPassword: fakejp1test.Ptr("Root-Pass-1")},
			map[string]string{"password": "Ssh-Pass-1", "root_password": "Root-Pass-1"}},
		{"wbem", fakejp1.Credential{CredentialType: "WBEM", UserID: fakejp1test.Ptr("cim"), PortNumber: fakejp1test.Ptr(int64(5989)), SSL: fakejp1test.Ptr(true),
			Namespace: fakejp1test.Ptr("root/cimv2"), Password: fakejp1test.Ptr("Wbem-Pass-1")},
			map[string]string{"password": "Wbem-Pass-1"}},
		{"snmp_v1_v2c", fakejp1.Credential{CredentialType: "SNMP", SNMPVersion: fakejp1test.Ptr("V1_V2C"), Community: fakejp1test.Ptr("Community-1")},
			map[string]string{"community": "Community-1"}},
		{"snmp_v3", fakejp1.Credential{CredentialType: "SNMP", SNMPVersion: fakejp1test.Ptr("V3"), UserName: fakejp1test.Ptr("v3user"), UserID: fakejp1test.Ptr("v3user"),
			AuthenticationEnabled: fakejp1test.Ptr(true), AuthenticationProtocol: fakejp1test.Ptr("SHA1"), AuthenticationPassphrase: fakejp1test.Ptr("Auth-Pass-1"),
			PrivacyEnabled: fakejp1test.Ptr(true), PrivacyProtocol: fakejp1test.Ptr("AES128"), PrivacyPassphrase: fakejp1test.Ptr("Priv-Pass-1")},
			map[string]string{"authentication_passphrase": "Auth-Pass-1", "privacy_passphrase": "Priv-Pass-1"}},
	}
	// One workspace imports a credential of every type, so that one plan
	// generates all five resources (one terraform run per step, not five).
	fake, _ := fakejp1test.Start(t)
	imports := retryBlock
	for i, tc := range cases {
		cases[i].cred.Name = "gen-" + tc.block
		fake.PutCredential(cases[i].cred)
		imports += fmt.Sprintf(`
import {
  to = jp1_analytics_credential.%s
  id = "name:%s"
}
`, tc.block, cases[i].cred.Name)
	}
	w := newWorkspace(t, fake, imports)
	// The plan that generates the configuration may only fail because the
	// secrets JP1 never returns are not in it yet.
	out, code := w.run(nil, "plan", "-input=false", "-generate-config-out=generated.tf")
	raw, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	if err != nil {
		t.Fatalf("no configuration generated (exit %d): %v\n%s", code, err, out)
	}
	t.Logf("generated:\n%s", raw)
	if code != 0 {
		for _, e := range regexp.MustCompile(`Error: ([^\n]*)`).FindAllStringSubmatch(out, -1) {
			if e[1] != "Missing required secret" && e[1] != "Missing required attribute" {
				t.Fatalf("generating the configuration failed for another reason than a missing secret:\n%s", out)
			}
		}
	}
	sections := resourceSections(string(raw))
	var filled strings.Builder
	for _, tc := range cases {
		generated, ok := sections[tc.block]
		if !ok {
			t.Fatalf("no resource generated for %s:\n%s", tc.block, raw)
		}
		for _, other := range []string{"wmi", "ssh", "wbem", "snmp_v1_v2c", "snmp_v3"} {
			opens := regexp.MustCompile(`(?m)^\s*` + other + ` \{`).MatchString(generated)
			if opens != (other == tc.block) {
				t.Errorf("%s: block %s written: %v, want %v:\n%s", tc.block, other, opens, other == tc.block, generated)
			}
		}
		for _, unwanted := range []string{"credential_type", "enabled", "user_id = \"v3user\""} {
			if strings.Contains(generated, unwanted) {
				t.Errorf("%s: the generated configuration has %q:\n%s", tc.block, unwanted, generated)
			}
		}
		// The user fills in the secrets, which JP1 never returns.
		for attr, value := range tc.secrets {
			line := regexp.MustCompile(`(?m)^(\s*)` + attr + `\s*=.*$`)
			if line.MatchString(generated) {
				generated = line.ReplaceAllString(generated, "${1}"+attr+" = "+fmt.Sprintf("%q", value))
			} else {
				generated = strings.Replace(generated, tc.block+" {", tc.block+" {\n    "+attr+" = "+fmt.Sprintf("%q", value), 1)
			}
		}
		filled.WriteString(generated + "\n")
	}
	if err := os.WriteFile(filepath.Join(w.dir, "generated.tf"), []byte(filled.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, code := w.run(nil, "plan", "-input=false", "-detailed-exitcode"); code == 1 {
		t.Fatalf("the generated configuration does not plan:\n%s\n%s", filled.String(), out)
	}
	w.must(nil, "apply", "-input=false", "-auto-approve")
	if out, code := w.run(nil, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("after applying the generated configuration the plan is not empty (exit %d):\n%s\n%s", code, filled.String(), out)
	}
	for i, tc := range cases {
		got, _ := fake.CredentialByName(tc.cred.Name)
		if got.InstanceID != int64(i+1) {
			t.Errorf("%s: the imported credential was replaced: %+v", tc.block, got)
		}
	}
	if n := len(fake.Credentials()); n != len(cases) {
		t.Errorf("the fake holds %d credentials, want %d", n, len(cases))
	}
}

// resourceSections splits a generated configuration into its resource blocks,
// by resource name.
func resourceSections(hcl string) map[string]string {
	header := regexp.MustCompile(`(?m)^resource "jp1_analytics_credential" "([^"]+)" \{`)
	starts := header.FindAllStringSubmatchIndex(hcl, -1)
	sections := map[string]string{}
	for i, m := range starts {
		end := len(hcl)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		sections[hcl[m[2]:m[3]]] = hcl[m[0]:end]
	}
	return sections
}
