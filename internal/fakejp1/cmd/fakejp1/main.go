// Command fakejp1 runs the bundled fake JP1 server (JP1/IM Manager and
// JP1/Operations Analytics REST APIs on one port) for demos and manual trials.
//
// It prints "fakejp1 listening on <URL>" as its first line, then the users it
// accepts, and serves until SIGINT or SIGTERM.
//
// Tools act on a running server from outside: "fakejp1 set-port -url U
// -credential ID -port P" changes an Analytics credential's port through the
// REST API, as another administrator would; "fakejp1 counts -url U" prints the
// fake's request counters; "fakejp1 set-related -url U -credential ID -count N"
// and "fakejp1 register-client -url U -client-id AGENT_host1" do what only JP1
// itself does (mark a credential in use, register a system client ID); "fakejp1 unreachable
// -url U -host H" makes a lower manager unreachable, so deleting it answers with
// the KAJY68204-W warning; "fakejp1 seed-estate -url U -count N -secrets-file F"
// makes an estate by hand for `terraform query` to adopt (examples/adopt-estate).
//
// "fakejp1 -h" lists the flags and the tools. With -state-file F, what the fake
// holds (the objects and their secrets, not users, sessions or counters) is
// loaded from F at start, if it exists, and written to F, mode 0600, within a
// second of each change and at shutdown, so a restart keeps it.
//
// A fixed -addr whose port is still held (by a fake that is exiting) is
// retried for up to 5 seconds. Started by `go run`, which does not pass
// SIGTERM on to the program it built, the fake also shuts down when `go run`
// is gone, rather than keep the port: a restart right after works.
//
// It listens on loopback unless told otherwise, and on loopback answers only
// requests naming a loopback host (localhost, 127.0.0.0/8, [::1]), so that a
// web page cannot reach it by DNS rebinding. The /_fake/ control endpoints
// take JSON bodies only and refuse requests from web pages (an Origin that is
// not loopback); every request body is limited to 1 MiB. Given an -addr
// beyond loopback (0.0.0.0:PORT, a LAN address), it prints the address it
// listens on and a warning on the error output: anyone who can reach that
// address can use the control endpoints and log in with the well-known users.
package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	neturl "net/url"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	if len(os.Args) > 1 && tools[os.Args[1]] != nil {
		err = tools[os.Args[1]](ctx, os.Args[2:], os.Stdout, os.Stderr)
	} else {
		err = run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, "fakejp1:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakejp1", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(fs, stderr) }
	addr := fs.String("addr", "127.0.0.1:0", "listen address host:port (port 0 picks a free port); "+
		"beyond loopback, the unauthenticated control endpoints and the well-known logins are open to the network")
	latency := fs.Duration("latency", 0, "delay added to every API request")
	proxy := fs.Duration("proxy-processing", fakejp1.DefaultProxyProcessingTime,
		"how long each proxyUsers call holds the exclusive lock")
	imBasic := fs.Bool("im-basic", false,
		"accept HTTP Basic authentication on the IM API (off by default, as on a manager without jp1.imdd.authBasic=true)")
	analyticsDefaultPorts := fs.Bool("oa-default-ports", false,
		"report the protocol's default port (22 SSH, 5989 WBEM, 161 SNMP) for Analytics credentials saved without one")
	urlFile := fs.String("url-file", "", "write the base URL to this file once listening")
	certFile := fs.String("tls-cert", "", "PEM certificate file: serve HTTPS (needs -tls-key)")
	keyFile := fs.String("tls-key", "", "PEM private key file for -tls-cert")
	stateFile := fs.String("state-file", "", "load what the fake holds from this file at start (if it exists) and keep it "+
		"there (mode 0600: it holds every secret), so a restart keeps the objects")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}

	tlsConfig, err := loadTLS(*certFile, *keyFile)
	if err != nil {
		return err
	}
	s := fakejp1.New()
	s.SetLatency(*latency)
	s.SetProxyProcessingTime(*proxy)
	s.SetIMBasicAuth(*imBasic)
	s.SetAnalyticsDefaultPorts(*analyticsDefaultPorts)
	loaded, err := loadState(s, *stateFile)
	if err != nil {
		return err
	}
	dialURL, err := startOn(ctx, s, *addr, tlsConfig)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	if goRunParent != nil {
		go watchParent(ctx, stopWatching, goRunParent, os.Getppid, 200*time.Millisecond)
	}
	url, beyond := listenURL(*addr, dialURL)
	if beyond {
		// Served to the network on purpose: the machine's own names are
		// expected in the Host header. Set before the address is printed, so
		// no client that read it is refused.
		s.SetAllowAnyHost(true)
		warnBeyondLoopback(stderr, url, dialURL)
	}

	// os.Stdout is unbuffered, so a parent reading the pipe sees this at once.
	if _, err := fmt.Fprintf(stdout, "fakejp1 listening on %s\n", url); err != nil {
		return err
	}
	printUsers(stdout)
	if *stateFile != "" {
		fmt.Fprintf(stdout, "  state file %s: %s\n", *stateFile, loaded)
	}
	if *urlFile != "" {
		if err := writeFileAtomic(*urlFile, url+"\n"); err != nil {
			return err
		}
	}
	if *stateFile == "" {
		<-ctx.Done()
		return nil
	}
	return keepState(ctx, s, *stateFile, time.Second)
}

