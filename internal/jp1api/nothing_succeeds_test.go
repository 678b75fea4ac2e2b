package jp1api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Issue 18 §3: when nothing can succeed, the client says so once and quickly.
// Every test counts what reached the network (dials made, connections or
// requests a server saw), never the time taken.

// dialCounter counts the connections h's transport dials. Hosts under
// .invalid never resolve (RFC 6761): their dial fails with the DNS error a
// resolver gives, IsNotFound (no such host), or IsTemporary for the names
// under dns-down.invalid (a resolver that cannot be reached), whatever
// resolver the machine running the tests has.
type dialCounter struct{ n atomic.Int32 }

func countDials(h *HTTP, before func(n int32)) *dialCounter {
	d := &dialCounter{}
	tr := h.client.HTTPClient.Transport.(*loggingTransport).base.(*http.Transport)
	dial := tr.DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		n := d.n.Add(1)
		if before != nil {
			before(n)
		}
		host, _, _ := net.SplitHostPort(addr)
		switch {
		case strings.HasSuffix(host, ".dns-down.invalid"):
			return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "server misbehaving", Name: host, IsTemporary: true}}
		case strings.HasSuffix(host, ".invalid"):
			return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
		}
		return dial(ctx, network, addr)
	}
	return d
}

// closedPort returns an address where nothing listens (connections refused).
func closedPort(t *testing.T) string { return closedPorts(t, 1)[0] }

// closedPorts returns n distinct addresses where nothing listens (all are
// listened on before any is closed, so none is handed out twice).
func closedPorts(t *testing.T, n int) []string {
	t.Helper()
	var addrs []string
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = ln.Close() }()
		addrs = append(addrs, ln.Addr().String())
	}
	return addrs
}

// isShort reports the one-line error of a call that was not attempted
// because an earlier call found the cause.
func isShort(err error) bool {
	return err != nil && strings.HasPrefix(err.Error(), "not attempted: ") && strings.Contains(err.Error(), "see the first error") &&
		!strings.ContainsAny(err.Error(), "\n")
}

// checkFirstThenShort asserts that errs[0] is the full error of the cause and
// every later one the short error that names the product and the endpoint,
// with the same cause, never a possible create.
func checkFirstThenShort(t *testing.T, errs []error, cause Cause, hint, product, base string) {
	t.Helper()
	for i, err := range errs {
		var e *APIError
		switch {
		case !errors.As(err, &e):
			t.Errorf("call %d: %v, want an APIError", i+1, err)
		case e.Cause != cause:
			t.Errorf("call %d: cause %d, want %d: %v", i+1, e.Cause, cause, err)
		case MayHaveCreated(err):
			t.Errorf("call %d: a call that was not sent may have created nothing: %v", i+1, err)
		case i == 0 && (isShort(err) || !strings.Contains(err.Error(), hint)):
			t.Errorf("call 1: %v, want the full error with %q", err, hint)
		case i > 0 && (!isShort(err) || !strings.Contains(err.Error(), base)):
			t.Errorf("call %d: %v, want the one-line error naming %s", i+1, err, base)
		case i > 0 && (!strings.Contains(err.Error(), product) || strings.Contains(err.Error(), hint)):
			t.Errorf("call %d: %v, want %s named and not the full error again", i+1, err, product)
		}
	}
}

