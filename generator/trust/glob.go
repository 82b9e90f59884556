package trust

import "strings"

// globMatch reports whether value matches pattern under IAM wildcard rules:
// `*` matches any run of characters (including the empty run, and including
// `/` and `:`), `?` matches exactly one character, and every other character,
// `$`, `{` and `}` included, matches only itself. Matching is case-sensitive
// and works on Unicode code points, not bytes.
//
// Source: IAM User Guide, "IAM JSON policy elements: Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
// StringLike: "multi-character match wildcards (*) and single-character match
// wildcards (?) anywhere in the string".
func globMatch(pattern, value string) bool {
	p := []rune(pattern)
	v := []rune(value)
	pi, vi := 0, 0
	// starP is the pattern index just after the last `*` seen, starV the value
	// index that `*` is currently assumed to extend to. -1 means no `*` yet.
	starP, starV := -1, -1
	for vi < len(v) {
		switch {
		case pi < len(p) && p[pi] == '*':
			starP = pi + 1
			starV = vi
			pi++
		case pi < len(p) && (p[pi] == '?' || p[pi] == v[vi]):
			pi++
			vi++
		case starP >= 0:
			// Let the last `*` swallow one more character and retry.
			starV++
			vi = starV
			pi = starP
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// globMatchFold is globMatch with both sides lower-cased first. It is used for
// action names, which IAM compares case-insensitively ("The prefix and the
// action name are case insensitive", IAM User Guide, "IAM JSON policy
// elements: Action").
func globMatchFold(pattern, value string) bool {
	return globMatch(strings.ToLower(pattern), strings.ToLower(value))
}

// arnMatch reports whether value matches pattern under the ArnLike/ArnEquals
// rules: both must be ARNs with six colon-delimited components
// (arn:partition:service:region:account:resource, the resource keeping any
// further colons), and each component is glob-matched separately, so a `*`
// cannot cross a `:` between the first five components.
//
// Source: IAM User Guide, "IAM JSON policy elements: Condition operators",
// ARN condition operators: "Each of the six colon-delimited components of the
// ARN is checked separately and each can include multi-character match
// wildcards (*) or single-character match wildcards (?)".
func arnMatch(pattern, value string) bool {
	pp := strings.SplitN(pattern, ":", 6)
	vp := strings.SplitN(value, ":", 6)
	if len(pp) != 6 || len(vp) != 6 {
		return false
	}
	for i := range pp {
		if !globMatch(pp[i], vp[i]) {
			return false
		}
	}
	return true
}

// HasWildcard reports whether an IAM string pattern holds "*" or "?", and so needs
// StringLike to mean what it says.
func HasWildcard(pattern string) bool {
	return strings.ContainsAny(pattern, "*?")
}
