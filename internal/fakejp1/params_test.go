package fakejp1

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPrintableASCII(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		s    string
		lo   byte
		want bool
	}{
		{"", 0x20, true},
		{" ~", 0x20, true},
		{" ", 0x21, false},
		{"a\x7f", 0x20, false},
		{"a\x1f", 0x20, false},
		{"é", 0x20, false},
	} {
		if got := printableASCII(tt.s, tt.lo); got != tt.want {
			t.Errorf("printableASCII(%q, %#x) = %v", tt.s, tt.lo, got)
		}
	}
}

func TestDecodeBody(t *testing.T) {
	t.Parallel()
	type body struct {
		ClientID *string `json:"clientId"`
		N        int
	}
	for _, tt := range []struct {
		in, want string // want: the decoded clientId, or "" for an error
	}{
		{`{"clientId":"c1"}`, "c1"},
		{`{"clientId":"c1","N":2}`, "c1"},
		{`{"clientId":"c1"} trailing`, ""},
		{`{"clientID":"c1"}`, ""},                 // JP1 matches member names exactly
		{`{"clientId":"c1","clientID":"c2"}`, ""}, // encoding/json would take the last one
		{`{"clientId":"c1","id":"x"}`, ""},        // unknown member
		{`{"n":2}`, ""},
		{`["c1"]`, ""},
		{`null`, ""},
		{``, ""},
	} {
		var v body
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.in))
		err := decodeBody(r, &v)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("decodeBody(%s) accepted: %+v", tt.in, v)
		case tt.want != "" && (err != nil || v.ClientID == nil || *v.ClientID != tt.want):
			t.Errorf("decodeBody(%s) = %v, %+v; want clientId %q", tt.in, err, v, tt.want)
		}
	}
}
