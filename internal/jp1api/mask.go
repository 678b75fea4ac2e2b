package jp1api

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Secrets in what the client shows (docs/design/jp1-api.md §3, "Secrets in
// what is shown"). The client's own text (methods, paths, names, IDs,
// addresses, advice) holds no secret and is never masked. Text that came from
// the network (a JP1 message, a Warning header, an echoed body, a proxy's
// page, a network error) is shown only when revealsSecret finds no secret of
// the call in it; otherwise it is withheld whole. Nothing is ever replaced
// piecewise: a replacement would tell where a secret sat in text the reader
// can otherwise read (a short secret inside a name, "win-dc-***").

// minMatchedSecret is the length (in characters) from which a secret is
// looked for in server text. A shorter secret occurs by chance in almost any
// text ("x" in "exists", "core" in "score"), so server text is withheld
// whenever such a secret went with the call, whatever the text says: the
// decision then does not depend on the text, and tells nothing of the secret.
const minMatchedSecret = 6

// maxCheckedText bounds the server text that is examined; longer text is
// withheld (an error shows 512 bytes of a page; nobody reads 256 KiB of one).
const maxCheckedText = 256 << 10

// Bounds of the decoding: rounds of layers, and bytes of decoded text in all.
// Text that still decodes after maxDecodeRounds, or whose decodings exceed
// the budget, is withheld.
const (
	maxDecodeRounds = 10
	decodeBudget    = 32 << 20
)

// withheld is the sentence that stands for server text that is withheld:
// what it was ("JP1's answer"), and why. It says "may repeat" both when a
// secret was found and when a secret is too short to look for, so that it
// does not tell a secret's length either.
func withheld(what string) string {
	return what + " is withheld: it may repeat a secret that was sent"
}

var (
	withheldAnswer  = withheld("JP1's answer")
	withheldWarning = withheld("JP1's warning")
	withheldMessage = withheld("JP1's message")
	withheldNetwork = withheld("the network error's text")
	// withheldMalformed stands for the description of a malformed answer,
	// which quotes the answer.
	withheldMalformed = withheld("what is wrong with it (the description quotes JP1's answer)")
)

// revealsSecret reports whether text (from the network) may give away one of
// secrets (everything sent with the call: passwords, passphrases,
// communities, initial secrets, Basic credentials and headers, tokens, and
// the Base64 forms the client sends) to a reader with a decoder. It is the
// one masking rule of the client:
//
//   - a secret shorter than minMatchedSecret characters: any non-blank text
//     may reveal it (it cannot be told apart from ordinary text);
//   - a longer secret: the text reveals it when the secret occurs, ignoring
//     case, in the text or in any of its decodings. A decoding is any
//     combination, nested up to maxDecodeRounds layers, of: HTML unescaping;
//     JSON, JavaScript and Go unescaping (\", \uXXXX with surrogate pairs,
//     \xHH, \UXXXXXXXX); URL decoding (%HH, %uXXXX, with and without "+" as a
//     blank); removing zero-width, format and control characters and joining
//     wrapped lines (a line break and the next line's indentation); removing
//     every blank; and decoding every run of Base64 (standard and URL
//     alphabets, with or without padding, at each of the four alignments, so
//     that letters glued in front do not hide it) and of hexadecimal (at both
//     alignments). The secret is also looked for as its hexadecimal and as
//     the parts of its Base64 that do not depend on what surrounds it, so a
//     Base64 run that does not decode cleanly (cut off, glued to other
//     letters at its end) is caught too.
func revealsSecret(text string, secrets []string) bool {
	if strings.TrimSpace(text) == "" {
		return false
	}
	needles, short := secretNeedles(secrets)
	switch {
	case short:
		return true
	case len(needles) == 0:
		return false
	case len(text) > maxCheckedText:
		return true
	}
	return anyDecoding(text, func(candidate string) bool {
		lower := strings.ToLower(candidate)
		for _, n := range needles {
			if strings.Contains(lower, n) {
				return true
			}
		}
		return false
	})
}

// secretNeedles returns what to look for (lower case) for the secrets of at
// least minMatchedSecret characters, and whether a shorter one is among them.
func secretNeedles(secrets []string) (needles []string, short bool) {
	seen := map[string]bool{}
	add := func(n string) {
		n = strings.ToLower(n)
		if utf8.RuneCountInString(n) >= minMatchedSecret && !seen[n] {
			seen[n] = true
			needles = append(needles, n)
		}
	}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		if utf8.RuneCountInString(s) < minMatchedSecret {
			short = true
			continue
		}
		add(s)
		// as found in a candidate with invisible characters, then blanks, removed
		cleaned := orSelf(clean(s), s)
		add(cleaned)
		add(orSelf(squeeze(cleaned), cleaned))
		add(hex.EncodeToString([]byte(s)))
		for _, core := range base64Cores(s) {
			add(core)
		}
	}
	return needles, short
}

