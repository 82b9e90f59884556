package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// packageGroups reports package groups added, removed and changed (in place), and, for
// every internal name and every group's pattern, each origin that the change opens: an
// external upstream, publishing or an internal upstream now allowed for more repositories
// than before is WIDENED.
func (d *differ) packageGroups() {
	if d.old == nil || d.new == nil {
		return // the domain's change says it all
	}
	oldBy, newBy := groupMap(d.old), groupMap(d.new)
	for _, key := range unionKeys(oldBy, newBy) {
		o, n := oldBy[key], newBy[key]
		subject := "package group " + key
		switch {
		case n == nil:
			d.add(Change{Kind: "package_group.removed", Subject: subject, Pos: o.Pos,
				Summary: fmt.Sprintf("package group %s is removed (%s): its packages fall back to the origin controls of the groups that contain it", key, restrictionWords(o))})
		case o == nil:
			d.add(Change{Kind: "package_group.added", Subject: subject, Pos: n.Pos,
				Summary: fmt.Sprintf("package group %s is added (%s)", key, restrictionWords(n))})
		default:
			if o.Declared() && !n.Declared() {
				d.add(Change{Kind: "package_group.removed", Subject: subject, Pos: o.Pos,
					Summary: fmt.Sprintf("package group %s is removed from the spec; protection by default keeps a group with its pattern (%s)", key, restrictionWords(n))})
			}
			var before, after []string
			for _, k := range model.RestrictionKinds {
				before = append(before, k.String()+" "+restrictionText(o.Restriction(k)))
				after = append(after, k.String()+" "+restrictionText(n.Restriction(k)))
			}
			for _, c := range []struct {
				what     string
				old, new []string
			}{
				{"origin_controls", before, after},
				{"description", []string{"description " + o.Description, "contact " + o.Contact}, []string{"description " + n.Description, "contact " + n.Contact}},
				{"tags", tagLines(o.Tags), tagLines(n.Tags)},
			} {
				at := len(d.changes)
				d.inPlace(subject, n.Pos, c.what, c.old, c.new)
				for i := at; i < len(d.changes); i++ {
					d.changes[i].Kind = "package_group." + c.what // inPlace names kinds by the subject's first word
				}
			}
		}
	}
	d.originsWidened()
}

// originsWidened compares the origin each internal name and each group's pattern gets in
// the old and the new spec.
func (d *differ) originsWidened() {
	var patterns []aws.GroupPattern
	seen := map[string]bool{}
	addPattern := func(p aws.GroupPattern) {
		if !seen[p.String()] {
			seen[p.String()] = true
			patterns = append(patterns, p)
		}
	}
	for _, m := range []*model.Model{d.old, d.new} {
		for _, n := range model.InternalNames(m) {
			addPattern(n.Pattern)
		}
		for _, g := range m.PackageGroups {
			addPattern(g.Pattern)
		}
	}
	slices.SortFunc(patterns, func(a, b aws.GroupPattern) int { return strings.Compare(a.String(), b.String()) })
	oldGroups, newGroups := model.NewGroupIndex(d.old.PackageGroups), model.NewGroupIndex(d.new.PackageGroups)
	positions := newPositions(d.new.PackageGroups, newGroups)
	for _, p := range patterns {
		ors, ogs := oldGroups.EffectiveAll(p)
		nrs, ngs := newGroups.EffectiveAll(p)
		for _, k := range model.RestrictionKinds {
			o, og, n, ng := ors[k], ogs[k], nrs[k], ngs[k]
			opened := newlyAllowed(o, n)
			if len(opened) == 0 {
				continue
			}
			subject := "package group " + p.String()
			pos := positions.of(p)
			d.add(Change{Kind: "package_group.origin_widened", Subject: subject, Widened: true, Pos: pos,
				Summary: fmt.Sprintf("%s: %s is now %s (was %s): versions may now arrive %s for %s",
					p, k, restrictionText(n), restrictionText(o), originWords(k, opened), p),
				Details: []string{"old: " + decidedBy(o, og), "new: " + decidedBy(n, ng)}})
		}
	}
}

// newlyAllowed returns the repositories (or "every repository") the new restriction lets
// in that the old one did not.
func newlyAllowed(o, n model.Restriction) []string {
	if o.Mode == aws.ModeAllow || n.Mode == aws.ModeBlock || n.Mode == aws.ModeInherit {
		return nil
	}
	if n.Mode == aws.ModeAllow {
		return []string{"every repository"}
	}
	var opened []string
	for _, r := range n.Repositories {
		if !(o.Mode == aws.ModeAllowSpecific && slices.ContainsFunc(o.Repositories, func(x *model.Repository) bool { return x.Name == r.Name })) {
			opened = append(opened, r.Name)
		}
	}
	return opened
}

