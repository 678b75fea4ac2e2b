package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// The tools play "someone else" against a running fake (or any JP1/Operations
// Analytics), so the demo needs nothing but Go and Terraform: no curl, no jq.
var tools = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"set-port":        runSetPort,
	"counts":          runCounts,
	"set-related":     runSetRelated,
	"register-client": runRegisterClient,
	"seed-estate":     runSeedEstate,
	// Not something another administrator could do through JP1's API: the
	// network between the managers fails.
	"unreachable": runUnreachable,
}

// toolUsage is the one line `fakejp1 -h` shows for each tool.
var toolUsage = map[string]string{
	"set-port":        "-url U -credential ID -port P: change a credential's port through the REST API, as another administrator would",
	"counts":          "-url U: print the requests the fake received, per endpoint",
	"set-related":     "-url U -credential ID -count N: mark a credential as used by N monitored resources",
	"register-client": "-url U -client-id ID: register a client ID only JP1 registers (AGENT_…, MANAGER_…)",
	"seed-estate":     "-url U -count N -secrets-file F: make an estate by hand, for terraform query to adopt",
	"unreachable":     "-url U -host H: make a lower manager unreachable (-reachable undoes it)",
}

// runSetPort changes the portNumber of one Operations Analytics credential
// through the REST API, as an administrator in the GUI would: GET it, change the
// port, PUT the whole object back. The Analytics user and password come from
// JP1_ANALYTICS_USERNAME and JP1_ANALYTICS_PASSWORD, so they appear in no
// process list.
func runSetPort(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakejp1 set-port", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "base URL of the server (required)")
	id := fs.Int64("credential", 0, "instanceID of the credential (required)")
	port := fs.Int("port", 0, "the new portNumber, 1-65535 (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *id <= 0 || *port < 1 || *port > 65535 {
		fs.Usage()
		return errors.New("set-port needs -url, -credential and a -port of 1-65535")
	}
	user, password := os.Getenv("JP1_ANALYTICS_USERNAME"), os.Getenv("JP1_ANALYTICS_PASSWORD")
	if user == "" || password == "" {
		return errors.New("set JP1_ANALYTICS_USERNAME and JP1_ANALYTICS_PASSWORD")
	}
	url := fmt.Sprintf("%s/Analytics/v1/objects/Credentials/%d", strings.TrimRight(*base, "/"), *id)

	body, err := toolRequest(ctx, http.MethodGet, url, user, password, nil)
	if err != nil {
		return err
	}
	var credential map[string]any
	if err := json.Unmarshal(body, &credential); err != nil {
		return fmt.Errorf("GET %s: %w", url, err)
	}
	old, ok := credential["portNumber"]
	if !ok {
		return fmt.Errorf("credential %d has no portNumber (credentialType %v)", *id, credential["credentialType"])
	}
	credential["portNumber"] = *port
	changed, err := json.Marshal(credential)
	if err != nil {
		return err
	}
	if _, err := toolRequest(ctx, http.MethodPut, url, user, password, changed); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "credential %d (%v): portNumber %v -> %d\n", *id, credential["name"], old, *port)
	return err
}

// runSetRelated sets numOfRelatedResources of a credential, as JP1 does when
// something uses it, so a destroy shows the provider's in-use warning. Only
// the fake can do this (the API reads the member, never writes it).
func runSetRelated(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakejp1 set-related", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "base URL of the fake (required)")
	id := fs.Int64("credential", 0, "instanceID of the credential (required)")
	n := fs.Int64("count", 1, "the new numOfRelatedResources, 0 or more")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *id <= 0 || *n < 0 {
		fs.Usage()
		return errors.New("set-related needs -url, -credential and a -count of 0 or more")
	}
	if err := postControl(ctx, *base, "/_fake/related-resources", map[string]int64{"instanceID": *id, "numOfRelatedResources": *n}); err != nil {
		return err
	}
	_, err := fmt.Fprintf(stdout, "credential %d: numOfRelatedResources %d\n", *id, *n)
	return err
}

// runRegisterClient registers an AGENT_ or MANAGER_ client ID, as JP1/IM does
// for its agents and managers, so the jp1_im_clients data source has system
// IDs to show with include_system. Only the fake can do this (the API refuses
// to issue such IDs).
func runRegisterClient(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakejp1 register-client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "base URL of the fake (required)")
	id := fs.String("client-id", "", "the ID, beginning with AGENT_ or MANAGER_ (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *id == "" {
		fs.Usage()
		return errors.New("register-client needs -url and -client-id")
	}
	if err := postControl(ctx, *base, "/_fake/system-client", map[string]string{"clientId": *id}); err != nil {
		return err
	}
	_, err := fmt.Fprintf(stdout, "client ID %s registered\n", *id)
	return err
}

