package fakejp1

import (
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Start serves on a random loopback port and returns the base URL,
// "http://127.0.0.1:PORT".
func (s *Server) Start() (string, error) { return s.StartOn("127.0.0.1:0", nil) }

// StartTLS is Start over HTTPS with the given certificate.
func (s *Server) StartTLS(cert tls.Certificate) (string, error) {
	return s.StartOn("127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
}

// StartOn serves on addr (host:port; port 0 picks one), over TLS when
// tlsConfig is not nil, and returns the base URL. A server starts once.
//
// Only HTTP/1.1 is offered, because dropped-connection faults hijack the
// connection, which HTTP/2 cannot do.
func (s *Server) StartOn(addr string, tlsConfig *tls.Config) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.httpSrv != nil || s.closed {
		return "", errors.New("fakejp1: server already started or closed")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	scheme := "http"
	if tlsConfig != nil {
		cfg := tlsConfig.Clone()
		cfg.NextProtos = []string{"http/1.1"}
		ln = tls.NewListener(ln, cfg)
		scheme = "https"
	}
	s.httpSrv = &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second}
	s.url = scheme + "://" + displayAddr(ln.Addr())
	go func(srv *http.Server) { _ = srv.Serve(ln) }(s.httpSrv)
	return s.url, nil
}

// displayAddr turns a wildcard listen address into a dialable loopback one.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
}

// URL returns the base URL while serving, or "".
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Close stops serving and closes every connection; waiting handlers see
// their request context cancelled. It is safe to call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	srv := s.httpSrv
	s.httpSrv, s.url, s.closed = nil, "", true
	s.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
}
