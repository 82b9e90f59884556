package aws

import (
	"strings"
	"testing"
)

// TestParseGroupPattern checks every shape of the package-group syntax, the normalisation
// of PyPI, NuGet and Swift names, and the refusals, each with what its message names.
func TestParseGroupPattern(t *testing.T) {
	for _, c := range []struct {
		in, want string // want is the canonical pattern, or "" when refused
		kind     int
		problem  string // part of the problem when refused
	}{
		{"/*", "/*", PatternRoot, ""},
		{"/npm/*", "/npm/*", PatternFormat, ""},
		{"/maven/com.acme~", "/maven/com.acme~", PatternNamespacePrefix, ""},
		{"/npm/acme/*", "/npm/acme/*", PatternNamespace, ""},
		{"/npm/acme/ui~", "/npm/acme/ui~", PatternNamePrefix, ""},
		{"/maven/org.acme/core$", "/maven/org.acme/core$", PatternPackage, ""},
		{"/pypi//Acme_Lib$", "/pypi//acme-lib$", PatternPackage, ""},
		{"/pypi//Acme__~", "/pypi//acme-~", PatternNamePrefix, ""},
		{"/nuget//Acme.Core$", "/nuget//acme.core$", PatternPackage, ""},
		{"/swift/Acme/CoreKit$", "/swift/acme/corekit$", PatternPackage, ""},
		{"/npm//left-pad$", "/npm//left-pad$", PatternPackage, ""},
		{"npm/*", "", 0, "does not start with"},
		{"/conda/*", "", 0, "unknown format"},
		{"/npm", "", 0, "ends after the format"},
		{"/npm/acme", "", 0, "without a name"},
		{"/npm/acme/ui", "", 0, "does not end in"},
		{"/pypi/acme/lib$", "", 0, "have no namespace"},
		{"/maven//core$", "", 0, "without a namespace"},
		{"/swift//*", "", 0, "gives no namespace"},
		{"/npm/@acme/*", "", 0, "write \"acme\""},
		{"/npm/ac*me/*", "", 0, "the character '*'"},
		{"/npm/acme/u i$", "", 0, "the character ' '"},
		{"/npm/acme/$", "", 0, "does not end in"},
	} {
		p, problem := ParseGroupPattern(c.in)
		switch {
		case c.want == "" && (problem == "" || !strings.Contains(problem, c.problem)):
			t.Errorf("ParseGroupPattern(%q): problem %q, want one with %q", c.in, problem, c.problem)
		case c.want != "" && problem != "":
			t.Errorf("ParseGroupPattern(%q): unexpected problem %q", c.in, problem)
		case c.want != "" && (p.String() != c.want || p.Kind != c.kind):
			t.Errorf("ParseGroupPattern(%q) = %s (kind %d), want %s (kind %d)", c.in, p, p.Kind, c.want, c.kind)
		case c.want != "":
			if again, problem := ParseGroupPattern(p.String()); problem != "" || again != p {
				t.Errorf("%s does not parse back to itself: %v %q", p, again, problem)
			}
		}
	}
}

// TestContainsAgreesWithMatches: Contains(p, q) holds exactly when every package of a
// sample that q matches is also matched by p (for the patterns and packages below), and
// of two patterns that match one package, one contains the other and MoreSpecific picks
// the contained one.
func TestContainsAgreesWithMatches(t *testing.T) {
	var patterns []GroupPattern
	for _, s := range []string{"/*", "/npm/*", "/npm/ac~", "/npm/acme~", "/npm/acme/*", "/npm/acme/u~", "/npm/acme/ui~", "/npm/acme/ui$",
		"/npm//ui$", "/npm//u~", "/npm/acmex/*", "/maven/*", "/maven/com.acme~", "/maven/com.acme/core$", "/pypi//acme-~", "/pypi//acme-lib$"} {
		p, problem := ParseGroupPattern(s)
		if problem != "" {
			t.Fatal(s, problem)
		}
		patterns = append(patterns, p)
	}
	type pkg struct{ format, ns, name string }
	var sample []pkg
	for _, ns := range []string{"", "a", "ac", "acme", "acmex", "acme.x"} {
		for _, name := range []string{"u", "ui", "uix", "x", "ui-kit"} {
			sample = append(sample, pkg{"npm", ns, name})
		}
	}
	sample = append(sample, pkg{"maven", "com.acme", "core"}, pkg{"maven", "com.acme.x", "y"}, pkg{"maven", "org", "core"},
		pkg{"pypi", "", "acme-lib"}, pkg{"pypi", "", "acme-x"}, pkg{"pypi", "", "other"})
	for _, p := range patterns {
		for _, q := range patterns {
			subset := true
			for _, s := range sample {
				if q.Matches(s.format, s.ns, s.name) && !p.Matches(s.format, s.ns, s.name) {
					subset = false
				}
			}
			// The sample is rich enough that no containment is claimed without support.
			if p.Contains(q) && !subset {
				t.Errorf("%s contains %s, but the sample has a package of %s outside %s", p, q, q, p)
			}
			for _, s := range sample {
				if p.Matches(s.format, s.ns, s.name) && q.Matches(s.format, s.ns, s.name) && p != q {
					if !p.Contains(q) && !q.Contains(p) {
						t.Errorf("%s and %s both match %v but neither contains the other", p, q, s)
					}
					if p.MoreSpecific(q) && !q.Contains(p) {
						t.Errorf("%s is called more specific than %s, which does not contain it", p, q)
					}
				}
			}
		}
	}
}
