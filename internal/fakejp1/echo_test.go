package fakejp1

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// Every echo form holds the request, Authorization header included, so that
// a reader with the right decoder gets it back.
func TestEchoForms(t *testing.T) {
	t.Parallel()
	const pw = `Pü "pw"&<x>/+ %41`
	for _, form := range EchoForms() {
		t.Run(string(form), func(t *testing.T) {
			s, c := newTestServer(t)
			s.AddFault(Fault{Endpoint: "POST /im/api/v1/proxyUsers add", Status: http.StatusBadRequest, Echo: form, MessageID: msgProxyInvalidParam})
			res := c.do(http.MethodPost, pathProxy, authIMAdmin, map[string]any{"op": "add", "user": "u1", "pw": pw})
			if res.status != http.StatusBadRequest {
				t.Fatalf("status %d", res.status)
			}
			got := decodeEchoForTest(t, form, res.body)
			if !strings.Contains(got, "Authorization: "+authIMAdmin) || !strings.Contains(got, `"pw":`) {
				t.Fatalf("the echo does not hold the request: %q", got)
			}
			if _, ok := s.ProxyPassword("u1"); ok {
				t.Fatal("an echoed refusal changed the state")
			}
		})
	}
}

// FaultEchoAnswer serves the request and repeats it in a Warning header and
// in each message of an IM messageList.
func TestFaultEchoAnswer(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.mu.Lock()
	s.lowerManagers["lower1"] = "Init-Secret-1"
	s.mu.Unlock()
	s.SetLowerManagerUnreachable("lower1", true)
	s.AddFault(Fault{Endpoint: "POST /im/api/v1/subManagers/deleteInfo", Mode: FaultEchoAnswer, Echo: EchoBase64})
	res := c.do(http.MethodPost, "/im/api/v1/subManagers/deleteInfo", authIMAdmin, map[string]any{"subManagers": []string{"lower1"}})
	if res.status != http.StatusOK {
		t.Fatalf("status %d: %s", res.status, res.body)
	}
	var out struct {
		MessageList []struct{ MessageID, Message string } `json:"messageList"`
	}
	if err := json.Unmarshal(res.body, &out); err != nil || len(out.MessageList) != 1 || out.MessageList[0].MessageID != msgSubUnreachable {
		t.Fatalf("%s", res.body)
	}
	for _, text := range []string{out.MessageList[0].Message, res.header.Get("Warning")} {
		i := strings.LastIndex(text, " ")
		enc := strings.Trim(text[i+1:], `")`)
		dec, err := base64.StdEncoding.DecodeString(enc)
		if err != nil || !strings.Contains(string(dec), "Authorization: "+authIMAdmin) {
			t.Errorf("%q does not repeat the request (%v)", text, err)
		}
	}
	if _, ok := s.LowerManagerSecret("lower1"); ok {
		t.Error("the delete was not served")
	}
}

// decodeEchoForTest undoes an echo form, written independently of encodeEcho.
func decodeEchoForTest(t *testing.T, form EchoForm, body []byte) string {
	t.Helper()
	text := string(body)
	var err error
	var b []byte
	switch form {
	case EchoText:
		return text
	case EchoMessage, EchoNested:
		var e imErrorBody
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatal(err)
		}
		if form == EchoNested {
			var inner string
			if err := json.Unmarshal([]byte(e.Message), &inner); err != nil {
				t.Fatal(err)
			}
			return inner
		}
		return e.Message
	case EchoHTML:
		return html.UnescapeString(text)
	case EchoMember, EchoMemberEscaped:
		var m struct{ Detail string }
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		if form == EchoMemberEscaped && strings.Contains(text, "Authorization") {
			t.Fatal("not every character is escaped")
		}
		return m.Detail
	case EchoURL:
		s, err := url.QueryUnescape(text)
		if err != nil {
			t.Fatal(err)
		}
		return s
	case EchoBase64:
		b, err = base64.StdEncoding.DecodeString(text)
	case EchoBase64URL:
		b, err = base64.RawURLEncoding.DecodeString(text)
	case EchoBase64Wrapped:
		for _, line := range strings.Split(text, "\r\n") {
			if len(strings.TrimSpace(line)) > 76 {
				t.Fatalf("line longer than 76: %q", line)
			}
		}
		b, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(text), ""))
	case EchoHex:
		b, err = hex.DecodeString(text)
	case EchoZeroWidth:
		if strings.Contains(text, "Authorization") {
			t.Fatal("no zero-width spaces")
		}
		return strings.ReplaceAll(text, "\u200b", "")
	case EchoWrapped:
		return strings.ReplaceAll(text, "\r\n", "")
	default:
		t.Fatalf("unknown form %s", strconv.Quote(string(form)))
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
