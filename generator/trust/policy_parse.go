package trust

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// ParsePolicy parses an IAM policy document as IAM accepts it and returns an
// error naming the offending element when it does not.
//
// Accepted shape (IAM User Guide, "Grammar of the IAM JSON policy language",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html):
//   - top level: optional Version ("2012-10-17" or "2008-10-17"), optional
//     Id, required Statement as one object or a non-empty array of objects;
//   - statement: optional Sid, Effect "Allow" or "Deny", at most one of
//     Principal/NotPrincipal ("*" or a map of AWS, Federated, Service or
//     CanonicalUser to a string or list), exactly one of Action/NotAction,
//     at most one of Resource/NotResource (string or list), optional
//     Condition (operator -> key -> value or list of values, where a value
//     is a string, number or boolean and is stringified);
//   - lists hold one or more values, and no object repeats a name ("Individual
//     elements must not contain multiple instances of the same key").
//
// Element names are matched exactly as the grammar spells them; unknown
// elements are errors. Condition operators are not validated here: an
// operator IAM does not know is kept and reported by Evaluate, which then
// treats its statement as not applying.
func ParsePolicy(doc []byte) (*Policy, error) {
	// Validate the document once: every part the parser looks at below is a sub-slice of
	// it, so valid as well, and is split by scanning (policy_scan.go). An invalid document
	// goes to encoding/json's decoder, which reports where it breaks.
	decodeTop := decodeObjectWithDecoder
	if scanValid && json.Valid(doc) {
		decodeTop = decodeObject
	}
	members, err := decodeTop(doc)
	if err != nil {
		return nil, fmt.Errorf("policy document: %w", err)
	}
	p := &Policy{}
	var statementRaw json.RawMessage
	for _, m := range members {
		switch m.name {
		case "Version":
			v, err := decodeString(m.value)
			if err != nil {
				return nil, fmt.Errorf("Version: %w", err)
			}
			if v != "2012-10-17" && v != "2008-10-17" {
				return nil, fmt.Errorf("Version %q: must be \"2012-10-17\" or \"2008-10-17\"", v)
			}
			p.Version = v
		case "Id":
			v, err := decodeString(m.value)
			if err != nil {
				return nil, fmt.Errorf("Id: %w", err)
			}
			p.ID = v
		case "Statement":
			statementRaw = m.value
		default:
			return nil, fmt.Errorf("unknown policy element %q (expected Version, Id or Statement)", m.name)
		}
	}
	if statementRaw == nil {
		return nil, errors.New("policy document has no Statement element")
	}
	raws, err := objectOrArray(statementRaw)
	if err != nil {
		return nil, fmt.Errorf("Statement: %w", err)
	}
	for i, raw := range raws {
		st, err := parseStatement(raw)
		if err != nil {
			return nil, fmt.Errorf("statement #%d: %w", i+1, err)
		}
		p.Statements = append(p.Statements, st)
	}
	return p, nil
}

// parseStatement parses one statement object.
func parseStatement(raw json.RawMessage) (Statement, error) {
	members, err := decodeObject(raw)
	if err != nil {
		return Statement{}, err
	}
	var st Statement
	hasEffect := false
	for _, m := range members {
		switch m.name {
		case "Sid":
			if st.Sid, err = decodeString(m.value); err != nil {
				return st, fmt.Errorf("Sid: %w", err)
			}
		case "Effect":
			v, err := decodeString(m.value)
			if err != nil {
				return st, fmt.Errorf("Effect: %w", err)
			}
			if v != string(EffectAllow) && v != string(EffectDeny) {
				return st, fmt.Errorf("Effect %q: must be \"Allow\" or \"Deny\"", v)
			}
			st.Effect = Effect(v)
			hasEffect = true
		case "Principal", "NotPrincipal":
			if st.Principal.Present {
				return st, errors.New("has both Principal and NotPrincipal")
			}
			if st.Principal, err = parsePrincipal(m.value); err != nil {
				return st, fmt.Errorf("%s: %w", m.name, err)
			}
			st.Principal.Negated = m.name == "NotPrincipal"
		case "Action", "NotAction":
			if st.Action.Present {
				return st, errors.New("has both Action and NotAction")
			}
			if st.Action, err = parseList(m.value); err != nil {
				return st, fmt.Errorf("%s: %w", m.name, err)
			}
			st.Action.Negated = m.name == "NotAction"
		case "Resource", "NotResource":
			if st.Resource.Present {
				return st, errors.New("has both Resource and NotResource")
			}
			if st.Resource, err = parseList(m.value); err != nil {
				return st, fmt.Errorf("%s: %w", m.name, err)
			}
			st.Resource.Negated = m.name == "NotResource"
		case "Condition":
			if st.Conditions, err = parseConditions(m.value); err != nil {
				return st, fmt.Errorf("Condition: %w", err)
			}
		default:
			return st, fmt.Errorf("unknown statement element %q", m.name)
		}
	}
	if !hasEffect {
		return st, errors.New("has no Effect")
	}
	if !st.Action.Present {
		return st, errors.New("has neither Action nor NotAction")
	}
	return st, nil
}