// orSelf returns decoded, or s when a decoder did not apply ("").
func orSelf(decoded, s string) string {
	if decoded == "" {
		return s
	}
	return decoded
}

// base64Cores returns, for each alphabet and each of the three byte
// alignments at which s may start inside a longer Base64 text, the Base64
// characters that depend on s alone.
func base64Cores(s string) []string {
	var out []string
	n := len(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		for k := 0; k < 3; k++ {
			e := enc.EncodeToString(append(make([]byte, k), s...))
			start, end := (8*k+5)/6, 8*(k+n)/6
			if end-start >= minMatchedSecret {
				out = append(out, e[start:end])
			}
		}
	}
	return out
}

// decoders turn one candidate into another (or return "" when they do not
// apply).
var decoders = []func(string) string{
	clean,
	squeeze,
	htmlUnescape,
	jsonUnescape,
	func(s string) string { return percentDecode(s, false) },
	func(s string) string { return percentDecode(s, true) },
	base64Runs,
	hexRuns,
}

// anyDecoding calls found with text and each of its decodings, breadth
// first, until found returns true (then true) or nothing new decodes (then
// false). Running out of rounds or budget counts as found: withheld.
func anyDecoding(text string, found func(string) bool) bool {
	seen := map[string]bool{text: true}
	round := []string{text}
	budget := decodeBudget
	for n := 0; len(round) > 0; n++ {
		if n == maxDecodeRounds {
			return true
		}
		var next []string
		for _, t := range round {
			if found(t) {
				return true
			}
			for _, d := range decoders {
				u := d(t)
				if u == "" || seen[u] {
					continue
				}
				if budget -= len(u); budget < 0 {
					return true
				}
				seen[u] = true
				next = append(next, u)
			}
		}
		round = next
	}
	return false
}

// clean removes zero-width, format and control characters, and joins wrapped
// lines: a line break and the indentation after it go.
func clean(s string) string {
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' || r == '\n' || r == '\u2028' || r == '\u2029':
			changed = true
			i += size
			for i < len(s) && strings.IndexByte(" \t\r\n", s[i]) >= 0 {
				i++
			}
			continue
		case invisible(r):
			changed = true
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	if !changed {
		return ""
	}
	return b.String()
}

// invisible reports characters that a reader does not see or skips: controls,
// format characters (zero-width spaces and joiners, bidi marks, the byte
// order mark, the soft hyphen), variation selectors, the combining grapheme
// joiner and fillers.
func invisible(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		r == '\u034f' || r == '\u115f' || r == '\u1160' || r == '\u3164' || r == '\uffa0'
}

// squeeze removes every blank.
func squeeze(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return ""
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
}

func htmlUnescape(s string) string {
	if !strings.Contains(s, "&") {
		return ""
	}
	return html.UnescapeString(s)
}

