package trust

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// The functions below split JSON that encoding/json has already accepted (json.Valid) into
// its members or items by scanning bytes, without a json.Decoder and without copying: the
// members and items are sub-slices of the input. ParsePolicy parses one trust policy per
// role, so at organisation scale the decoder's per-object state and copies were most of
// the lint's cost. They give the same results as the decoder path on valid input and are
// never called on invalid input (ParsePolicy validates each document once, and hands an
// invalid one to the decoder), so every error for malformed JSON
// still comes from encoding/json, word for word.

// scanValid selects the scanning path for valid JSON; tests turn it off to compare with
// the encoding/json path.
var scanValid = true

// skipSpace returns the index of the first byte at or after i that is not JSON white space.
func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the index just after the JSON value that starts at raw[i]. raw must be
// valid JSON and raw[i] the first byte of a value.
func valueEnd(raw []byte, i int) int {
	switch raw[i] {
	case '"':
		for i++; raw[i] != '"'; i++ {
			if raw[i] == '\\' {
				i++ // the escaped byte (or the u of \uXXXX, whose hex digits are not quotes)
			}
		}
		return i + 1
	case '{', '[':
		depth := 0
		for ; ; i++ {
			switch raw[i] {
			case '"':
				i = valueEnd(raw, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
	default: // number, true, false, null
		for i < len(raw) && raw[i] != ',' && raw[i] != '}' && raw[i] != ']' &&
			raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r' {
			i++
		}
		return i
	}
}

// splitObject returns the members of the valid JSON object raw in document order, or an
// error at the first repeated name, as decodeObject does.
func splitObject(raw []byte) ([]member, error) {
	i := skipSpace(raw, 0) + 1 // after '{'
	var out []member
	var seen map[string]bool // built once the object is long enough to need it
	for {
		i = skipSpace(raw, i)
		if raw[i] == '}' {
			return out, nil
		}
		if raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
		end := valueEnd(raw, i)
		name, err := decodeString(raw[i:end])
		if err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		if repeated(out, &seen, name) {
			return nil, fmt.Errorf("element %q appears more than once", name)
		}
		i = skipSpace(raw, end)
		i = skipSpace(raw, i+1) // after ':'
		end = valueEnd(raw, i)
		out = append(out, member{name: name, value: raw[i:end]})
		i = end
	}
}

// repeated reports whether a member of out is called name. Objects in policies have a
// handful of members, compared directly; from 16 on, *seen holds every name so far and
// the cost stays linear in the object's length.
func repeated(out []member, seen *map[string]bool, name string) bool {
	if len(out) < 16 {
		for _, m := range out {
			if m.name == name {
				return true
			}
		}
		return false
	}
	if *seen == nil {
		*seen = make(map[string]bool, 2*len(out))
		for _, m := range out {
			(*seen)[m.name] = true
		}
	}
	if (*seen)[name] {
		return true
	}
	(*seen)[name] = true
	return false
}

// splitArray returns the items of the valid JSON array raw.
func splitArray(raw []byte) []json.RawMessage {
	i := skipSpace(raw, 0) + 1 // after '['
	var out []json.RawMessage
	for {
		i = skipSpace(raw, i)
		if raw[i] == ']' {
			return out
		}
		if raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
		end := valueEnd(raw, i)
		out = append(out, raw[i:end])
		i = end
	}
}

// plainString returns the contents of the JSON string raw (no surrounding space) when it
// holds no escape and is valid UTF-8: then they are its value exactly, as json.Unmarshal
// would decode it. ok is false otherwise.
func plainString(raw []byte) (s string, ok bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(body) {
		return "", false
	}
	return string(body), true
}
