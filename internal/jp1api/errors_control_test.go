package jp1api

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
)

// terminalEscape is what a hostile server puts where the client quotes it:
// clear the screen, set the window title, ring the bell.
const terminalEscape = "\x1b[2J\x1b]0;pwned\x07"

// checkNoControl fails when text holds a character that could rewrite the terminal.
func checkNoControl(t *testing.T, text string) {
	t.Helper()
	for _, r := range text {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			t.Fatalf("a control character (%U) reached the error: %q", r, text)
		}
	}
}

// Go's x509 error quotes the names of the server's certificate as they are:
// the error shows them without their control characters.
func TestErrorsStripControlCharactersOfTLSErrors(t *testing.T) {
	t.Parallel()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: terminalEscape},
		DNSNames:  []string{terminalEscape + "evil.example"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake the client refuses
	srv.StartTLS()
	defer srv.Close()
	endpoint := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) // a name, which the certificate's do not match

	opts := testOptions()
	opts.ExtraCAs = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}) // trusted: only the name is wrong
	_, _, err = NewHTTP(opts).do(ctxTimeout(t), endpoint, &request{method: http.MethodGet, path: "/x"})
	if err == nil || !strings.Contains(err.Error(), "evil.example") {
		t.Fatalf("want the certificate's name in the error, got %v", err)
	}
	checkNoControl(t, err.Error())
}

// A proxy's refusal of CONNECT becomes Go's error text as the proxy wrote it:
// the error shows it without its control characters.
func TestErrorsStripControlCharactersOfProxyRefusals(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ln.Close() }()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer func() { _ = conn.Close() }()
				if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
					return
				}
				_, _ = conn.Write([]byte("HTTP/1.1 403 Forbidden " + terminalEscape + " by policy\r\nContent-Length: 0\r\n\r\n"))
			}()
		}
	}()
	opts := testOptions()
	opts.MaxAttempts = 1
	h := NewHTTP(opts)
	proxy := &url.URL{Scheme: "http", Host: ln.Addr().String()}
	h.client.HTTPClient.Transport.(*loggingTransport).base.(*http.Transport).Proxy = http.ProxyURL(proxy)
	_, _, err = h.do(ctxTimeout(t), "https://jp1host.invalid:22016", &request{method: http.MethodGet, path: "/x"})
	if err == nil || !strings.Contains(err.Error(), "by policy") {
		t.Fatalf("want the proxy's refusal in the error, got %v", err)
	}
	checkNoControl(t, err.Error())
}

// Every text of an APIError that can come from the network is cleaned when
// the error is shown, whichever member holds it.
func TestAPIErrorShowsNoControlCharacters(t *testing.T) {
	t.Parallel()
	e := &APIError{Method: "GET", Endpoint: "/x", StatusCode: 400, MessageID: "K" + terminalEscape, Message: "m" + terminalEscape,
		Hint: "h" + terminalEscape, Err: &url.Error{Op: "Get", URL: "https://h/x", Err: &net.OpError{Op: "dial", Err: errString(terminalEscape + "\u202e")}}}
	checkNoControl(t, e.Error())
	e.Message = ""
	e.Body = "b\r\n" + terminalEscape
	checkNoControl(t, e.Error())
}

type errString string

func (e errString) Error() string { return string(e) }