// runSeedEstate makes an estate by hand, as operators did in the GUI before
// Terraform: -count objects of each kind named "<prefix>-…" (IM client IDs,
// proxy users, lower managers, and -count credentials of each of the five
// kinds). It prints what it made, never a secret, and writes the secrets, as
// the jp1_secrets variable of examples/adopt-estate wants them, to
// -secrets-file (mode 0600). Only the fake can do this in one call.
func runSeedEstate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakejp1 seed-estate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "base URL of the fake (required)")
	prefix := fs.String("prefix", "gui", "name prefix of the objects")
	count := fs.Int("count", 1, "objects of each kind, 1-1000")
	secretsFile := fs.String("secrets-file", "", "write the secrets as a JSON object for TF_VAR_jp1_secrets (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *secretsFile == "" || *prefix == "" || *count < 1 || *count > 1000 {
		fs.Usage()
		return errors.New("seed-estate needs -url, -secrets-file, a -prefix and a -count of 1-1000")
	}
	body, err := json.Marshal(map[string]any{"prefix": *prefix, "count": *count})
	if err != nil {
		return err
	}
	answer, err := toolRequest(ctx, http.MethodPost, strings.TrimRight(*base, "/")+"/_fake/estate", "", "", body)
	if err != nil {
		return err
	}
	var e fakejp1.Estate
	if err := json.Unmarshal(answer, &e); err != nil {
		return fmt.Errorf("the fake's estate answer: %w", err)
	}
	secrets, err := json.Marshal(e.AdoptionSecrets())
	if err != nil {
		return err
	}
	if err := os.WriteFile(*secretsFile, secrets, 0o600); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "made by hand: %d IM client IDs, %d proxy users, %d lower managers, %d analytics credentials (%d secrets in %s)\n",
		len(e.IMClients), len(e.ProxyUsers), len(e.LowerManagers), len(e.Credentials), len(e.AdoptionSecrets()), *secretsFile)
	return err
}

// runCounts prints the fake's request counters, one "endpoint: count" a line,
// sorted by endpoint.
func runCounts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakejp1 counts", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "base URL of the fake (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" {
		return errors.New("counts needs -url")
	}
	body, err := toolRequest(ctx, http.MethodGet, strings.TrimRight(*base, "/")+"/_fake/counts", "", "", nil)
	if err != nil {
		return err
	}
	var counts map[string]int
	if err := json.Unmarshal(body, &counts); err != nil {
		return err
	}
	endpoints := make([]string, 0, len(counts))
	for e := range counts {
		endpoints = append(endpoints, e)
	}
	slices.Sort(endpoints)
	for _, e := range endpoints {
		if _, err := fmt.Fprintf(stdout, "  %-48s %6d\n", e, counts[e]); err != nil {
			return err
		}
	}
	return nil
}

// runUnreachable marks a lower manager host unreachable from the fake
// integration manager (or reachable again with -reachable), so that deleting
// it answers with the KAJY68204-W warning, as when the lower manager is down.
func runUnreachable(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakejp1 unreachable", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "base URL of the fake (required)")
	host := fs.String("host", "", "host name of the lower manager (required)")
	reachable := fs.Bool("reachable", false, "make the host reachable again")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *host == "" || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("unreachable needs -url and -host")
	}
	if err := postControl(ctx, *base, "/_fake/lower-manager-unreachable", map[string]any{"host": *host, "unreachable": !*reachable}); err != nil {
		return err
	}
	state := "unreachable"
	if *reachable {
		state = "reachable"
	}
	_, err := fmt.Fprintf(stdout, "lower manager %s is now %s from the integration manager\n", *host, state)
	return err
}

// toolRequest sends one request and returns the body of a 2xx answer.
func toolRequest(ctx context.Context, method, url, user, password string, body []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if user != "" {
		req.SetBasicAuth(user, password)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("%s %s: HTTP %d: %.300s", method, url, resp.StatusCode, answer)
	}
	return answer, nil
}

// postControl sends v as JSON to one of the fake's control endpoints.
func postControl(ctx context.Context, base, path string, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = toolRequest(ctx, http.MethodPost, strings.TrimRight(base, "/")+path, "", "", body)
	return err
}