// parsePrincipal parses the value of a Principal or NotPrincipal element.
func parsePrincipal(raw json.RawMessage) (PrincipalBlock, error) {
	if jsonKind(raw) == '"' {
		s, err := decodeString(raw)
		if err != nil {
			return PrincipalBlock{}, err
		}
		if s != "*" {
			return PrincipalBlock{}, fmt.Errorf("string value %q: only \"*\" is allowed, otherwise use a map such as {\"Federated\": ...}", s)
		}
		return PrincipalBlock{Present: true, Any: true}, nil
	}
	members, err := decodeObject(raw)
	if err != nil {
		return PrincipalBlock{}, fmt.Errorf("must be \"*\" or an object: %w", err)
	}
	if len(members) == 0 {
		return PrincipalBlock{}, errors.New("object has no principal type")
	}
	b := PrincipalBlock{Present: true, Values: map[string][]string{}}
	for _, m := range members {
		switch m.name {
		case PrincipalAWS, PrincipalFederated, PrincipalService, PrincipalCanonicalUser:
		default:
			return b, fmt.Errorf("unknown principal type %q (expected AWS, Federated, Service or CanonicalUser)", m.name)
		}
		list, err := parseList(m.value)
		if err != nil {
			return b, fmt.Errorf("%s: %w", m.name, err)
		}
		b.Values[m.name] = list.Values
	}
	return b, nil
}

// parseList parses a string or a non-empty list of non-empty strings.
func parseList(raw json.RawMessage) (ListBlock, error) {
	var values []string
	switch jsonKind(raw) {
	case '"':
		s, err := decodeString(raw)
		if err != nil {
			return ListBlock{}, err
		}
		values = []string{s}
	case '[':
		items, err := decodeArray(raw)
		if err != nil {
			return ListBlock{}, err
		}
		if len(items) == 0 {
			return ListBlock{}, errors.New("empty list (a list holds one or more values)")
		}
		for i, item := range items {
			s, err := decodeString(item)
			if err != nil {
				return ListBlock{}, fmt.Errorf("item %d: %w", i+1, err)
			}
			values = append(values, s)
		}
	default:
		return ListBlock{}, fmt.Errorf("must be a string or a list of strings, got %s", kindName(raw))
	}
	for _, v := range values {
		if v == "" {
			return ListBlock{}, errors.New("empty string value")
		}
	}
	return ListBlock{Present: true, Values: values}, nil
}