// usage is `fakejp1 -h`: how to serve, the tools, and the flags of serving.
func usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "Usage:\n  fakejp1 [flags]            serve the fake JP1 until SIGINT or SIGTERM\n"+
		"  fakejp1 <tool> [flags]     act on a running fake (fakejp1 <tool> -h for its flags):\n")
	names := make([]string, 0, len(tools))
	for name := range tools {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(w, "    %-16s %s\n", name, toolUsage[name])
	}
	fmt.Fprintf(w, "\nFlags of fakejp1 [flags]:\n")
	fs.PrintDefaults()
}

// startOn starts s on addr. A fixed port still held by another process (a fake
// that is shutting down) is tried again for up to 5 seconds.
func startOn(ctx context.Context, s *fakejp1.Server, addr string, tlsConfig *tls.Config) (string, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		url, err := s.StartOn(addr, tlsConfig)
		if err == nil || !errors.Is(err, syscall.EADDRINUSE) || time.Now().After(deadline) {
			return url, err
		}
		select {
		case <-ctx.Done():
			return "", err
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// goRunParent is the process ID of the `go run` that started this fake, or
// nil: `go run` builds the program under a go-build directory and, when it
// gets SIGTERM, exits without passing it on.
var goRunParent = func() *int {
	exe, err := os.Executable()
	if err != nil || !strings.Contains(filepath.ToSlash(exe), "/go-build") {
		return nil
	}
	ppid := os.Getppid()
	return &ppid
}()

// watchParent calls stop once getppid no longer returns *parent (the parent
// exited and the fake was handed to another process), checking every interval.
func watchParent(ctx context.Context, stop func(), parent *int, getppid func() int, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if getppid() != *parent {
				stop()
				return
			}
		}
	}
}

// loadState restores s from path, if it exists, and says what it found.
func loadState(s *fakejp1.Server, path string) (string, error) {
	if path == "" {
		return "", nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "new, nothing loaded", nil
	}
	if err != nil {
		return "", err
	}
	if err := s.UnmarshalSnapshot(data); err != nil {
		return "", fmt.Errorf("state file %s: %w", path, err)
	}
	return "loaded " + s.Snapshot().Objects(), nil
}

// keepState writes what s holds to path whenever it changed, checking every
// interval, and once more when ctx ends.
func keepState(ctx context.Context, s *fakejp1.Server, path string, interval time.Duration) error {
	var last []byte
	save := func() error {
		data, err := s.MarshalSnapshot()
		if err != nil || bytes.Equal(data, last) {
			return err
		}
		if err := writeFileAtomic(path, string(data)+"\n"); err != nil {
			return err
		}
		last = data
		return nil
	}
	if err := save(); err != nil {
		return err
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return save()
		case <-t.C:
			if err := save(); err != nil {
				return err
			}
		}
	}
}

// listenURL returns the base URL of the address the server listens on, given
// the -addr flag and the dialable URL StartOn returned (which shows 127.0.0.1
// for a wildcard address), and whether that address reaches beyond loopback.
func listenURL(addr, dialURL string) (string, bool) {
	u, err := neturl.Parse(dialURL)
	if err != nil {
		return dialURL, true
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err == nil && (host == "" || ip != nil && ip.IsUnspecified()) {
		if host == "" {
			host = "0.0.0.0"
		}
		u.Host = net.JoinHostPort(host, u.Port())
		return u.String(), true
	}
	ip := net.ParseIP(u.Hostname())
	return dialURL, ip == nil || !ip.IsLoopback()
}

// warnBeyondLoopback says loudly that the fake, its control endpoints and its
// well-known logins are reachable from the network.
func warnBeyondLoopback(w io.Writer, url, dialURL string) {
	u, _ := neturl.Parse(url)
	fmt.Fprintf(w, `fakejp1: WARNING: listening on %s, BEYOND LOOPBACK.
fakejp1: WARNING: anyone on the network who can reach it can use the unauthenticated /_fake/
fakejp1: WARNING: control endpoints and log in with the well-known logins printed on the output,
fakejp1: WARNING: and so read every secret the fake stores. Use -addr 127.0.0.1:0 unless you mean it.
`, u.Host)
	if dialURL != url {
		fmt.Fprintf(w, "fakejp1: from this machine: %s\n", dialURL)
	}
}

func loadTLS(certFile, keyFile string) (*tls.Config, error) {
	if certFile == "" && keyFile == "" {
		return nil, nil
	}
	if certFile == "" || keyFile == "" {
		return nil, errors.New("-tls-cert and -tls-key go together")
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

func printUsers(w io.Writer) {
	for _, u := range []struct{ product, user, password, role string }{
		{"IM", fakejp1.IMAdminUser, fakejp1.IMAdminPassword, fakejp1.PermConsoleAdmin},
		{"IM", fakejp1.IMOperatorUser, fakejp1.IMOperatorPassword, fakejp1.PermConsoleOperator},
		{"IM", fakejp1.IMUserUser, fakejp1.IMUserPassword, fakejp1.PermConsoleUser},
		{"Analytics", fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword, "Admin"},
		{"Analytics", fakejp1.AnalyticsUserUser, fakejp1.AnalyticsUserPassword, "no Admin"},
	} {
		fmt.Fprintf(w, "  %-9s user %-12s password %-22s (%s)\n", u.product, u.user, u.password, u.role)
	}
}

// writeFileAtomic writes via a temporary file (mode 0600) and a rename, so a
// script that polls for the file never reads half a URL, and a state file is
// never half written.
func writeFileAtomic(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fakejp1-url-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
