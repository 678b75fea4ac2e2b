package jp1api

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"
)

// The forms in which a server, a proxy or a front end may repeat what it was
// sent, each written out here independently of the decoders of mask.go. Each
// takes the whole text that is echoed (a body, a header line, a request).
var revealForms = map[string]func(string) string{
	"raw":               func(s string) string { return s },
	"upper case":        strings.ToUpper,
	"html escaped":      html.EscapeString,
	"html entities":     htmlEntities,
	"json member":       jsonString,
	"json \\u escaped":  jsonAllEscaped,
	"json nested":       func(s string) string { return jsonString(jsonString(s)) },
	"html of json":      func(s string) string { return html.EscapeString(jsonString(s)) },
	"html of json nest": func(s string) string { return html.EscapeString(jsonString(jsonString(s))) },
	"js \\x escaped":    jsXEscaped,
	"url query":         url.QueryEscape,
	"url %20":           func(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") },
	"url path":          url.PathEscape,
	"url lower hex":     func(s string) string { return lowerPercent(url.QueryEscape(s)) },
	"url twice":         func(s string) string { return url.QueryEscape(url.QueryEscape(s)) },
	"base64":            func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) },
	"base64 raw":        func(s string) string { return base64.RawStdEncoding.EncodeToString([]byte(s)) },
	"base64 url":        func(s string) string { return base64.URLEncoding.EncodeToString([]byte(s)) },
	"base64 raw url":    func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) },
	"base64 wrapped":    func(s string) string { return wrap(base64.StdEncoding.EncodeToString([]byte(s)), 76, "\r\n") },
	"base64 indented":   func(s string) string { return wrap(base64.StdEncoding.EncodeToString([]byte(s)), 20, "\n    ") },
	"base64 glued":      func(s string) string { return "zQx" + base64.RawStdEncoding.EncodeToString([]byte(s)) + "Kp" },
	"base64 offset 1":   func(s string) string { return base64.StdEncoding.EncodeToString([]byte("A" + s)) },
	"base64 offset 2":   func(s string) string { return base64.StdEncoding.EncodeToString([]byte("AB" + s + "C")) },
	"base64 of json":    func(s string) string { return base64.StdEncoding.EncodeToString([]byte(jsonString(s))) },
	"base64 twice":      func(s string) string { return b64(b64(s)) },
	"url of base64":     func(s string) string { return url.QueryEscape(b64(s)) },
	"base64 of url":     func(s string) string { return b64(url.QueryEscape(s)) },
	"hex":               func(s string) string { return hex.EncodeToString([]byte(s)) },
	"hex upper":         func(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) },
	"hex odd":           func(s string) string { return "f" + hex.EncodeToString([]byte(s)) + "a" },
	"hex of json":       func(s string) string { return hex.EncodeToString([]byte(jsonString(s))) },
	"zero-width space":  func(s string) string { return interleave(s, "\u200b") },
	"zero-width joiner": func(s string) string { return interleave(s, "\u200d") },
	"word joiner":       func(s string) string { return interleave(s, "\u2060") },
	"byte order mark":   func(s string) string { return interleave(s, "\ufeff") },
	"soft hyphen":       func(s string) string { return interleave(s, "\u00ad") },
	"control chars":     func(s string) string { return interleave(s, "\x1b") },
	"wrapped lines":     func(s string) string { return wrapRunes(s, 3, "\r\n") },
	"wrapped indented":  func(s string) string { return wrapRunes(s, 4, "\n\t  ") },
	"zero-width in url": func(s string) string { return url.QueryEscape(interleave(s, "\u200b")) },
}

// revealSecrets are secrets of at least minMatchedSecret characters with the
// characters that encodings treat specially, multi-byte letters and blanks.
var revealSecrets = []string{`p"a\s<s>&w/o+r d %41`, `パス ワード/+"\ü`, `PuPw'Z&<>é`, "public", "Long-Secret-Value-9"}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func jsonAllEscaped(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, `\u%04X`, u)
	}
	return `"` + b.String() + `"`
}

func jsXEscaped(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, `\x%02x`, c)
	}
	return b.String()
}

func htmlEntities(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "&#x%x;", r)
	}
	return b.String()
}

func lowerPercent(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = strings.ToLower(string(b[i+1]))[0], strings.ToLower(string(b[i+2]))[0]
		}
	}
	return string(b)
}

func interleave(s, sep string) string { return strings.Join(strings.Split(s, ""), sep) }

func wrap(s string, n int, sep string) string {
	var lines []string
	for len(s) > n {
		lines = append(lines, s[:n])
		s = s[n:]
	}
	return strings.Join(append(lines, s), sep)
}

