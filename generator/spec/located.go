package spec

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/aws"
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

// decodeScalar fills l from a YAML scalar node. It returns a problem in plain words, or "";
// a problem may carry a detail after its first line feed.
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
		// yaml.v3 tags 09000 (no octal number) and integers beyond 64 bits as !!float.
		if n.ShortTag() != "!!int" && (n.ShortTag() != "!!float" || !integerText.MatchString(n.Value)) {
			return "expected a whole number, found " + describeNode(n)
		}
		i, problem := parseInt(n.Value)
		if problem != "" {
			return problem
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

// yaml12Int is an integer of the YAML 1.2 core schema: decimal, 0o octal or 0x
// hexadecimal.
var yaml12Int = aws.NewPattern(`^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$`)

// parseInt reads an integer the way YAML 1.2 does, which is not how yaml.v3 tags it:
// yaml.v3 also reads YAML 1.1's 0777 (octal), 0b101 and 1_000, so that
// max_session_duration: 07200 would be 3712 seconds. A leading zero, binary and
// underscores are refused with the fix, so that the number a reviewer reads is the number
// rendered, whichever YAML version another tool applies.
func parseInt(text string) (int64, string) {
	digits := strings.TrimLeft(text, "+-")
	switch {
	case !yaml12Int.MatchString(text):
		return 0, "the number " + text + " is not a YAML 1.2 integer\nWrite it in decimal digits only, for example 3600 (or 0o17 for octal, 0x1f for hexadecimal); YAML 1.1 forms such as 0b101 and 1_000 are read differently by different tools."
	case len(digits) > 1 && digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9':
		decimal := strings.TrimLeft(digits, "0")
		meaning := fmt.Sprintf(" (YAML 1.2 reads it as %s, but tools that follow YAML 1.1 read a leading zero as octal)", cmp.Or(decimal, "0"))
		fix := "\nWrite " + strings.TrimSuffix(text, digits) + cmp.Or(decimal, "0") + " without the leading zero."
		sign := strings.TrimSuffix(text, digits)
		if octal, err := strconv.ParseInt(digits, 8, 64); err == nil {
			if sign == "-" {
				octal = -octal
			}
			meaning = fmt.Sprintf(" (YAML 1.1 tools read %s as the octal number %d, YAML 1.2 as %s%s)", text, octal, strings.TrimPrefix(sign, "+"), cmp.Or(decimal, "0"))
			if sign == "" {
				fix = strings.TrimSuffix(fix, ".") + ", or 0o" + cmp.Or(decimal, "0") + " if you mean an octal number."
			}
		}
		return 0, "the number " + text + " has a leading zero" + meaning + fix
	}
	i, err := strconv.ParseInt(text, 0, 64)
	if err != nil || i != int64(int(i)) || i > 1<<31 || i < -(1<<31) {
		return 0, "the number " + text + " is out of range"
	}
	return i, ""
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
var integerText = aws.NewPattern(`^[-+]?[0-9]+$`)

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
