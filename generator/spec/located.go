package spec

import (
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// Located is a scalar value of the spec together with where it was written. Set is false
// when the key was absent; Value and Pos are then zero.
type Located[T string | int | bool] struct {
	Value T
	Pos   diag.Pos
	Set   bool
}

// Or returns the value when it was set in the spec, and fallback otherwise.
func (l Located[T]) Or(fallback T) T {
	if l.Set {
		return l.Value
	}
	return fallback
}

// decodeScalar fills l from a YAML scalar node. It returns a problem in plain words, or "".
// Strings accept any plain or quoted scalar except booleans and null (whose text would be
// surprising: "yes" is a string in YAML 1.2, but "true" is not); numbers keep the digits
// exactly as written, so an account ID such as 012345678901 keeps its leading zero.
func (l *Located[T]) decodeScalar(n *yaml.Node, pos diag.Pos) string {
	l.Pos, l.Set = pos, true
	switch v := any(&l.Value).(type) {
	case *string:
		switch n.ShortTag() {
		case "!!str", "!!int", "!!float":
			*v = n.Value
			return ""
		case "!!null":
			return "expected a string, found null; write \"\" for an empty string, or remove the key"
		default:
			return "expected a string, found " + describeTag(n.ShortTag()) + `; put it in quotes if you mean the text "` + n.Value + `"`
		}
	case *int:
		if n.ShortTag() != "!!int" {
			return "expected a whole number, found " + describeNode(n)
		}
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil || i != int64(int(i)) || i > 1<<31 || i < -(1<<31) {
			return "the number " + n.Value + " is out of range"
		}
		*v = int(i)
		return ""
	case *bool:
		if n.ShortTag() != "!!bool" {
			return "expected true or false, found " + describeNode(n)
		}
		b, err := strconv.ParseBool(n.Value)
		if err != nil {
			// YAML 1.2 booleans are exactly true/false in any of three casings.
			return "expected true or false, found " + strconv.Quote(n.Value)
		}
		*v = b
		return ""
	}
	panic("unreachable: Located is constrained to string, int and bool")
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!str":
		return "the text " + strconv.Quote(n.Value)
	case "!!null":
		return "null"
	case "!!float":
		if integerText.MatchString(n.Value) {
			return "the number " + n.Value + ", which is too large"
		}
	}
	return describeTag(n.ShortTag()) + " " + n.Value
}

// integerText is an integer that yaml.v3 tags !!float because it does not fit in 64 bits.
var integerText = regexp.MustCompile(`^[-+]?[0-9]+$`)

func describeTag(tag string) string {
	switch tag {
	case "!!bool":
		return "a boolean"
	case "!!int":
		return "a number"
	case "!!float":
		return "a decimal number"
	case "!!null":
		return "null"
	case "!!str":
		return "a string"
	case "!!timestamp":
		return "a timestamp"
	case "!!binary":
		return "binary data"
	}
	return "a value tagged " + tag
}