func wrapRunes(s string, n int, sep string) string {
	var b strings.Builder
	for i, r := range []rune(s) {
		if i > 0 && i%n == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// revealsSecret is the one masking rule: a table over every form in which a
// secret may come back, in the places where it comes back (a JSON body, a
// request echo with the Authorization header, a page), and over text that
// must be shown.
func TestRevealsSecret(t *testing.T) {
	t.Parallel()
	type row struct {
		name    string
		text    string
		secrets []string
		want    bool
	}
	var rows []row
	for _, s := range revealSecrets {
		body := `{"user":"admin","password":` + jsonString(s) + `,"note":"a & b <c>"}`
		basic := "Basic " + b64("admin:"+s)
		echo := "POST /im/api/v1/login/ HTTP/1.1\r\nAuthorization: " + basic + "\r\nContent-Type: application/json\r\n\r\n" + body
		for name, form := range revealForms {
			rows = append(rows,
				row{"secret alone " + name, form(s), []string{s}, true},
				row{"json body " + name, "JP1 said: " + form(body) + " (end)", []string{s}, true},
				row{"request echo " + name, "<pre>" + form(echo) + "</pre>", []string{s}, true},
				// the secrets of a call hold the Basic header and user:password too
				row{"call secrets " + name, form(echo), []string{s, "admin:" + s, basic}, true},
			)
		}
		// An OA secret is sent as Base64: its echo, raw or encoded again.
		enc, err := encodeSecret(s)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows,
			row{"oa base64 echoed", `{"password":"` + enc + `"}`, []string{s}, true},
			row{"oa base64 echoed as base64", b64(`{"password":"` + enc + `"}`), []string{s}, true},
			row{"oa base64 echoed url-encoded", url.QueryEscape(enc), []string{s}, true},
		)
	}
	token := "hsso-7c1f0e9b2a5d4c3b"
	rows = append(rows,
		// Tokens and Basic credentials of the call.
		row{"bearer token in a header echo", "Authorization: Bearer " + token, []string{token}, true},
		row{"bearer token base64 in a page", b64("Authorization: Bearer " + token), []string{token}, true},
		row{"basic header decoded", "Authorization: Basic " + b64("imadmin:ImPw-2024!"), []string{"ImPw-2024!"}, true},

		// Secrets of at least minMatchedSecret characters that are ordinary
		// words or parts of names: found wherever they occur, in any case.
		row{"word in a word", "The service is publicly reachable.", []string{"public"}, true},
		row{"word upper case", "COMMUNITY PUBLIC REFUSED", []string{"public"}, true},
		row{"word absent", "The credential is used by 3 resources.", []string{"public"}, false},
		row{"part of a name", `A credential named "win-dc-wmi01" already exists.`, []string{"dc-wmi"}, true},

		// Short secrets: any text may reveal them, whatever it says.
		row{"x in exists", `A credential named "web01" already exists.`, []string{"x"}, true},
		row{"wmi in a name", `A credential named "win-dc-wmi" already exists.`, []string{"wmi"}, true},
		row{"core nowhere", "Not Found", []string{"core"}, true},
		row{"short among long", "Not Found", []string{"Long-Secret-Value-9", "core"}, true},
		row{"short, blank text", " \t\r\n", []string{"x"}, false},
		row{"short, no text", "", []string{"wmi"}, false},

		// Text without the secret is shown: JP1's messages, pages, IDs and
		// encoded material that is not the secret.
		row{"jp1 conflict", `A credential named "win-dc-wmi" already exists.`, []string{"Long-Secret-Value-9"}, false},
		row{"jp1 im error", `{"timestamp":1733356800000,"status":400,"error":"Bad Request","message":"An invalid parameter was specified for the proxy user operation.","path":"/im/api/v1/proxyUsers","messageId":"KAJY52012-E"}`,
			[]string{`p"a\s<s>&w/o+r d %41`, "admin:" + `p"a\s<s>&w/o+r d %41`, "Basic " + b64("admin:"+`p"a\s<s>&w/o+r d %41`)}, false},
		row{"proxy page", "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body></html>",
			[]string{"Long-Secret-Value-9", token}, false},
		row{"base64 of other text", b64("Authorization: Basic " + b64("admin:other-password")), []string{"Long-Secret-Value-9"}, false},
		row{"hex of other text", hex.EncodeToString([]byte("nothing to see here")), []string{"Long-Secret-Value-9"}, false},
		row{"escapes of other text", `\u0041\x41 %41 &amp; \"quoted\"`, []string{"Long-Secret-Value-9"}, false},
		row{"no secrets", "anything at all", nil, false},
		row{"empty secrets", "anything at all", []string{"", ""}, false},

		// Beyond the bounds: withheld.
		row{"too long to examine", strings.Repeat("a", maxCheckedText+1), []string{"Long-Secret-Value-9"}, true},
		row{"nested beyond the rounds", nestBase64("Long-Secret-Value-9", maxDecodeRounds+1), []string{"Long-Secret-Value-9"}, true},
		row{"nested within the rounds", nestBase64("Long-Secret-Value-9", 4), []string{"Long-Secret-Value-9"}, true},
	)
	for _, r := range rows {
		if got := revealsSecret(r.text, r.secrets); got != r.want {
			t.Errorf("%s: revealsSecret(%.120q, %q) = %v, want %v", r.name, r.text, r.secrets, got, r.want)
		}
	}
	t.Logf("%d rows, %d forms", len(rows), len(revealForms))
}

func nestBase64(s string, n int) string {
	for range n {
		s = b64(s)
	}
	return s
}

// Ordinary text of every kind is shown: the decoders do not find secrets in
// noise (words that are valid Base64 or hexadecimal, escapes, entities).
func TestRevealsSecretLeavesOrdinaryTextShown(t *testing.T) {
	t.Parallel()
	secrets := []string{"Long-Secret-Value-9", "im-Passw0rd-Secret", "admin:im-Passw0rd-Secret",
		"Basic " + b64("admin:im-Passw0rd-Secret"), "hsso-7c1f0e9b2a5d4c3b"}
	for _, text := range []string{
		"The lower manager could not be reached. The information of the integration manager might remain on the lower manager. (host=branch-mgr01)",
		"Authentication failed. The authentication information is invalid or has expired.",
		`{"errorSource":"/Analytics/v1/objects/Credentials","message":"A credential named \"deadbeef-cafe-0123\" already exists.","messageID":"KNAQ02003-E","application":"Analytics"}`,
		"<!DOCTYPE html><html><body><p>Service Unavailable &mdash; try again later &#8230;</p></body></html>",
		"299 - \"The credential is used by 3 resources.\"",
		strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit 0123456789abcdef ", 200),
	} {
		if revealsSecret(text, secrets) {
			t.Errorf("ordinary text withheld: %.100q", text)
		}
	}
}

// The client's own text is never judged: an error that the client makes
// itself keeps every name, whatever the secrets.
func TestProviderTextIsNeverMasked(t *testing.T) {
	t.Parallel()
	e := errorf("POST", imSubCreatePath, "the initial secret of lower manager %q is empty", "core-wmi-x")
	withholdSecrets(e, nil, []string{"core", "wmi", "x"}) // no answer: nothing is judged
	if got := e.Error(); got != `POST /im/api/v1/subManagers/createInfo: the initial secret of lower manager "core-wmi-x" is empty` {
		t.Errorf("%q", got)
	}
	// An empty answer's message is net/http's text for the status.
	e = newAPIError("GET", "/x", 404, nil, 1)
	withholdSecrets(e, nil, []string{"x"})
	if e.Message != "Not Found" {
		t.Errorf("%q", e.Message)
	}
}

// A messageId of JP1's form is shown even with a short secret; any other
// messageId is server text.
func TestShownMessageID(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		id      string
		secrets []string
		want    string
	}{
		{"KAJY68204-W", []string{"x"}, "KAJY68204-W"},
		{" KNAQ02003-E ", []string{"wmi"}, "KNAQ02003-E"},
		{"generic error", []string{"Long-Secret-Value-9"}, "generic error"},
		{"generic error", []string{"x"}, ""},
		{"pw=Long-Secret-Value-9", []string{"Long-Secret-Value-9"}, ""},
		{"", []string{"x"}, ""},
	} {
		if got := shownMessageID(tc.id, tc.secrets); got != tc.want {
			t.Errorf("shownMessageID(%q, %q) = %q, want %q", tc.id, tc.secrets, got, tc.want)
		}
	}
}

