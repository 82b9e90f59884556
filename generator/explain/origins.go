package explain

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/printable"
)

// InternalName says where the versions of one internal name (a namespace, prefix or
// package that publish grants name, or that a package group of the spec declares) may come
// from: direct publishing, upstream repositories of the domain, public registries.
type InternalName struct {
	Pattern string `json:"pattern"`
	// Publishers are the roles (through which policy) and consumers that may publish the
	// name, with the repository: "role R (policy P) to npm".
	Publishers []string `json:"publishers"`
	Publish    string   `json:"publish"`
	// Upstreams are the domain's repositories the publishing repositories retain versions
	// from (a proxy of a public registry included: what it ingested reaches the repository
	// as an internal upstream); External the routes to public registries.
	Upstreams        []string `json:"internal_upstreams"`
	InternalUpstream string   `json:"internal_upstream"`
	External         []string `json:"external_connections"`
	ExternalUpstream string   `json:"external_upstream"`
	// Open is true when a route to a public registry is open for the name (ORIGIN001).
	Open bool `json:"open,omitempty"`
	// OptOut is the reason a grant gives for leaving the name open (allow_external_upstream).
	OptOut string `json:"opt_out,omitempty"`
}

// internalNames explains every name the grants name and every declared group's pattern.
func internalNames(m *model.Model) []InternalName {
	var patterns []aws.GroupPattern
	listed := map[aws.GroupPattern]bool{}
	for _, n := range model.InternalNames(m) {
		patterns = append(patterns, n.Pattern)
		listed[n.Pattern] = true
	}
	for _, g := range m.PackageGroups {
		if g.Declared() && !listed[g.Pattern] {
			listed[g.Pattern] = true
			patterns = append(patterns, g.Pattern)
		}
	}
	slices.SortFunc(patterns, func(a, b aws.GroupPattern) int { return strings.Compare(a.String(), b.String()) })
	pubs := newPublishers(publishings(m))
	ix := &originIndex{groups: model.NewGroupIndex(m.PackageGroups), paths: model.PathCache{}, upstreams: map[*model.Repository][]*model.Repository{}}
	var out []InternalName
	for _, p := range patterns {
		out = append(out, internalName(ix, p, pubs.covering(p)))
	}
	return out
}

// publishing is one publish grant, who holds it ("role R (policy P)", "consumer C"), and
// the names it covers: every package of its format, or its patterns (computed once, so that
// explaining n names costs one pattern test per name and grant).
type publishing struct {
	who      string
	grant    *model.PublishGrant
	all      bool
	patterns []aws.GroupPattern
}

func publishings(m *model.Model) []publishing {
	var out []publishing
	add := func(who string, g *model.PublishGrant) {
		patterns, _ := model.GrantPatterns(g)
		out = append(out, publishing{who: who, grant: g, all: slices.Contains(g.Packages, "*"), patterns: patterns})
	}
	for _, r := range m.Roles {
		for _, pol := range r.Policies {
			for _, g := range pol.Publishes {
				add("role "+r.Name+" (policy "+pol.Name+")", g)
			}
		}
	}
	for _, c := range m.Consumers {
		for _, g := range c.Publishes {
			add("consumer "+c.Name, g)
		}
	}
	return out
}

// publishers finds the publishings that cover a pattern without testing each: the grants
// of every package by format, the patterns of the others in a GroupIndex (each pattern a
// group), so that explaining n names with g grants costs O((n + g) log g) plus the answer
// rather than n × g pattern tests.
type publishers struct {
	pubs     []publishing
	all      map[string][]int // format → publishings of every package, in order
	patterns *model.GroupIndex
	owners   map[*model.PackageGroup]int
}

func newPublishers(pubs []publishing) *publishers {
	ps := &publishers{pubs: pubs, all: map[string][]int{}, owners: map[*model.PackageGroup]int{}}
	var groups []*model.PackageGroup
	for i, pub := range pubs {
		if pub.all {
			ps.all[pub.grant.Repository.Format] = append(ps.all[pub.grant.Repository.Format], i)
			continue
		}
		for _, q := range pub.patterns {
			g := &model.PackageGroup{Pattern: q}
			ps.owners[g] = i
			groups = append(groups, g)
		}
	}
	ps.patterns = model.NewGroupIndex(groups)
	return ps
}

