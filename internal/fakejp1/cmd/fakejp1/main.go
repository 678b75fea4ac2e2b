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
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	neturl "net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

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
	addr := fs.String("addr", "127.0.0.1:0", "listen address host:port (port 0 picks a free port); "+
		"beyond loopback, the unauthenticated control endpoints and the well-known logins are open to the network")
	latency := fs.Duration("latency", 0, "delay added to every API request")
	proxy := fs.Duration("proxy-processing", fakejp1.DefaultProxyProcessingTime,
		"how long each proxyUsers call holds the exclusive lock")
	imBasic := fs.Bool("im-basic", false,
		"accept HTTP Basic authentication on the IM API (off by default, as on a manager without jp1.imdd.authBasic=true)")
	oaDefaultPorts := fs.Bool("oa-default-ports", false,
		"report the protocol's default port (22 SSH, 5989 WBEM, 161 SNMP) for Analytics credentials saved without one")
	urlFile := fs.String("url-file", "", "write the base URL to this file once listening")
	certFile := fs.String("tls-cert", "", "PEM certificate file: serve HTTPS (needs -tls-key)")
	keyFile := fs.String("tls-key", "", "PEM private key file for -tls-cert")
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
	s.SetOADefaultPorts(*oaDefaultPorts)
	dialURL, err := s.StartOn(*addr, tlsConfig)
	if err != nil {
		return err
	}
	defer s.Close()
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
	if *urlFile != "" {
		if err := writeFileAtomic(*urlFile, url+"\n"); err != nil {
			return err
		}
	}
	<-ctx.Done()
	return nil
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
		{"Analytics", fakejp1.OAAdminUser, fakejp1.OAAdminPassword, "Admin"},
		{"Analytics", fakejp1.OAUserUser, fakejp1.OAUserPassword, "no Admin"},
	} {
		fmt.Fprintf(w, "  %-9s user %-12s password %-22s (%s)\n", u.product, u.user, u.password, u.role)
	}
}

// writeFileAtomic writes via a temporary file and a rename, so a script that
// polls for the file never reads half a URL.
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
