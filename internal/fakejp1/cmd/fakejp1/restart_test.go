package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// fakejp1 -h names every tool, not only the flags of the server.
func TestUsageListsTheTools(t *testing.T) {
	var errOut syncBuffer
	if err := run(context.Background(), []string{"-h"}, io.Discard, &errOut); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run -h: %v", err)
	}
	for name := range tools {
		if !strings.Contains(errOut.String(), "\n    "+name+" ") || toolUsage[name] == "" {
			t.Errorf("-h does not describe the tool %q:\n%s", name, errOut.String())
		}
	}
	if !strings.Contains(errOut.String(), "-state-file") {
		t.Errorf("-h lacks the flags:\n%s", errOut.String())
	}
}

// A fixed port still held a moment (a fake that is shutting down) is waited
// for, so an immediate restart works.
func TestRunWaitsForAPortStillHeld(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := held.Addr().String()
	go func() {
		time.Sleep(300 * time.Millisecond)
		held.Close()
	}()
	url, _, stop := mustServe(t, "-addr", addr, "-proxy-processing", "0s")
	defer stop()
	if !strings.HasSuffix(url, addr) {
		t.Errorf("listening on %s, want %s", url, addr)
	}
}

// mustServe runs the command with args until stop is called and returns its
// base URL and output; a run that fails to start fails the test.
func mustServe(t *testing.T, args ...string) (string, *syncBuffer, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urlFile := filepath.Join(t.TempDir(), "url")
	out := &syncBuffer{}
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, append(args, "-url-file", urlFile), out, io.Discard) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(urlFile); err == nil {
			return strings.TrimSpace(string(b)), out, func() {
				cancel()
				if err := <-errc; err != nil {
					t.Errorf("run: %v", err)
				}
			}
		}
		select {
		case err := <-errc:
			cancel()
			t.Fatalf("run %q: %v", args, err)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no URL file; output %q", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Under `go run`, which does not pass SIGTERM on, the fake stops once its
// parent is gone (it is handed to another process).
func TestWatchParentStopsWhenTheParentIsGone(t *testing.T) {
	parent := 4242
	var ppid atomic.Int32
	ppid.Store(4242)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stopped := make(chan struct{})
	go watchParent(ctx, func() { close(stopped) }, &parent, func() int { return int(ppid.Load()) }, time.Millisecond)
	select {
	case <-stopped:
		t.Fatal("stopped while the parent lives")
	case <-time.After(20 * time.Millisecond):
	}
	ppid.Store(1)
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("did not stop when the parent was gone")
	}
}

// -state-file: what the fake holds survives a restart; the file is the
// owner's alone (it holds every secret).
func TestRunStateFileSurvivesARestart(t *testing.T) {
	state := filepath.Join(t.TempDir(), "fake-state.json")
	serve := func() (string, *syncBuffer, func()) {
		return mustServe(t, "-state-file", state, "-proxy-processing", "0s")
	}

	url, out, stop := serve()
	if !strings.Contains(out.String(), "state file "+state+": new, nothing loaded") {
		t.Errorf("first start: %q", out.String())
	}
	secrets := filepath.Join(t.TempDir(), "secrets.json")
	if err := runSeedEstate(context.Background(), []string{"-url", url, "-count", "2", "-secrets-file", secrets}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	stop() // as on SIGTERM: the last changes are written

	info, err := os.Stat(state)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600", info.Mode().Perm())
	}
	var saved fakejp1.Snapshot
	if b, err := os.ReadFile(state); err != nil || json.Unmarshal(b, &saved) != nil {
		t.Fatalf("state file: %v", err)
	}
	if len(saved.IMClients) != 2 || len(saved.ProxyUsers) != 2 || len(saved.LowerManagers) != 2 || len(saved.Credentials) != 10 {
		t.Fatalf("saved %s", saved.Objects())
	}

	url, out, stop = serve()
	defer stop()
	if want := "loaded " + saved.Objects(); !strings.Contains(out.String(), want) {
		t.Errorf("restart: %q, want %q", out.String(), want)
	}
	// The restarted fake serves them through the API.
	body, err := toolRequest(context.Background(), "GET", url+"/Analytics/v1/objects/Credentials/"+itoa(saved.Credentials[0].InstanceID),
		fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword, nil)
	if err != nil || !strings.Contains(string(body), saved.Credentials[0].Name) {
		t.Errorf("credential %d after the restart: %s %v", saved.Credentials[0].InstanceID, body, err)
	}
}