// parseConditions parses a Condition element into entries sorted by
// operator, then key.
func parseConditions(raw json.RawMessage) ([]Condition, error) {
	operators, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	var out []Condition
	for _, op := range operators {
		keys, err := decodeObject(op.value)
		if err != nil {
			return nil, fmt.Errorf("operator %q: %w", op.name, err)
		}
		if len(keys) == 0 {
			return nil, fmt.Errorf("operator %q has no condition keys", op.name)
		}
		for _, k := range keys {
			if k.name == "" {
				return nil, fmt.Errorf("operator %q: empty condition key", op.name)
			}
			values, err := parseConditionValues(k.value)
			if err != nil {
				return nil, fmt.Errorf("operator %q key %q: %w", op.name, k.name, err)
			}
			out = append(out, Condition{Operator: op.name, Key: k.name, Values: values})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Operator != out[j].Operator {
			return out[i].Operator < out[j].Operator
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// parseConditionValues parses one condition value or a non-empty list of
// them; the grammar allows "string", "number" and "Boolean" values.
func parseConditionValues(raw json.RawMessage) ([]string, error) {
	if jsonKind(raw) != '[' {
		v, err := scalarText(raw)
		if err != nil {
			return nil, err
		}
		return []string{v}, nil
	}
	items, err := decodeArray(raw)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, errors.New("empty list (a list holds one or more values)")
	}
	values := make([]string, 0, len(items))
	for i, item := range items {
		v, err := scalarText(item)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
		values = append(values, v)
	}
	return values, nil
}

// scalarText returns the text of a string, number or boolean JSON value:
// the decoded string, the number's literal text, or "true"/"false".
func scalarText(raw json.RawMessage) (string, error) {
	switch k := jsonKind(raw); {
	case k == '"':
		return decodeString(raw)
	case k == 't' || k == 'f' || k == '-' || (k >= '0' && k <= '9'):
		return string(bytes.TrimSpace(raw)), nil
	default:
		return "", fmt.Errorf("value must be a string, number or boolean, got %s", kindName(raw))
	}
}

// member is one name/value pair of a JSON object, in document order.
type member struct {
	name  string
	value json.RawMessage
}

// decodeObject decodes raw, valid JSON (a part of a document ParsePolicy has
// validated), as one JSON object and returns its members in document order. It
// rejects repeated names and non-objects.
func decodeObject(raw []byte) ([]member, error) {
	if !scanValid {
		return decodeObjectWithDecoder(raw)
	}
	if err := objectKind(raw); err != nil {
		return nil, err
	}
	return splitObject(raw)
}

// objectKind returns an error unless raw starts with an object.
func objectKind(raw []byte) error {
	if k := jsonKind(raw); k != '{' {
		if k == 0 {
			return errors.New("empty document")
		}
		return fmt.Errorf("must be an object, got %s", kindName(raw))
	}
	return nil
}

// decodeObjectWithDecoder is decodeObject for any input, with encoding/json's
// decoder: it also rejects invalid JSON and trailing data.
func decodeObjectWithDecoder(raw []byte) ([]member, error) {
	if err := objectKind(raw); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // the opening '{'
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	var out []member
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		name, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("invalid JSON: unexpected %v", tok)
		}
		if seen[name] {
			return nil, fmt.Errorf("element %q appears more than once", name)
		}
		seen[name] = true
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, fmt.Errorf("invalid JSON in %q: %w", name, err)
		}
		out = append(out, member{name: name, value: value})
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid JSON: data after the closing brace")
	}
	return out, nil
}

// objectOrArray returns raw itself when it is an object, or the items of a
// non-empty array of objects.
func objectOrArray(raw json.RawMessage) ([]json.RawMessage, error) {
	switch jsonKind(raw) {
	case '{':
		return []json.RawMessage{raw}, nil
	case '[':
		items, err := decodeArray(raw)
		if err != nil {
			return nil, err
		}
		if len(items) == 0 {
			return nil, errors.New("empty list (a policy needs at least one statement)")
		}
		return items, nil
	default:
		return nil, fmt.Errorf("must be an object or a list of objects, got %s", kindName(raw))
	}
}

// decodeArray decodes raw, a JSON array that is part of a document ParsePolicy has
// validated, into its items, as json.Unmarshal into []json.RawMessage does.
func decodeArray(raw json.RawMessage) ([]json.RawMessage, error) {
	if scanValid {
		return splitArray(raw), nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, err
	}
	return items, nil
}

// decodeString decodes raw as a JSON string.
func decodeString(raw json.RawMessage) (string, error) {
	if jsonKind(raw) != '"' {
		return "", fmt.Errorf("must be a string, got %s", kindName(raw))
	}
	if s, ok := plainString(bytes.TrimSpace(raw)); ok && scanValid {
		return s, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", err
	}
	return s, nil
}

// jsonKind returns the first non-space byte of raw, or 0 when raw is blank.
func jsonKind(raw []byte) byte {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 {
		return 0
	}
	return trimmed[0]
}

// kindName names the JSON type of raw for error messages.
func kindName(raw []byte) string {
	switch k := jsonKind(raw); {
	case k == '{':
		return "an object"
	case k == '[':
		return "a list"
	case k == '"':
		return "a string"
	case k == 't' || k == 'f':
		return "a boolean"
	case k == 'n':
		return "null"
	case k == 0:
		return "nothing"
	case k == '-' || (k >= '0' && k <= '9'):
		return "a number"
	default:
		return fmt.Sprintf("invalid JSON starting with %q", strings.ToValidUTF8(string(k), "?"))
	}
}