// simpleEscapes are the one-letter backslash escapes.
var simpleEscapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', '\'': '\'', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// jsonUnescape undoes the backslash escapes of JSON, JavaScript and Go, and
// leaves any other backslash as it is.
func jsonUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			i++
			continue
		}
		c := s[i+1]
		if r, ok := simpleEscapes[c]; ok {
			b.WriteByte(r)
			i += 2
			continue
		}
		switch {
		case c == 'U' && i+10 <= len(s) && isHex(s[i+2:i+10]) && hexValue(s[i+2:i+10]) <= unicode.MaxRune:
			b.WriteRune(rune(hexValue(s[i+2 : i+10])))
			i += 10
		case (c == 'u' || c == 'U') && i+6 <= len(s) && isHex(s[i+2:i+6]): // \U0026: upper-cased text
			r := rune(hexValue(s[i+2 : i+6]))
			i += 6
			if utf16.IsSurrogate(r) && i+6 <= len(s) && s[i] == '\\' && (s[i+1] == 'u' || s[i+1] == 'U') && isHex(s[i+2:i+6]) {
				if pair := utf16.DecodeRune(r, rune(hexValue(s[i+2:i+6]))); pair != utf8.RuneError {
					r = pair
					i += 6
				}
			}
			b.WriteRune(r)
		case (c == 'x' || c == 'X') && i+4 <= len(s) && isHex(s[i+2:i+4]):
			b.WriteByte(byte(hexValue(s[i+2 : i+4]))) // bytes: \xe3\x83\x91 is one letter
			i += 4
		default:
			b.WriteByte('\\')
			i++
		}
	}
	return b.String()
}

// percentDecode undoes URL encoding (%HH, and %uXXXX as JavaScript's escape
// writes it), with plus, "+" as a blank too.
func percentDecode(s string, plus bool) string {
	if !strings.Contains(s, "%") && (!plus || !strings.Contains(s, "+")) {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case s[i] == '%' && i+3 <= len(s) && isHex(s[i+1:i+3]):
			b.WriteByte(byte(hexValue(s[i+1 : i+3])))
			i += 3
		case s[i] == '%' && i+6 <= len(s) && (s[i+1] == 'u' || s[i+1] == 'U') && isHex(s[i+2:i+6]):
			b.WriteRune(rune(hexValue(s[i+2 : i+6])))
			i += 6
		case plus && s[i] == '+':
			b.WriteByte(' ')
			i++
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// base64Runs decodes every run of Base64 characters (both alphabets) of at
// least 4 characters, at each alignment, and returns the readable parts of
// the decodings (see readable), one after another.
func base64Runs(s string) string {
	var parts []string
	for _, run := range runs(s, isBase64Char) {
		for off := 0; off < 4 && len(run)-off >= 4; off++ {
			r := strings.NewReplacer("-", "+", "_", "/").Replace(run[off:])
			if len(r)%4 == 1 {
				r = r[:len(r)-1]
			}
			if d, err := base64.RawStdEncoding.DecodeString(r); err == nil {
				parts = append(parts, readable(d)...)
			}
		}
	}
	return strings.Join(parts, " | ")
}

// hexRuns decodes every run of hexadecimal digits of at least 4 digits, at
// both alignments.
func hexRuns(s string) string {
	var parts []string
	for _, run := range runs(s, func(c byte) bool { return isHex(string(c)) }) {
		for off := 0; off < 2 && len(run)-off >= 4; off++ {
			h := run[off:]
			if len(h)%2 == 1 {
				h = h[:len(h)-1]
			}
			if d, err := hex.DecodeString(h); err == nil {
				parts = append(parts, readable(d)...)
			}
		}
	}
	return strings.Join(parts, " | ")
}

// runs returns the maximal runs of bytes in s for which in is true, of at
// least 4 bytes.
func runs(s string, in func(byte) bool) []string {
	var out []string
	for i := 0; i < len(s); {
		if !in(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && in(s[j]) {
			j++
		}
		if j-i >= 4 {
			out = append(out, s[i:j])
		}
		i = j
	}
	return out
}

// readable splits decoded bytes at what text does not hold (invalid UTF-8,
// control characters other than tabs and line breaks) and returns the parts
// of at least 4 bytes: a secret is text, and what decodes from ordinary words
// by chance is mostly noise that stops there.
func readable(d []byte) []string {
	var out []string
	start := 0
	flush := func(end int) {
		if end-start >= 4 {
			out = append(out, string(d[start:end]))
		}
	}
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRune(d[i:])
		if (r == utf8.RuneError && size <= 1) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			flush(i)
			i += max(size, 1)
			start = i
			continue
		}
		i += size
	}
	flush(len(d))
	return out
}

func isBase64Char(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '-' || c == '_'
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return s != ""
}

func hexValue(s string) uint64 {
	v, _ := strconv.ParseUint(s, 16, 32)
	return v
}

// serverText returns text from the network as it is shown: on one line,
// without control characters, or instead (withheldAnswer, withheldWarning,
// …) when it may reveal one of secrets (revealsSecret).
func serverText(s string, secrets []string, instead string) string {
	if revealsSecret(s, secrets) {
		return instead
	}
	return oneLine(s)
}

// oneLine makes text from the network safe to show: no control characters
// (noControl), blanks folded, on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(noControl(s)), " ")
}

