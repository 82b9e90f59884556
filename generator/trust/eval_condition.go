package trust

import (
	"fmt"
	"strings"
)

// Sources for the rules in this file (AWS IAM User Guide):
//   - [operators] "IAM JSON policy elements: Condition operators",
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
//   - [multi] "Conditions with multiple context keys or values",
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
//   - [sets] "Single-valued vs. multivalued context keys",
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html

// setQualifier is the ForAllValues:/ForAnyValue: prefix of an operator.
type setQualifier int

const (
	setNone setQualifier = iota
	setForAll
	setForAny
)

// operator is a parsed condition operator name.
type operator struct {
	set      setQualifier
	null     bool // the Null existence check
	ifExists bool
	negated  bool
	// match compares one policy value with one request value.
	match func(policyValue, requestValue string) bool
}

// baseOperator describes an operator name without prefix or IfExists suffix.
type baseOperator struct {
	negated bool
	match   func(policyValue, requestValue string) bool
}

// baseOperators lists the operators this evaluator implements, spelled as
// IAM spells them. StringLike/StringNotLike are case-sensitive globs; there
// is no case-insensitive StringLike. ArnEquals and ArnLike "behave
// identically", as do ArnNotEquals and ArnNotLike [operators].
var baseOperators = map[string]baseOperator{
	"StringEquals":              {false, stringEquals},
	"StringNotEquals":           {true, stringEquals},
	"StringEqualsIgnoreCase":    {false, strings.EqualFold},
	"StringNotEqualsIgnoreCase": {true, strings.EqualFold},
	"StringLike":                {false, globMatch},
	"StringNotLike":             {true, globMatch},
	"Bool":                      {false, strings.EqualFold},
	"ArnEquals":                 {false, arnMatch},
	"ArnLike":                   {false, arnMatch},
	"ArnNotEquals":              {true, arnMatch},
	"ArnNotLike":                {true, arnMatch},
}

// unsupportedOperators are IAM operators this evaluator does not implement;
// a condition using one is reported and treated as not matching.
var unsupportedOperators = map[string]bool{
	"NumericEquals": true, "NumericNotEquals": true, "NumericLessThan": true,
	"NumericLessThanEquals": true, "NumericGreaterThan": true, "NumericGreaterThanEquals": true,
	"DateEquals": true, "DateNotEquals": true, "DateLessThan": true,
	"DateLessThanEquals": true, "DateGreaterThan": true, "DateGreaterThanEquals": true,
	"BinaryEquals": true, "IpAddress": true, "NotIpAddress": true,
}

func stringEquals(a, b string) bool { return a == b }

// parseOperator parses an operator name such as
// "ForAnyValue:StringLikeIfExists".
//
// Names are matched case-sensitively. The IAM User Guide does not state this
// (it only says context key names are case-insensitive), but IAM rejects a
// miscased operator at CreateRole with "MalformedPolicyDocument: Invalid
// Condition type : stringEquals" (reported in
// github.com/ministryofjustice/modernisation-platform-environments PR 8893).
// IfExists may follow any operator except Null [operators].
func parseOperator(name string) (operator, error) {
	var op operator
	rest := name
	switch {
	case strings.HasPrefix(rest, "ForAllValues:"):
		op.set, rest = setForAll, strings.TrimPrefix(rest, "ForAllValues:")
	case strings.HasPrefix(rest, "ForAnyValue:"):
		op.set, rest = setForAny, strings.TrimPrefix(rest, "ForAnyValue:")
	}
	if rest == "Null" {
		if op.set != setNone {
			return op, fmt.Errorf("condition operator %q: Null takes no ForAllValues/ForAnyValue qualifier", name)
		}
		op.null = true
		return op, nil
	}
	if base, ok := strings.CutSuffix(rest, "IfExists"); ok && base != "Null" {
		op.ifExists, rest = true, base
	}
	base, ok := baseOperators[rest]
	if !ok {
		if unsupportedOperators[rest] {
			return op, fmt.Errorf("condition operator %q is valid in IAM but not supported by this evaluator", name)
		}
		return op, fmt.Errorf("unknown condition operator %q (IAM operator names are case-sensitive, e.g. StringEquals)", name)
	}
	op.negated, op.match = base.negated, base.match
	return op, nil
}