// covering returns the publishings whose grant may publish every package of p, in order:
// pub.covers(p) for each, without looking at the others.
func (ps *publishers) covering(p aws.GroupPattern) []publishing {
	var idx []int
	if p.Kind == aws.PatternRoot {
		for _, is := range ps.all {
			idx = append(idx, is...)
		}
	} else {
		idx = append(idx, ps.all[p.Format]...)
	}
	for _, g := range ps.patterns.Containing(p) {
		if i := ps.owners[g]; p.Kind == aws.PatternRoot || ps.pubs[i].grant.Repository.Format == p.Format {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	out := make([]publishing, len(idx))
	for j, i := range idx {
		out[j] = ps.pubs[i]
	}
	return out
}

// originIndex is what explaining names looks up, computed once per model: the groups, and
// each repository's route to a public registry and internal upstreams.
type originIndex struct {
	groups    *model.GroupIndex
	paths     model.PathCache
	upstreams map[*model.Repository][]*model.Repository
}

// internalUpstreams is model.InternalUpstreams(r), computed once per repository.
func (ix *originIndex) internalUpstreams(r *model.Repository) []*model.Repository {
	us, ok := ix.upstreams[r]
	if !ok {
		us = model.InternalUpstreams(r)
		ix.upstreams[r] = us
	}
	return us
}

// internalName explains p from the publishings that cover it (in order).
func internalName(ix *originIndex, p aws.GroupPattern, pubs []publishing) InternalName {
	n := InternalName{Pattern: p.String(), Publishers: []string{}, Upstreams: []string{}, External: []string{}}
	var repos []*model.Repository
	for _, pub := range pubs {
		g := pub.grant
		n.Publishers = append(n.Publishers, pub.who+" to "+g.Repository.Name)
		if !slices.Contains(repos, g.Repository) {
			repos = append(repos, g.Repository)
		}
		if g.AllowExternalUpstream != "" && n.OptOut == "" {
			n.OptOut = g.AllowExternalUpstream
		}
	}
	slices.SortFunc(repos, func(a, b *model.Repository) int { return strings.Compare(a.Name, b.Name) })
	listed := map[string]bool{}
	for _, r := range repos {
		for _, u := range ix.internalUpstreams(r) {
			if !listed[u.Name] {
				listed[u.Name] = true
				n.Upstreams = append(n.Upstreams, u.Name)
			}
		}
		if path := ix.paths.ExternalPath(r); path != nil {
			route := model.PathText(path)
			if ix.groups.OpenToPublic(p, path) {
				n.Open = true
			}
			n.External = append(n.External, route)
		}
	}
	n.Publish = decided(ix.groups, p, model.Publish)
	n.InternalUpstream = decided(ix.groups, p, model.InternalUpstream)
	n.ExternalUpstream = decided(ix.groups, p, model.ExternalUpstream)
	return n
}

// decided writes the effective restriction of kind k for p and the group that decides it.
func decided(groups *model.GroupIndex, p aws.GroupPattern, k model.RestrictionKind) string {
	r, g := groups.Effective(p, k)
	mode := strings.ToLower(r.Mode)
	if r.Mode == aws.ModeAllowSpecific {
		var names []string
		for _, repo := range r.Repositories {
			names = append(names, repo.Name)
		}
		mode += " [" + strings.Join(names, ", ") + "]"
	}
	if g == nil {
		return mode + " (no group decides it: the root group /*)"
	}
	if !g.Declared() {
		return mode + " (package group " + g.Pattern.String() + ", added by protection by default)"
	}
	return mode + " (package group " + g.Pattern.String() + ")"
}

// writeOriginsText prints where the versions of each internal name may come from.
func writeOriginsText(b *strings.Builder, rep Report) {
	if len(rep.InternalNames) == 0 {
		return
	}
	b.WriteString("\nInternal names (where their versions may come from):\n")
	for _, n := range rep.InternalNames {
		fmt.Fprintf(b, "  %s\n", line(n.Pattern))
		fmt.Fprintf(b, "    - published by %s; publish: %s\n", orNone(line(strings.Join(n.Publishers, "; "))), line(n.Publish))
		fmt.Fprintf(b, "    - from upstream repositories %s; internal_upstream: %s\n", orNone(line(strings.Join(n.Upstreams, ", "))), line(n.InternalUpstream))
		fmt.Fprintf(b, "    - from public registries through %s; external_upstream: %s%s\n", orNone(line(strings.Join(n.External, "; "))), line(n.ExternalUpstream), openWords(n))
	}
}

// writeOriginsMarkdown prints the same as a table.
func writeOriginsMarkdown(b *strings.Builder, rep Report) {
	if len(rep.InternalNames) == 0 {
		return
	}
	b.WriteString("\n### Internal names: where their versions may come from\n\n| Name | Published by | Upstream repositories | Public registries |\n|---|---|---|---|\n")
	for _, n := range rep.InternalNames {
		fmt.Fprintf(b, "| %s | %s<br>publish: %s | %s<br>internal_upstream: %s | %s<br>external_upstream: %s%s |\n",
			md(n.Pattern), orNone(md(strings.Join(n.Publishers, "; "))), md(n.Publish),
			orNone(code(n.Upstreams)), md(n.InternalUpstream),
			orNone(md(strings.Join(n.External, "; "))), md(n.ExternalUpstream), printable.Markdown(openWords(n)))
	}
}

func openWords(n InternalName) string {
	switch {
	case n.Open && n.OptOut != "":
		return " — OPEN, accepted: " + n.OptOut
	case n.Open:
		return " — OPEN to dependency substitution"
	}
	return ""
}
