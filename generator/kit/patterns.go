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
// star and each "?" becomes "1". Tags use star "1.0.0" (v* gives v1.0.0), branches "main".
func sample(pattern, star string) string {
	var b strings.Builder
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(star)
		case '?':
			b.WriteByte('1')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Sample stars for sample.
const (
	tagStar    = "1.0.0"
	branchStar = "main"
)
