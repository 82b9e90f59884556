package printable

import (
	"regexp"
	"slices"
	"sync"
)

// htmlTag matches what a Markdown renderer could read as the start of raw HTML: "<"
// followed by a letter, "/", "!" or "?". It is compiled on first use: only tests call
// RawHTML, and compiling it at package initialisation cost every command's start-up.
var htmlTag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<[A-Za-z/!?][^>\s]*`) })

// RawHTML returns the raw HTML tags of a Markdown document that are not in allowed (for
// example "<details>", "</summary>"): the tags a value smuggled into the document. Every
// tag that Markdown escaping let through shows up here; it is meant for tests of writers
// that use the functions of this package.
func RawHTML(markdown string, allowed ...string) []string {
	var out []string
	for _, tag := range htmlTag().FindAllString(markdown, -1) {
		if !slices.Contains(allowed, tag) {
			out = append(out, tag)
		}
	}
	return out
}
