package fakejp1

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode/utf16"
)

// EchoForm is a form in which a careless server, or a front end in front of
// JP1, repeats a request in its answer: the request line, every header (the
// Authorization header too) and the body, as received. A fault with Echo set
// answers so (see Fault.Echo and FaultEchoAnswer); tests use it to prove that
// no secret of a request reaches what the client shows or logs.
type EchoForm string

const (
	// EchoText is a text/plain page holding the request as received.
	EchoText EchoForm = "text"
	// EchoMessage is the product's error body with the request as its
	// message (a client decodes the JSON string).
	EchoMessage EchoForm = "message"
	// EchoNested is the product's error body whose message is the request
	// JSON-encoded again: the message decodes to a JSON string literal
	// (quotes as \", "&" as \u0026).
	EchoNested EchoForm = "nested"
	// EchoHTML is an HTML page holding the request HTML-escaped
	// (`&#34;pw&#34;:&#34;…&#39;…\u0026…`: the JSON body as sent, escaped).
	EchoHTML EchoForm = "html"
	// EchoMember is a JSON error body without message or error member, the
	// request in a member "detail" (a client keeps such a body raw, so the
	// request shows JSON-escaped).
	EchoMember EchoForm = "member"
	// EchoMemberEscaped is EchoMember with every character of the request
	// written as a \uXXXX escape.
	EchoMemberEscaped EchoForm = "member-u"
	// EchoURL is a text/plain page holding the request URL-encoded.
	EchoURL EchoForm = "url"
	// EchoBase64 is a text/plain page holding the request in standard Base64.
	EchoBase64 EchoForm = "base64"
	// EchoBase64URL is EchoBase64 with the URL alphabet and no padding.
	EchoBase64URL EchoForm = "base64url"
	// EchoBase64Wrapped is EchoBase64 wrapped at 76 columns (MIME), each line
	// after the first indented by a blank.
	EchoBase64Wrapped EchoForm = "base64-wrapped"
	// EchoHex is a text/plain page holding the request in hexadecimal.
	EchoHex EchoForm = "hex"
	// EchoZeroWidth is a text/plain page holding the request with a zero-width
	// space (U+200B) between any two characters.
	EchoZeroWidth EchoForm = "zero-width"
	// EchoWrapped is a text/plain page holding the request with a line break
	// after every 7 characters.
	EchoWrapped EchoForm = "wrapped"
)

// EchoForms lists every EchoForm.
func EchoForms() []EchoForm {
	return []EchoForm{EchoText, EchoMessage, EchoNested, EchoHTML, EchoMember, EchoMemberEscaped, EchoURL,
		EchoBase64, EchoBase64URL, EchoBase64Wrapped, EchoHex, EchoZeroWidth, EchoWrapped}
}

// respondEcho answers a fault with Echo set or of mode FaultEchoAnswer.
func (s *Server) respondEcho(w http.ResponseWriter, r *http.Request, p string, f Fault) {
	body, _ := io.ReadAll(r.Body) // the pipeline's copy of the body, read in full before
	r.Body = io.NopCloser(bytes.NewReader(body))
	form := f.Echo
	if form == "" {
		form = EchoText
	}
	echo := encodeEcho(form, requestEcho(r, body))
	if f.Mode == FaultEchoAnswer {
		s.echoInAnswer(w, r, p, body, echo)
		return
	}
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	switch form {
	case EchoMessage, EchoNested:
		if isAnalyticsPath(p) {
			writeAnalyticsError(w, r, status, f.MessageID, echo)
		} else {
			writeIMError(w, r, status, f.MessageID, 0, echo)
		}
	case EchoMember, EchoMemberEscaped:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, `{"status":%d,"detail":%s}`, status, echo)
	case EchoHTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, "<html><head><title>%d</title></head><body><h1>Request refused</h1><pre>%s</pre></body></html>", status, echo)
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, echo)
	}
}

// echoInAnswer serves the request as the product would, then adds echo to
// the answer: a Warning header, and the end of each message of an IM
// messageList.
func (s *Server) echoInAnswer(w http.ResponseWriter, r *http.Request, p string, body []byte, echo string) {
	rt, known, _ := s.match(r.Method, p)
	rec := &bufferWriter{h: http.Header{}}
	s.dispatch(rec, r, &incoming{path: p, body: body, rt: rt, pathKnown: known})
	out := rec.body.Bytes()
	var doc map[string]any
	if json.Unmarshal(out, &doc) == nil {
		if list, ok := doc["messageList"].([]any); ok {
			for _, m := range list {
				if entry, ok := m.(map[string]any); ok {
					entry["message"] = fmt.Sprint(entry["message"]) + " (request: " + echo + ")"
				}
			}
			if b, err := json.Marshal(doc); err == nil {
				out = b
			}
		}
	}
	for k, v := range rec.h {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.Header().Add("Warning", `299 - "request: `+strings.NewReplacer("\r", " ", "\n", " ").Replace(echo)+`"`)
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// requestEcho is the request as a front end that repeats it shows it: the
// request line, the headers in name order, a blank line and the body.
func requestEcho(r *http.Request, body []byte) string {
	var b strings.Builder
	b.WriteString(r.Method + " " + r.URL.RequestURI() + " " + r.Proto + "\r\n")
	names := make([]string, 0, len(r.Header))
	for k := range r.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range r.Header[k] {
			b.WriteString(k + ": " + v + "\r\n")
		}
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.String()
}

// encodeEcho writes text in form (for the JSON member forms: as a JSON
// string literal, quotes included).
func encodeEcho(form EchoForm, text string) string {
	switch form {
	case EchoNested:
		b, _ := json.Marshal(text)
		return string(b)
	case EchoHTML:
		return html.EscapeString(text)
	case EchoMember:
		b, _ := json.Marshal(text)
		return string(b)
	case EchoMemberEscaped:
		var b strings.Builder
		b.WriteByte('"')
		for _, u := range utf16.Encode([]rune(text)) {
			fmt.Fprintf(&b, `\u%04x`, u)
		}
		b.WriteByte('"')
		return b.String()
	case EchoURL:
		return url.QueryEscape(text)
	case EchoBase64:
		return base64.StdEncoding.EncodeToString([]byte(text))
	case EchoBase64URL:
		return base64.RawURLEncoding.EncodeToString([]byte(text))
	case EchoBase64Wrapped:
		enc := base64.StdEncoding.EncodeToString([]byte(text))
		var lines []string
		for len(enc) > 76 {
			lines = append(lines, enc[:76])
			enc = enc[76:]
		}
		return strings.Join(append(lines, enc), "\r\n ")
	case EchoHex:
		return hex.EncodeToString([]byte(text))
	case EchoZeroWidth:
		return strings.Join(strings.Split(text, ""), "\u200b")
	case EchoWrapped:
		runes := []rune(text)
		var b strings.Builder
		for i, r := range runes {
			if i > 0 && i%7 == 0 {
				b.WriteString("\r\n")
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return text
}
