package fakejp1

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPrintableASCII(t *testing.T) {
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
	var v struct{ A int }
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"A":1}`))
	if err := decodeBody(r, &v); err != nil || v.A != 1 {
		t.Errorf("decodeBody: %v %+v", err, v)
	}
	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"A":1} trailing`))
	if err := decodeBody(r, &v); err == nil {
		t.Error("trailing data accepted")
	}
}