// An https endpoint on a plain HTTP server, a certificate that fails
// verification and a host name that does not resolve cannot succeed in this
// run: one attempt, not retried, and every later call of either product to
// that endpoint fails at once, without a connection. So does an http endpoint
// on an HTTPS server, which answers 400 (never retried) to every call.
func TestPermanentTransportErrorsEndTheRun(t *testing.T) {
	t.Parallel()
	var plainConns, tlsConns atomic.Int32
	plain := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	plain.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			plainConns.Add(1)
		}
	}
	plain.Start()
	defer plain.Close()
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	tlsSrv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			tlsConns.Add(1)
		}
	}
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshakes refused by the client
	tlsSrv.StartTLS()                                   // its CA is not given to the client
	defer tlsSrv.Close()

	for _, tc := range []struct {
		name, base string
		conns      *atomic.Int32 // connections the server saw (nil: no server)
		cause      Cause
		hint       string
	}{
		{"https endpoint on a plain HTTP server", "https://" + plain.Listener.Addr().String(), &plainConns, CauseNotHTTPS, "does not speak TLS"},
		{"certificate that fails verification", tlsSrv.URL, &tlsConns, CauseUntrustedCA, "does not trust"},
		{"host name that does not resolve", "http://jp1.invalid:20703", nil, CauseUnknown, "does not resolve"},
		{"http endpoint on an HTTPS server", "http://" + tlsSrv.Listener.Addr().String(), &tlsConns, CauseHTTPSRequired, "speaks only HTTPS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.conns != nil {
				tc.conns.Store(0)
			}
			h := testHTTP()
			dials := countDials(h, nil)
			im := NewIMClient(h, IMConfig{Endpoint: tc.base, Username: imUser, Password: imPass})
			oa := NewAnalyticsClient(h, AnalyticsConfig{Endpoint: tc.base, Username: analyticsUser, Password: analyticsPass})
			var imErrs, analyticsErrs []error
			for i := range 12 {
				_, err := im.IssueClientSecret(ctxTimeout(t), fmt.Sprintf("client-%d", i))
				imErrs = append(imErrs, err)
			}
			for i := range 12 {
				_, err := oa.CreateCredential(ctxTimeout(t), sshCredential(fmt.Sprintf("host-%d", i)))
				analyticsErrs = append(analyticsErrs, err)
			}
			if n := dials.n.Load(); n != 1 {
				t.Errorf("%d dials for 24 calls, want 1 (one attempt, then none)", n)
			}
			if tc.conns != nil && tc.conns.Load() != 1 {
				t.Errorf("the server saw %d connections, want 1", tc.conns.Load())
			}
			checkFirstThenShort(t, imErrs, tc.cause, tc.hint, "JP1/IM - Manager", tc.base)
			checkFirstThenShort(t, append([]error{imErrs[0]}, analyticsErrs...), tc.cause, tc.hint, "JP1/Operations Analytics", tc.base)
		})
	}
}

// A DNS error that is not "no such host" (the resolver could not be asked) may
// pass: it is retried with the whole budget, and each call tries again.
func TestTemporaryDNSErrorIsRetried(t *testing.T) {
	t.Parallel()
	h := testHTTP()
	dials := countDials(h, nil)
	for range 2 {
		_, _, err := h.do(ctxTimeout(t), "http://jp1.dns-down.invalid:20703", &request{method: http.MethodGet, path: "/x"})
		if err == nil || isShort(err) {
			t.Fatalf("%v, want the full error", err)
		}
	}
	if n := dials.n.Load(); n != 10 {
		t.Errorf("%d dials, want 2 calls x 5 attempts", n)
	}
}

// An endpoint that refuses every attempt of a call's budget is unreachable for
// the rest of the run: later calls of both products fail at once.
func TestRefusedForAWholeBudgetIsUnreachable(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxAttempts = 4
	h := NewHTTP(opts)
	dials := countDials(h, nil)
	base := "http://" + closedPort(t)
	oa := NewAnalyticsClient(h, AnalyticsConfig{Endpoint: base, Username: analyticsUser, Password: analyticsPass})
	im := NewIMClient(h, IMConfig{Endpoint: base, Username: imUser, Password: imPass})
	var errs []error
	for i := range 12 {
		_, err := oa.CreateCredential(ctxTimeout(t), sshCredential(fmt.Sprintf("host-%d", i)))
		errs = append(errs, err)
	}
	if n := dials.n.Load(); n != 4 {
		t.Errorf("%d dials for 12 creates, want 4 (the first call's budget)", n)
	}
	checkFirstThenShort(t, errs, CauseUnknown, "nothing answers at that address", "JP1/Operations Analytics", base)
	if !strings.Contains(errs[0].Error(), "(after 4 attempts)") {
		t.Errorf("first error %v, want its 4 attempts", errs[0])
	}
	_, err := im.ListClientIDs(ctxTimeout(t))
	checkFirstThenShort(t, []error{errs[0], err}, CauseUnknown, "nothing answers at that address", "JP1/IM - Manager", base)
	if n := dials.n.Load(); n != 4 {
		t.Errorf("%d dials after the IM call, want still 4", n)
	}
}

