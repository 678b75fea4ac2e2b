// Helpers for reading and checking request parameters, shared by the handlers.

package fakejp1

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
)

// decodeBody decodes the whole request body, one JSON object, into v (a
// pointer to a struct), as strictly as JP1 reads it: member names must match
// the struct's json tags exactly (encoding/json alone matches them
// case-insensitively and skips unknown ones, so "clientID" or "ID" would pass
// here and fail on a real manager), and nothing may follow the object.
func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	if err := checkMemberNames(b, reflect.TypeOf(v).Elem()); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON object")
	}
	return nil
}

// checkMemberNames refuses a body that is not a JSON object or has a member
// whose name is not exactly one of t's json tags.
func checkMemberNames(b []byte, t reflect.Type) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(b, &members); err != nil {
		return err
	}
	if members == nil {
		return errors.New("the body must be a JSON object")
	}
	known := make(map[string]bool, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" {
			name = t.Field(i).Name
		}
		known[name] = true
	}
	for name := range members {
		if !known[name] {
			return fmt.Errorf("unknown member %q", name)
		}
	}
	return nil
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