func originWords(k model.RestrictionKind, repos []string) string {
	through := "through " + strings.Join(repos, ", ")
	switch k {
	case model.ExternalUpstream:
		return "from public registries " + through
	case model.Publish:
		return "by direct publishing " + strings.Replace(through, "through", "to", 1)
	}
	return "from upstream repositories " + through
}

func decidedBy(r model.Restriction, g *model.PackageGroup) string {
	if g == nil {
		return restrictionText(r) + " (no group decides it: the root group /* allows)"
	}
	return restrictionText(r) + " (package group " + g.Pattern.String() + ")"
}

// positions finds where a change to a pattern is reported: the position of the new spec's
// group with that pattern, or else of the first group (in the new spec's order) that
// contains it and has a position; memoised per indexed pattern, so that n patterns cost
// O(n log n) rather than a pass over the groups each.
type positions struct {
	groups *model.GroupIndex
	order  map[*model.PackageGroup]int
	first  map[*model.GroupNode]*model.PackageGroup
}

func newPositions(groups []*model.PackageGroup, index *model.GroupIndex) *positions {
	ps := &positions{groups: index, order: make(map[*model.PackageGroup]int, len(groups)), first: map[*model.GroupNode]*model.PackageGroup{}}
	for i, g := range groups {
		ps.order[g] = i
	}
	return ps
}

// of is the position: the last group with pattern p, when that has a position; otherwise
// the first group in order among those containing p that has one (zero when none has).
// This is what the former pass over every group answered whenever the group with pattern p
// has a position, as every group of a built model does.
func (ps *positions) of(p aws.GroupPattern) diag.Pos {
	n := ps.groups.Nearest(p)
	if n == nil {
		return diag.Pos{}
	}
	if n.Pattern == p {
		if last := n.Groups[len(n.Groups)-1]; last.Pos != (diag.Pos{}) {
			return last.Pos
		}
	}
	if g := ps.firstPositioned(n); g != nil {
		return g.Pos
	}
	return diag.Pos{}
}

// firstPositioned returns, of the groups of n and of the patterns containing it, the first
// in order that has a position, or nil.
func (ps *positions) firstPositioned(n *model.GroupNode) *model.PackageGroup {
	if n == nil {
		return nil
	}
	if g, ok := ps.first[n]; ok {
		return g
	}
	best := ps.firstPositioned(ps.groups.Parent(n))
	for _, g := range n.Groups {
		if g.Pos != (diag.Pos{}) && (best == nil || ps.order[g] < ps.order[best]) {
			best = g
		}
	}
	ps.first[n] = best
	return best
}

func restrictionText(r model.Restriction) string {
	mode := strings.ToLower(r.Mode)
	if mode == "" {
		mode = "inherit"
	}
	if r.Mode != aws.ModeAllowSpecific {
		return mode
	}
	var names []string
	for _, repo := range r.Repositories {
		names = append(names, repo.Name)
	}
	return mode + " [" + strings.Join(names, ", ") + "]"
}

func restrictionWords(g *model.PackageGroup) string {
	var parts []string
	for _, k := range model.RestrictionKinds {
		parts = append(parts, k.String()+" "+restrictionText(g.Restriction(k)))
	}
	if !g.Declared() {
		parts = append(parts, "added by protection by default for "+strings.Join(g.Protects, "; "))
	}
	return strings.Join(parts, ", ")
}

func groupMap(m *model.Model) map[string]*model.PackageGroup {
	out := map[string]*model.PackageGroup{}
	for _, g := range m.PackageGroups {
		out[g.Pattern.String()] = g
	}
	return out
}

// groupOutputs corrects the built-in output names for package groups: the ARN map and
// its keys exist only when the spec has groups.
func groupOutputs(m *model.Model, names []string) []string {
	names = slices.DeleteFunc(names, func(n string) bool { return n == tfname.OutputPackageGroupARNs })
	if len(m.PackageGroups) > 0 {
		names = append(names, tfname.OutputPackageGroupARNs)
	}
	for _, g := range m.PackageGroups {
		names = append(names, tfname.OutputPackageGroupARNs+"[\""+g.Pattern.String()+"\"]")
	}
	return names
}