// Calls waiting at the gate for the first call's outcome fail as soon as it
// found the endpoint unreachable: they do not each spend a budget in turn.
// (IM calls that wait for one shared request, a listing, share its error:
// one error value, which the provider shows once.)
func TestWaitingCallsFailWithTheFirst(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxAttempts = 3
	h := NewHTTP(opts)
	dials := countDials(h, nil)
	ports := closedPorts(t, 2)
	oa := NewAnalyticsClient(h, AnalyticsConfig{Endpoint: "http://" + ports[0], Username: analyticsUser, Password: analyticsPass})
	im := NewIMClient(h, IMConfig{Endpoint: "http://" + ports[1], Username: imUser, Password: imPass})
	var mu sync.Mutex
	full := map[*APIError]int{} // the distinct errors that are not one line, by value
	short := 0
	var wg sync.WaitGroup
	for i := range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if i%2 == 0 {
				_, err = oa.CreateCredential(ctxTimeout(t), sshCredential(fmt.Sprintf("host-%d", i)))
			} else {
				_, err = im.IssueClientSecret(ctxTimeout(t), fmt.Sprintf("client-%d", i))
			}
			var e *APIError
			if !errors.As(err, &e) {
				t.Errorf("call %d: %v, want an APIError", i, err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if isShort(err) {
				short++
			} else {
				full[e]++
			}
		}()
	}
	wg.Wait()
	if n := dials.n.Load(); n != 6 {
		t.Errorf("%d dials for 24 concurrent calls, want 6 (one budget of 3 per endpoint)", n)
	}
	analyticsFull, imFull := 0, 0
	for e, calls := range full {
		switch {
		case strings.HasPrefix(e.Endpoint, "/Analytics/") && calls == 1:
			analyticsFull++
		case strings.HasPrefix(e.Endpoint, "/im/"):
			imFull++
		default:
			t.Errorf("%d calls returned the full error %v", calls, e)
		}
	}
	if analyticsFull != 1 || imFull != 1 || short+full[firstKey(full, "/im/")] != 23 {
		t.Errorf("full errors (value: calls) %v and %d one-line errors; want 1 OA call with the full error, one IM error value, "+
			"every other call with the one-line error", full, short)
	}
}

// firstKey returns an error of m whose endpoint starts with prefix.
func firstKey(m map[*APIError]int, prefix string) *APIError {
	for e := range m {
		if strings.HasPrefix(e.Endpoint, prefix) {
			return e
		}
	}
	return nil
}