// messageIDForm is the form of a JP1 message ID (KAJY68204-W, KNAQ02003-E): a
// code of the product's message catalogue, shown even when a short secret went
// with the call (it cannot carry the request's content).
var messageIDForm = regexp.MustCompile(`^[A-Z]{3,5}[0-9]{3,6}-[A-Z]$`)

// shownMessageID returns a messageId as it is shown: a JP1 message ID as it
// is; any other messageId (OA's "generic error", or what a front end sent) is
// server text ("" when withheld).
func shownMessageID(id string, secrets []string) string {
	id = strings.TrimSpace(id)
	switch {
	case id == "" || messageIDForm.MatchString(id):
		return id
	case revealsSecret(id, secrets):
		return ""
	}
	return oneLine(id)
}

// withholdSecrets applies the rule to the server text of an error answer
// decoded from data: the message or the body excerpt is withheld whole when
// it may reveal one of secrets (for a body excerpt, the whole body is judged:
// the excerpt may end inside a secret's encoding), and the messageId is
// shown as shownMessageID says; the status is always shown. An empty body's
// message is net/http's text for the status, never the server's.
func withholdSecrets(e *APIError, data []byte, secrets []string) {
	if len(bytes.TrimSpace(data)) == 0 {
		return
	}
	e.MessageID = shownMessageID(e.MessageID, secrets)
	judged := e.Message
	if e.Body != "" {
		judged = string(data)
	}
	if revealsSecret(judged, secrets) {
		e.Message, e.Body = withheldAnswer, ""
		return
	}
	e.Message, e.Body = oneLine(e.Message), oneLine(e.Body)
}

// networkError returns err, or, when its text may reveal one of secrets, an
// error that says so and still answers errors.Is and errors.As for err's
// chain (transportCause classifies it), except as a *url.Error, whose text
// errorText would show. See revealsInNetworkText.
func networkError(err error, secrets []string) error {
	if err == nil || !revealsInNetworkText(errorText(err), secrets) {
		return err
	}
	return &withheldError{err: err}
}

// revealsInNetworkText is revealsSecret for the text of a network error: Go's
// own sentence ("connection reset by peer", "EOF"), which quotes server text
// only in a few places (a malformed answer's first line, a proxy's refusal of
// CONNECT, a certificate's names; only the first can come from a party that
// read the request). It is judged for the secrets that can be looked for;
// withholding it whenever a short secret went with the call would hide what
// went wrong with the connection from everyone who chose a short password.
func revealsInNetworkText(text string, secrets []string) bool {
	var long []string
	for _, s := range secrets {
		if utf8.RuneCountInString(s) >= minMatchedSecret {
			long = append(long, s)
		}
	}
	return revealsSecret(text, long)
}

type withheldError struct{ err error }

func (e *withheldError) Error() string { return withheldNetwork }

// Is answers for the withheld chain.
func (e *withheldError) Is(target error) bool { return errors.Is(e.err, target) }

// As answers for the withheld chain, except as a *url.Error.
func (e *withheldError) As(target any) bool {
	if _, ok := target.(**url.Error); ok {
		return false
	}
	return errors.As(e.err, target)
}

// withheldLogValue is what a log line shows instead of server text that may
// reveal a secret: its length, never its content.
func withheldLogValue(s string) string {
	return fmt.Sprintf("withheld (%d bytes): it may repeat a secret that was sent", len(s))
}
