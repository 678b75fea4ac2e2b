package jp1api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

// The IM lists (client IDs, proxy users, lower managers) and the keys in them
// (docs/design/jp1-api.md §1.3 "Lists and keys").

// imListAnswer decodes an IM list answer, {"<member>": ["…", …]}. An answer
// without the list ({} or a null list) or with a null item is malformed,
// never "no objects" (a Read would otherwise forget every object in state);
// the error says what JP1 sent instead and that an empty list is [].
func imListAnswer(member string, items *[]string) func([]byte) error {
	decode := stringListAnswer(member, items)
	return func(data []byte) error {
		if err := decode(data); err != nil {
			return listAnswerError(member, data, err)
		}
		// A null item decodes as "" and would pass for a key.
		var raw map[string]json.RawMessage
		var list []json.RawMessage
		if json.Unmarshal(bytes.TrimSpace(data), &raw) == nil && json.Unmarshal(raw[member], &list) == nil {
			for i, item := range list {
				if string(bytes.TrimSpace(item)) == "null" {
					return fmt.Errorf("item %d of the %s list is null (JP1 sent %d items): every item must be a string", i+1, member, len(list))
				}
			}
		}
		return nil
	}
}

// listAnswerError words a malformed list answer by what it holds: the shape of
// the member, or which members it has instead. Network text is quoted short
// (APIError.Error removes control characters).
func listAnswerError(member string, data []byte, err error) error {
	var members map[string]json.RawMessage
	if json.Unmarshal(bytes.TrimSpace(data), &members) != nil {
		return err // not a JSON object: the decoder's own words say so
	}
	emptyList := fmt.Sprintf("an empty list must be sent as {%q: []}", member)
	raw, ok := members[member]
	switch {
	case !ok && len(members) == 0:
		return fmt.Errorf("JP1 sent {}, without the %s list: %s", member, emptyList)
	case !ok:
		names := make([]string, 0, len(members))
		for name := range members {
			names = append(names, fmt.Sprintf("%q", shortText(name, 40)))
		}
		slices.Sort(names)
		if len(names) > 5 {
			names = append(names[:5], "…")
		}
		return fmt.Errorf("JP1 sent no %s list (the answer's members: %s): %s", member, strings.Join(names, ", "), emptyList)
	}
	return fmt.Errorf("JP1 sent %q: %s, not a list of strings: %s", member, jsonShape(raw), emptyList)
}

// jsonShape names what a JSON value is, quoting only the short literals.
func jsonShape(raw json.RawMessage) string {
	v := bytes.TrimSpace(raw)
	switch {
	case len(v) == 0:
		return "nothing"
	case string(v) == "null", string(v) == "true", string(v) == "false", string(v) == "{}", string(v) == "[]":
		return string(v)
	case v[0] == '{':
		return "an object"
	case v[0] == '"':
		return "a string"
	case v[0] == '[':
		var items []json.RawMessage
		if json.Unmarshal(v, &items) == nil {
			for i, item := range items {
				if s := bytes.TrimSpace(item); len(s) == 0 || s[0] != '"' {
					return fmt.Sprintf("a list whose item %d is %s", i+1, jsonShape(item))
				}
			}
		}
		return "a list that is not valid JSON"
	}
	return "a number or another value"
}

// shortText cuts s to at most n runes.
func shortText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// caseTwin returns the listed key that equals key when case is ignored but
// differs in case, when the list has no exact match.
//
// Decided (docs/design/jp1-api.md §1.3): the manuals do not say whether JP1
// compares client IDs, proxy user IDs or lower manager host names ignoring
// case. If it does, a create of "ProxyUser" while "proxyuser" is listed would
// reach the object of that other key (add and createInfo replace its secret),
// so a create refuses such a key, as it refuses a listed one.
func caseTwin(listed []string, key string) (string, bool) {
	twin, found := "", false
	for _, k := range listed {
		if k == key {
			return "", false
		}
		if !found && strings.EqualFold(k, key) {
			twin, found = k, true
		}
	}
	return twin, found
}

// caseTwinError refuses a create of key while JP1 lists twin, the same key in
// another case; nothing was sent. what names the kind of key; risk says what
// the create would do if JP1 ignores case.
func caseTwinError(endpoint, what, key, twin, risk string) *APIError {
	return &APIError{Method: http.MethodPost, Endpoint: endpoint, Product: ProductIM, Cause: CauseAlreadyExists, Existing: twin,
		Message: fmt.Sprintf("%s %q is not listed, but %q is, which differs only in case (nothing was sent)", what, key, twin),
		Hint: "the manuals do not say whether JP1 compares these keys ignoring case; if it does, the two are one object, and " +
			risk}
}