// An endpoint that never answers in time for a whole budget is unreachable
// too; the call that timed out keeps its own outcome (its create may have
// been processed), and the calls after it were never sent.
func TestTimedOutForAWholeBudgetIsUnreachable(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		_, _ = io.Copy(io.Discard, r.Body) // the request arrived in full
		select {                           // and is never answered
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	opts := testOptions()
	opts.MaxAttempts = 2
	opts.RequestTimeout = 300 * time.Millisecond // long enough for every attempt to be sent on a busy machine
	h := NewHTTP(opts)
	oa := NewAnalyticsClient(h, AnalyticsConfig{Endpoint: srv.URL, Username: analyticsUser, Password: analyticsPass})
	_, first := oa.CreateCredential(ctxTimeout(t), sshCredential("host-0"))
	if CauseOf(first) != CauseTimeout || !MayHaveCreated(first) || isShort(first) {
		t.Fatalf("first create: %v (may have created: %v), want the full timeout error of a create that may have been processed",
			first, MayHaveCreated(first))
	}
	var errs []error
	for i := 1; i < 4; i++ {
		_, err := oa.CreateCredential(ctxTimeout(t), sshCredential(fmt.Sprintf("host-%d", i)))
		errs = append(errs, err)
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("the server saw %d requests, want 2 (the first call's budget)", n)
	}
	for i, err := range errs {
		if !isShort(err) || MayHaveCreated(err) || CauseOf(err) != CauseTimeout {
			t.Errorf("create %d: %v, want the one-line error (nothing created)", i+2, err)
		}
	}
}

// A call cancelled by Terraform (Ctrl-C) proves nothing about the endpoint:
// the next call tries again with its whole budget.
func TestCancelledCallDoesNotMarkUnreachable(t *testing.T) {
	t.Parallel()
	opts := testOptions()
	opts.MaxAttempts = 3
	h := NewHTTP(opts)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dials := countDials(h, func(n int32) {
		if n == 1 {
			cancel() // the first attempt is refused; the call is cancelled before its retry
		}
	})
	base := "http://" + closedPort(t)
	oa := NewAnalyticsClient(h, AnalyticsConfig{Endpoint: base, Username: analyticsUser, Password: analyticsPass})
	if _, err := oa.CreateCredential(ctx, sshCredential("host-0")); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled call: %v", err)
	}
	_, err := oa.CreateCredential(ctxTimeout(t), sshCredential("host-1"))
	if err == nil || isShort(err) || !strings.Contains(err.Error(), "(after 3 attempts)") {
		t.Errorf("the call after the cancelled one: %v, want its own 3 attempts", err)
	}
	_, err = oa.CreateCredential(ctxTimeout(t), sshCredential("host-2"))
	if !isShort(err) {
		t.Errorf("the call after a whole budget refused: %v, want the one-line error", err)
	}
	if n := dials.n.Load(); n != 4 {
		t.Errorf("%d dials, want 1 + 3", n)
	}
}

// A server that takes connections and drops them answers nothing, but it is
// there: a dropped connection is a lost answer, never "unreachable", and the
// next call tries again.
func TestDroppedConnectionsAreNotUnreachable(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		dropConnection(t, w)
	}))
	defer srv.Close()
	h := testHTTP()
	for range 2 {
		if _, _, err := h.do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x"}); err == nil || isShort(err) {
			t.Fatalf("%v, want the full error", err)
		}
	}
	if n := requests.Load(); n != 10 {
		t.Errorf("%d requests, want 2 calls x 5 attempts", n)
	}
}

// A refused login is one full error; the later calls that were not attempted
// because of it say so in one line, and keep its cause.
func TestRefusedLoginSaidOnce(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	h := testHTTP()
	im := NewIMClient(h, IMConfig{Endpoint: f.url, Username: imUser, Password: "wrong"})
	oa := NewAnalyticsClient(h, AnalyticsConfig{Endpoint: f.url, Username: analyticsUser, Password: "wrong"})
	var imErrs, analyticsErrs []error
	for i := range 4 {
		_, err := im.IssueClientSecret(ctxTimeout(t), fmt.Sprintf("client-%d", i))
		imErrs = append(imErrs, err)
		_, err = oa.CreateCredential(ctxTimeout(t), sshCredential(fmt.Sprintf("host-%d", i)))
		analyticsErrs = append(analyticsErrs, err)
	}
	checkFirstThenShort(t, imErrs, CauseCredentialsRefused, hintIMCredentials, "JP1/IM - Manager", f.url)
	checkFirstThenShort(t, analyticsErrs, CauseCredentialsRefused, "Operations Analytics refused the user name or password", "JP1/Operations Analytics", f.url)
	for _, err := range append(imErrs[1:], analyticsErrs[1:]...) {
		if !strings.Contains(err.Error(), "refused") {
			t.Errorf("%v, want the refusal named", err)
		}
	}
	if n := f.Count(keyIMLogin); n != 1 {
		t.Errorf("%d IM logins, want 1", n)
	}
	if n := f.Count(keyAnalyticsCreate); n != 1 {
		t.Errorf("%d OA creates, want 1", n)
	}
}
