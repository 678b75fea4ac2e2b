package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

func TestSetPortChangesTheCredentialThroughTheAPI(t *testing.T) {
	s, url := fakejp1test.Start(t)
	user, password, port := "root", "ssh-secret", int64(22)
	id := s.PutCredential(fakejp1.Credential{Name: "ssh-linux", CredentialType: "SSH", UserID: &user,
		Password: &password, PortNumber: &port})
	t.Setenv("JP1_ANALYTICS_USERNAME", fakejp1.AnalyticsAdminUser)
	t.Setenv("JP1_ANALYTICS_PASSWORD", fakejp1.AnalyticsAdminPassword)
	s.ResetCounts()

	var out bytes.Buffer
	err := runSetPort(context.Background(), []string{"-url", url, "-credential", itoa(id), "-port", "2222"}, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Credential(id)
	if c.PortNumber == nil || *c.PortNumber != 2222 || c.UserID == nil || *c.UserID != "root" ||
		c.Password == nil || *c.Password != password {
		t.Fatalf("after set-port: %+v", c)
	}
	if got := out.String(); !strings.Contains(got, "portNumber 22 -> 2222") {
		t.Fatalf("output %q", got)
	}
	if s.TotalRequests() != 2 {
		t.Fatalf("%d requests, want a GET and a PUT: %v", s.TotalRequests(), s.Counts())
	}
}

func TestSetPortErrors(t *testing.T) {
	s, url := fakejp1test.Start(t)
	user := "u"
	wmi := s.PutCredential(fakejp1.Credential{Name: "wmi", CredentialType: "WMI", UserID: &user})
	t.Setenv("JP1_ANALYTICS_USERNAME", fakejp1.AnalyticsAdminUser)
	t.Setenv("JP1_ANALYTICS_PASSWORD", "wrong")
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"port out of range": {[]string{"-url", url, "-credential", "1", "-port", "70000"}, "1-65535"},
		"wrong password":    {[]string{"-url", url, "-credential", itoa(wmi), "-port", "22"}, "HTTP 401"},
	} {
		err := runSetPort(context.Background(), tc.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	t.Setenv("JP1_ANALYTICS_PASSWORD", fakejp1.AnalyticsAdminPassword)
	err := runSetPort(context.Background(), []string{"-url", url, "-credential", itoa(wmi), "-port", "22"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no portNumber") {
		t.Errorf("WMI credential: %v", err)
	}
}

func TestCountsPrintsSortedCounters(t *testing.T) {
	s, url := fakejp1test.Start(t)
	for range 3 {
		if _, err := toolRequest(context.Background(), "GET", url+"/im/api/version", "", "", nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := toolRequest(context.Background(), "GET", url+"/Analytics/v1/configuration/version",
		fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword, nil); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runCounts(context.Background(), []string{"-url", url}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(s.Counts()) || len(lines) != 2 {
		t.Fatalf("%d lines for %v:\n%s", len(lines), s.Counts(), out.String())
	}
	if f := strings.Fields(lines[0]); f[1] != "/Analytics/v1/configuration/version" || f[2] != "1" {
		t.Errorf("first line %q", lines[0])
	}
	if f := strings.Fields(lines[1]); f[1] != "/im/api/version" || f[2] != "3" {
		t.Errorf("second line %q", lines[1])
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestSetRelatedAndRegisterClient(t *testing.T) {
	s, url := fakejp1test.Start(t)
	id := s.PutCredential(fakejp1.Credential{Name: "snmp", CredentialType: "SNMP"})
	var out bytes.Buffer
	if err := runSetRelated(context.Background(), []string{"-url", url, "-credential", itoa(id), "-count", "2"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Credential(id); c.NumOfRelatedResources != 2 || !strings.Contains(out.String(), "numOfRelatedResources 2") {
		t.Errorf("after set-related: %d, output %q", c.NumOfRelatedResources, out.String())
	}
	if err := runSetRelated(context.Background(), []string{"-url", url, "-credential", itoa(id + 1)}, io.Discard, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("unknown credential: %v", err)
	}
	if err := runRegisterClient(context.Background(), []string{"-url", url, "-client-id", "AGENT_host1"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := runRegisterClient(context.Background(), []string{"-url", url, "-client-id", "grafana"}, io.Discard, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "HTTP 400") {
		t.Errorf("a non-system ID: %v", err)
	}
	if ids := s.IMClientIDs(); len(ids) != 1 || ids[0] != "AGENT_host1" {
		t.Errorf("client IDs = %v", ids)
	}
}

func TestUnreachableMarksTheLowerManager(t *testing.T) {
	s, url := fakejp1test.Start(t)
	s.PutLowerManager("lower01", "initial")
	s.SetIMBasicAuth(true) // toolRequest authenticates with Basic
	var out bytes.Buffer
	if err := runUnreachable(context.Background(), []string{"-url", url, "-host", "lower01"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "lower01 is now unreachable") {
		t.Errorf("output %q", out.String())
	}
	answer, err := toolRequest(context.Background(), "POST", url+"/im/api/v1/subManagers/deleteInfo",
		fakejp1.IMAdminUser, fakejp1.IMAdminPassword, []byte(`{"subManagers":["lower01"]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(answer), "KAJY68204-W") {
		t.Errorf("deleteInfo of an unreachable host answered %s", answer)
	}
	if err := runUnreachable(context.Background(), []string{"-url", url}, io.Discard, io.Discard); err == nil {
		t.Error("no -host: no error")
	}
}

// seed-estate makes the estate through the control endpoint, prints no
// secret, and writes every secret the estate was made with for TF_VAR_jp1_secrets.
func TestSeedEstateWritesTheSecretsNotTheOutput(t *testing.T) {
	s, url := fakejp1test.Start(t)
	file := filepath.Join(t.TempDir(), "secrets.json")
	var out bytes.Buffer
	if err := runSeedEstate(context.Background(), []string{"-url", url, "-prefix", "gui", "-count", "2", "-secrets-file", file}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if len(s.IMClientIDs()) != 2 || len(s.ProxyUsers()) != 2 || len(s.LowerManagers()) != 2 || len(s.Credentials()) != 10 {
		t.Fatalf("the fake holds %v, %v, %v and %d credentials", s.IMClientIDs(), s.ProxyUsers(), s.LowerManagers(), len(s.Credentials()))
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var secrets map[string]string
	if err := json.Unmarshal(raw, &secrets); err != nil {
		t.Fatal(err)
	}
	// 2 proxy passwords, 2 initial secrets, and per count: WMI 1, SSH 2, WBEM 1, SNMP v2 1, SNMPv3 2.
	if len(secrets) != 2+2+2*7 {
		t.Errorf("%d secrets written, want 18: %v", len(secrets), secrets)
	}
	if pw, _ := s.ProxyPassword("gui-proxy-1"); secrets["jp1_proxy_user.gui-proxy-1.password"] != pw {
		t.Errorf("proxy password of gui-proxy-1 not written as jp1_proxy_user.gui-proxy-1.password")
	}
	c, _ := s.CredentialByName("gui-ssh-2")
	if secrets["jp1_analytics_credential.gui-ssh-2.root_password"] != *c.RootPassword {
		t.Errorf("root password of gui-ssh-2 not written")
	}
	for _, v := range secrets {
		if strings.Contains(out.String(), v) {
			t.Fatalf("a secret was printed: %q", out.String())
		}
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
		t.Errorf("secrets file mode %v, want 0600", info.Mode().Perm())
	}
}