// A network error whose text may reveal a secret says so, and still
// classifies as what it is.
func TestNetworkErrorWithheld(t *testing.T) {
	t.Parallel()
	cause := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	err := &url.Error{Op: "Post", URL: "http://h/x", Err: fmt.Errorf("malformed HTTP response %q: %w", "pw=Long-Secret-Value-9", cause)}
	got := networkError(err, []string{"Long-Secret-Value-9"})
	if errorText(got) != withheldNetwork || strings.Contains(got.Error(), "Long-Secret") {
		t.Errorf("%q", errorText(got))
	}
	var op *net.OpError
	if !errors.Is(got, syscall.ECONNREFUSED) || !errors.As(got, &op) {
		t.Error("the withheld error no longer classifies")
	}
	if c, _ := transportCause(got); c != CauseUnknown {
		t.Errorf("cause %v", c)
	}
	if kept := networkError(err, []string{"Other-Secret-Value"}); kept != error(err) {
		t.Error("an error without the secret is replaced")
	}
	// Go's own sentence is not withheld for a secret too short to look for:
	// "connection reset by peer" stays readable for short passwords.
	reset := &url.Error{Op: "Post", URL: "http://h/x", Err: syscall.ECONNRESET}
	if kept := networkError(reset, []string{"p", "wmi"}); kept != error(reset) {
		t.Errorf("%q withheld for short secrets", errorText(kept))
	}
}
