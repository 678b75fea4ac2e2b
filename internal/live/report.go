package live

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Result is how a live test ended.
type Result string

// The results a summary counts.
const (
	Passed  Result = "PASS"
	Failed  Result = "FAIL"
	Skipped Result = "SKIP"
)

// Outcome is one live test's result.
type Outcome struct {
	Test     string
	Result   Result
	Reason   string // why it skipped, when the test said
	Duration time.Duration
}

// Recorder collects the outcomes of a run; safe for concurrent use.
type Recorder struct {
	mu       sync.Mutex
	outcomes []Outcome
}

// Record adds one outcome.
func (r *Recorder) Record(o Outcome) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes = append(r.outcomes, o)
}

// Outcomes returns the outcomes, sorted by test name.
func (r *Recorder) Outcomes() []Outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.outcomes)
	sort.Slice(out, func(i, j int) bool { return out[i].Test < out[j].Test })
	return out
}

// Summary is what a live run reports at its end, for a support ticket: the
// products' versions as their APIs report them, the CLI, and each test's result.
type Summary struct {
	Started          time.Time
	Mode             string // "read-write" or "read-only"
	Prefix           string
	Terraform        string // the CLI and its version
	Provider         string // the provider's version (module version or "dev")
	IMEndpoint       string // scheme://host:port only
	AnalyticsEnd     string
	IMVersion        map[string]any
	AnalyticsVersion map[string]any
	VersionError     string
	Outcomes         []Outcome
}

// Write prints the summary. Every value in secrets, wherever it would
// appear, is printed as "***": the summary goes into tickets.
func (s Summary) Write(w io.Writer, secrets []string) error {
	var b strings.Builder
	counts := map[Result]int{}
	for _, o := range s.Outcomes {
		counts[o.Result]++
	}
	fmt.Fprintf(&b, "JP1 live test summary (terraform-provider-jp1)\n")
	fmt.Fprintf(&b, "  started:   %s\n", s.Started.UTC().Format(time.RFC3339))
	fmt.Fprintf(&b, "  mode:      %s, object prefix %q\n", s.Mode, s.Prefix)
	fmt.Fprintf(&b, "  terraform: %s\n", s.Terraform)
	fmt.Fprintf(&b, "  provider:  %s\n", s.Provider)
	fmt.Fprintf(&b, "  JP1/IM:    %s %s\n", s.IMEndpoint, versionText(s.IMVersion))
	fmt.Fprintf(&b, "  JP1/OA:    %s %s\n", s.AnalyticsEnd, versionText(s.AnalyticsVersion))
	if s.VersionError != "" {
		fmt.Fprintf(&b, "  versions:  %s\n", s.VersionError)
	}
	fmt.Fprintf(&b, "  tests:     %d ran: %d passed, %d failed; %d skipped\n",
		counts[Passed]+counts[Failed], counts[Passed], counts[Failed], counts[Skipped])
	for _, o := range s.Outcomes {
		line := fmt.Sprintf("    %s %s", o.Result, o.Test)
		if o.Result != Skipped {
			line += fmt.Sprintf(" (%.1fs)", o.Duration.Seconds())
		}
		if o.Reason != "" {
			line += ": " + o.Reason
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, Redact(b.String(), secrets))
	return err
}

// versionText prints a version answer's members, sorted, as key=value.
func versionText(v map[string]any) string {
	if v == nil {
		return ""
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, v[k]))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// Redact replaces every secret in s with "***", longest first (a secret may
// contain another), in each form an error or a dump may hold it: as is,
// escaped inside a JSON or Go-quoted string, and in Base64 (standard and
// URL alphabets, padded or not).
func Redact(s string, secrets []string) string {
	var forms []string
	for _, sec := range secrets {
		if sec != "" {
			forms = append(forms, secretForms(sec)...)
		}
	}
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, "***")
	}
	return s
}

// secretForms is sec as is, JSON-escaped, Go-quoted and Base64-encoded.
func secretForms(sec string) []string {
	forms := []string{sec}
	if j, err := json.Marshal(sec); err == nil {
		forms = append(forms, string(j[1:len(j)-1]))
	}
	q := strconv.Quote(sec)
	forms = append(forms, q[1:len(q)-1])
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		padded := enc.EncodeToString([]byte(sec))
		forms = append(forms, padded, strings.TrimRight(padded, "="))
	}
	return forms
}
