package validate

import "strings"

// refPatternProblem returns why git could never create a branch or tag that the pattern
// matches, or "". The rules are git check-ref-format's, applied to the pattern with "*" and
// "?" read as IAM wildcards (git itself forbids both characters in ref names, so in a
// pattern they can only be wildcards):
//   - no ASCII control characters, space, "~", "^", ":", "[" or "\";
//   - no "..", "@{" or "//"; not "@" alone;
//   - no component that starts with "." or ends with ".lock";
//   - does not start or end with "/" and does not end with ".";
//   - a branch name does not start with "-".
func refPatternProblem(pattern string) string {
	switch {
	case pattern == "":
		return "it is empty"
	case pattern == "@":
		return `git does not allow the name "@"`
	case strings.HasPrefix(pattern, "refs/"):
		return `write the name without "refs/heads/" or "refs/tags/"; codeartifact-gen adds the prefix`
	case strings.HasPrefix(pattern, "/") || strings.HasSuffix(pattern, "/"):
		return `git names do not start or end with "/"`
	case strings.HasSuffix(pattern, "."):
		return `git names do not end with "."`
	case strings.HasPrefix(pattern, "-"):
		return `git names do not start with "-"`
	case strings.Contains(pattern, ".."):
		return `git names do not contain ".."`
	case strings.Contains(pattern, "@{"):
		return `git names do not contain "@{"`
	case strings.Contains(pattern, "//"):
		return `git names do not contain "//"`
	}
	for _, r := range pattern {
		if r < 0x20 || r == 0x7f {
			return "git names do not contain control characters"
		}
		if strings.ContainsRune(" ~^:[\\", r) {
			return `git names do not contain spaces or any of ~ ^ : [ \`
		}
	}
	for _, c := range strings.Split(pattern, "/") {
		if strings.HasPrefix(c, ".") {
			return `no part of a git name starts with "."`
		}
		if strings.HasSuffix(c, ".lock") {
			return `no part of a git name ends with ".lock"`
		}
	}
	return ""
}
