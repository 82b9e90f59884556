package kit

import "strings"

// githubFilter translates an IAM StringLike pattern of a branch or tag name into a GitHub
// Actions filter pattern (on.push.branches, on.push.tags) that matches a subset of the same
// names, so that a workflow never triggers for a ref its role would refuse:
//
//   - IAM "*" (any run, "/" included) becomes "*" (any run without "/");
//   - IAM "?" (exactly one character) becomes "[0-9a-zA-Z]", since "?" means "zero or one
//     of the preceding character" in a GitHub filter;
//   - the characters special to GitHub filters that git allows in ref names ("+", "!") are
//     escaped.
func githubFilter(pattern string) string {
	var b strings.Builder
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteByte('*')
		case '?':
			b.WriteString("[0-9a-zA-Z]")
		case '+', '!', '[', ']':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sample returns a name both the IAM pattern and its githubFilter match: each "*" becomes
// star and each "?" becomes "1", except that a "*" right after a "?" becomes nothing (the
// "?" already gave the character). Tags use star "1.0.0" (v* gives v1.0.0, v?*.?*.?* gives
// v1.1.1), branches "main".
func sample(pattern, star string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range pattern {
		switch r {
		case '*':
			if prev != '?' {
				b.WriteString(star)
			}
		case '?':
			b.WriteByte('1')
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// Sample stars for sample.
const (
	tagStar    = "1.0.0"
	branchStar = "main"
)