// evalCondition evaluates one operator/key entry against the context.
//
// Rules:
//   - The values of one key are ORed; for a negated operator (StringNotEquals,
//     StringNotLike, ...) they are NORed: true when no value matches [multi].
//   - An absent key makes a positive operator false and a negated operator
//     true [operators, "Important"].
//   - ...IfExists is true when the key is absent and otherwise evaluates as
//     the operator without the suffix [operators, "...IfExists"]. This applies
//     with set qualifiers too, as the AWS text makes no exception.
//   - Null "true" holds when the key is absent, Null "false" when it is
//     present with a value [operators, "Condition operator to check existence
//     of condition keys"]. A key present with no values, or only empty
//     strings, counts as null, following [sets]: "prevent missing context
//     keys or context keys with empty values from evaluating to true by
//     including a Null condition operator ... with a value of false".
//   - ForAllValues is true when the key is absent or its values are an empty
//     data set, and otherwise true when every request value satisfies the
//     operator; ForAnyValue is false when the key is absent or empty, and
//     otherwise true when at least one request value satisfies it ([sets]:
//     ForAllValues "also returns true if there are no context keys in the
//     request"; [multi]: "If the key values in the request resolve to an
//     empty data set (for example, an empty string), a condition operator
//     modified by ForAllValues returns true, and a condition operator modified
//     by ForAnyValue returns false").
//   - A plain operator against a key with several request values is true when
//     any request value matches any policy value (negated: when none does).
//     The AWS guide only says multivalued keys "require" a set operator; this
//     any-value reading is this evaluator's choice.
func evalCondition(c Condition, ctx context) ConditionResult {
	values, present := ctx.lookup(c.Key)
	r := ConditionResult{
		Operator:      c.Operator,
		Key:           c.Key,
		PolicyValues:  c.Values,
		KeyPresent:    present,
		RequestValues: values,
	}
	op, err := parseOperator(c.Operator)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	switch {
	case op.null:
		r.Matched, err = evalNull(c.Values, !present || emptySet(values))
		if err != nil {
			r.Error = err.Error()
		}
	case !present && op.ifExists:
		r.Matched = true
	case op.set == setForAll:
		r.Matched = emptySet(values) || op.allSatisfy(c.Values, values)
	case op.set == setForAny:
		r.Matched = !emptySet(values) && op.anySatisfies(c.Values, values)
	default:
		r.Matched = anyMatch(op.match, c.Values, values) != op.negated
	}
	return r
}

// satisfiedBy reports whether one request value satisfies the operator: it
// matches some policy value, or for a negated operator matches none.
func (op operator) satisfiedBy(policyValues []string, requestValue string) bool {
	return anyMatch(op.match, policyValues, []string{requestValue}) != op.negated
}

// allSatisfy reports whether every request value satisfies the operator.
func (op operator) allSatisfy(policyValues, requestValues []string) bool {
	for _, v := range requestValues {
		if !op.satisfiedBy(policyValues, v) {
			return false
		}
	}
	return true
}

// anySatisfies reports whether at least one request value satisfies the
// operator.
func (op operator) anySatisfies(policyValues, requestValues []string) bool {
	for _, v := range requestValues {
		if op.satisfiedBy(policyValues, v) {
			return true
		}
	}
	return false
}

// anyMatch reports whether any request value matches any policy value.
func anyMatch(match func(string, string) bool, policyValues, requestValues []string) bool {
	for _, rv := range requestValues {
		for _, pv := range policyValues {
			if match(pv, rv) {
				return true
			}
		}
	}
	return false
}

// evalNull evaluates a Null condition: each policy value must be "true" or
// "false"; the values are ORed like any other operator's.
func evalNull(policyValues []string, isNull bool) (bool, error) {
	matched := false
	for _, pv := range policyValues {
		switch strings.ToLower(pv) {
		case "true":
			matched = matched || isNull
		case "false":
			matched = matched || !isNull
		default:
			return false, fmt.Errorf("Null value %q must be true or false", pv)
		}
	}
	return matched, nil
}

// emptySet reports whether request values form an empty data set: no values,
// or only empty strings.
func emptySet(values []string) bool {
	for _, v := range values {
		if v != "" {
			return false
		}
	}
	return true
}
