// Helpers for reading and checking request parameters, shared by the handlers.

package fakejp1

import (
	"encoding/json"
	"io"
	"net/http"
)

// decodeBody decodes the whole request body as one JSON value into v.
func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// printableASCII reports whether every byte of s is in lo..0x7E.
func printableASCII(s string, lo byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < lo || s[i] > 0x7E {
			return false
		}
	}
	return true
}
