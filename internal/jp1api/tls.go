package jp1api

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// tlsConfig builds the client's TLS settings: TLS 1.2 or later, the system's
// CAs plus opts.ExtraCAs, and verification on unless the caller turned it off.
func tlsConfig(opts Options) *tls.Config {
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if opts.InsecureSkipVerify {
		tc.InsecureSkipVerify = true //nolint:gosec // the operator asked for it explicitly; the provider warns
	}
	if len(opts.ExtraCAs) > 0 {
		// Added to the system's CAs, so a bundle with only the company CA still
		// reaches servers with public certificates.
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		pool.AppendCertsFromPEM(opts.ExtraCAs)
		tc.RootCAs = pool
	}
	return tc
}

// ValidateCAPEM reports whether data holds at least one PEM certificate; the
// error completes "<attribute> ...".
func ValidateCAPEM(data []byte) error {
	if !x509.NewCertPool().AppendCertsFromPEM(data) {
		return errors.New("holds no PEM-encoded certificate (expected -----BEGIN CERTIFICATE-----)")
	}
	return nil
}

// ReadCAFile reads a PEM bundle for Options.ExtraCAs and checks it holds a
// certificate; the error completes "<attribute> ...".
func ReadCAFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path) //nolint:gosec // the operator names the file on purpose
	if err != nil {
		return nil, fmt.Errorf("must name a readable PEM file: %v", err)
	}
	if err := ValidateCAPEM(data); err != nil {
		return nil, fmt.Errorf("must name a file of PEM certificates, but %q %v", path, err)
	}
	return data, nil
}
