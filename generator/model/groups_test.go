package model_test

import (
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

func pattern(t *testing.T, s string) aws.GroupPattern {
	t.Helper()
	p, problem := aws.ParseGroupPattern(s)
	if problem != "" {
		t.Fatal(s, problem)
	}
	return p
}

// TestEffective: the most specific group that does not inherit decides; inherit climbs
// to the containing group; with no deciding group the root's ALLOW applies.
func TestEffective(t *testing.T) {
	group := func(p, external string) *model.PackageGroup {
		return &model.PackageGroup{Pattern: pattern(t, p), ExternalUpstream: model.Restriction{Mode: external}}
	}
	groups := []*model.PackageGroup{
		group("/npm/*", aws.ModeInherit),
		group("/npm/acme/*", aws.ModeBlock),
		group("/npm/acme/ui~", aws.ModeInherit),
		group("/npm/acme/vendored-~", aws.ModeAllow),
		group("/npm/acme/vendored-x$", ""), // unset: inherits
	}
	for _, c := range []struct {
		pattern, mode, decider string
	}{
		{"/npm/acme/core$", aws.ModeBlock, "/npm/acme/*"},
		{"/npm/acme/ui-kit$", aws.ModeBlock, "/npm/acme/*"},
		{"/npm/acme/vendored-lodash$", aws.ModeAllow, "/npm/acme/vendored-~"},
		{"/npm/acme/vendored-x$", aws.ModeAllow, "/npm/acme/vendored-~"},
		{"/npm/other/*", aws.ModeAllow, ""},
		{"/pypi//acme$", aws.ModeAllow, ""},
		{"/npm/acme/*", aws.ModeBlock, "/npm/acme/*"},
	} {
		r, g := model.Effective(groups, pattern(t, c.pattern), model.ExternalUpstream)
		decider := ""
		if g != nil {
			decider = g.Pattern.String()
		}
		if r.Mode != c.mode || decider != c.decider {
			t.Errorf("Effective(%s) = %s by %q, want %s by %q", c.pattern, r.Mode, decider, c.mode, c.decider)
		}
	}
}

// TestGrantPatterns: a grant's ARN parts become group patterns (a trailing * a prefix),
// and wildcards a pattern cannot express are returned apart.
func TestGrantPatterns(t *testing.T) {
	npm := &model.Repository{Name: "npm", Format: "npm"}
	g := &model.PublishGrant{Repository: npm, Packages: []string{"acme/*", "acme*/*", "acme/ui", "acme/ui-*", "/left-pad", "acme/u?", "a*b/*", "*"}}
	got, inexpressible := model.GrantPatterns(g)
	var texts []string
	for _, p := range got {
		texts = append(texts, p.String())
	}
	want := []string{"/npm/acme/*", "/npm/acme~", "/npm/acme/ui$", "/npm/acme/ui-~", "/npm//left-pad$"}
	if len(texts) != len(want) {
		t.Fatalf("patterns %v, want %v", texts, want)
	}
	for i := range want {
		if texts[i] != want[i] {
			t.Errorf("pattern %d = %s, want %s", i, texts[i], want[i])
		}
	}
	if len(inexpressible) != 2 || inexpressible[0] != "acme/u?" || inexpressible[1] != "a*b/*" {
		t.Errorf("inexpressible %v, want [acme/u? a*b/*]", inexpressible)
	}
}
