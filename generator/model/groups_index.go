package model

import (
	"slices"
	"strings"
	"sync/atomic"

	"github.com/ontopix/codeartifact-gen/generator/aws"
)

// groupWork counts the index probes of every GroupIndex (a binary-search step, a step up a
// prefix chain, a map lookup, a group looked at): the work-counter tests bound it by the
// number of groups and names, so a regression to comparing every pair fails without a clock.
var groupWork atomic.Uint64

// GroupWork returns the number of index probes made so far by every GroupIndex.
func GroupWork() uint64 { return groupWork.Load() }

// GroupIndex answers, for any pattern, which groups of a set contain it, most specific
// first, without comparing the pattern with every group: the groups containing a pattern
// form one chain (root, format, namespace prefixes, namespace, name prefixes, the package),
// so the index keeps the groups by pattern and the prefixes of each (format) and (format,
// namespace) in a sorted list, and finds the most specific containing group in
// O(log n + depth) probes. Effective restrictions are memoised along the chain. The index
// answers exactly what Containing, EffectiveAll and Effective answer on the same groups
// (TestGroupIndexMatchesBruteForce); it must be rebuilt when the groups change.
type GroupIndex struct {
	nodes      map[string]*GroupNode // by pattern text
	nsPrefixes map[string]*prefixList
	prefixes   map[[2]string]*prefixList // by format and namespace
}

// GroupNode is one pattern of a GroupIndex with its groups (several only when the set
// repeats a pattern), in the order of the set.
type GroupNode struct {
	Pattern aws.GroupPattern
	Groups  []*PackageGroup
	parent  *GroupNode
	linked  bool
	eff     *effective
}

type effective struct {
	rs [3]Restriction
	gs [3]*PackageGroup
}

// prefixList is the sorted distinct prefixes of one level (namespace prefixes of a format,
// name prefixes of a namespace), each with the nearest shorter one that is its prefix.
type prefixList struct {
	keys   []string
	nodes  []*GroupNode
	parent []int
}

// NewGroupIndex indexes groups, in O(n log n).
func NewGroupIndex(groups []*PackageGroup) *GroupIndex {
	x := &GroupIndex{nodes: map[string]*GroupNode{}, nsPrefixes: map[string]*prefixList{}, prefixes: map[[2]string]*prefixList{}}
	for _, g := range groups {
		key := g.Pattern.String()
		n := x.nodes[key]
		if n == nil {
			n = &GroupNode{Pattern: g.Pattern}
			x.nodes[key] = n
			switch g.Pattern.Kind {
			case aws.PatternNamespacePrefix:
				l := x.nsPrefixes[g.Pattern.Format]
				if l == nil {
					l = &prefixList{}
					x.nsPrefixes[g.Pattern.Format] = l
				}
				l.keys, l.nodes = append(l.keys, g.Pattern.Namespace), append(l.nodes, n)
			case aws.PatternNamePrefix:
				k := [2]string{g.Pattern.Format, g.Pattern.Namespace}
				l := x.prefixes[k]
				if l == nil {
					l = &prefixList{}
					x.prefixes[k] = l
				}
				l.keys, l.nodes = append(l.keys, g.Pattern.Name), append(l.nodes, n)
			}
		}
		n.Groups = append(n.Groups, g)
	}
	for _, l := range x.nsPrefixes {
		l.sort()
	}
	for _, l := range x.prefixes {
		l.sort()
	}
	return x
}

// sort orders the keys and links each to the nearest shorter key that is its prefix: in
// sorted order, the keys that are prefixes of a key are on the stack of keys still open.
func (l *prefixList) sort() {
	order := make([]int, len(l.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(l.keys[a], l.keys[b]) })
	keys, nodes := make([]string, len(order)), make([]*GroupNode, len(order))
	for i, o := range order {
		keys[i], nodes[i] = l.keys[o], l.nodes[o]
	}
	l.keys, l.nodes, l.parent = keys, nodes, make([]int, len(keys))
	var stack []int
	for i, k := range keys {
		for len(stack) > 0 && !strings.HasPrefix(k, keys[stack[len(stack)-1]]) {
			groupWork.Add(1)
			stack = stack[:len(stack)-1]
		}
		l.parent[i] = -1
		if len(stack) > 0 {
			l.parent[i] = stack[len(stack)-1]
		}
		stack = append(stack, i)
	}
}

// longest returns the node of the longest key that is a prefix of s, or nil. Every key that
// is a prefix of s sorts between itself and s, so it is a prefix of the greatest key not
// after s: the answer is on that key's chain, the first link no longer than the prefix the
// two share.
func (l *prefixList) longest(s string) *GroupNode {
	if l == nil {
		return nil
	}
	i, _ := slices.BinarySearch(l.keys, s)
	groupWork.Add(uint64(bitsLen(len(l.keys))))
	if i < len(l.keys) && l.keys[i] == s {
		return l.nodes[i]
	}
	j := i - 1
	if j < 0 {
		return nil
	}
	shared := commonPrefix(l.keys[j], s)
	for j >= 0 && len(l.keys[j]) > shared {
		groupWork.Add(1)
		j = l.parent[j]
	}
	if j < 0 {
		return nil
	}
	return l.nodes[j]
}

func bitsLen(n int) int {
	b := 1
	for ; n > 1; n >>= 1 {
		b++
	}
	return b
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// Nearest returns the node of the most specific pattern of the index that contains p (p's
// own when the index has it), or nil when no group contains p.
func (x *GroupIndex) Nearest(p aws.GroupPattern) *GroupNode {
	groupWork.Add(1)
	if n := x.nodes[p.String()]; n != nil && p.Contains(p) { // an empty namespace prefix contains no pattern
		return n
	}
	return x.outer(p)
}

// outer returns the node of the most specific pattern of the index that contains p and is
// not p, or nil: the levels of the chain from the most specific down, each searched only
// when p is below it, for prefixes strictly shorter when p is of the level's kind.
func (x *GroupIndex) outer(p aws.GroupPattern) *GroupNode {
	proper := func(s string, sameKind bool) (string, bool) {
		if !sameKind {
			return s, true
		}
		if s == "" {
			return "", false
		}
		return s[:len(s)-1], true
	}
	if p.Kind >= aws.PatternNamePrefix {
		if s, ok := proper(p.Name, p.Kind == aws.PatternNamePrefix); ok {
			if n := x.prefixes[[2]string{p.Format, p.Namespace}].longest(s); n != nil {
				return n
			}
		}
	}
	if p.Kind > aws.PatternNamespace {
		groupWork.Add(1)
		if n := x.nodes[aws.GroupPattern{Kind: aws.PatternNamespace, Format: p.Format, Namespace: p.Namespace}.String()]; n != nil {
			return n
		}
	}
	if p.Kind >= aws.PatternNamespacePrefix && p.Namespace != "" {
		if s, ok := proper(p.Namespace, p.Kind == aws.PatternNamespacePrefix); ok {
			if n := x.nsPrefixes[p.Format].longest(s); n != nil {
				return n
			}
		}
	}
	if p.Kind > aws.PatternFormat {
		groupWork.Add(1)
		if n := x.nodes[aws.GroupPattern{Kind: aws.PatternFormat, Format: p.Format}.String()]; n != nil {
			return n
		}
	}
	if p.Kind > aws.PatternRoot {
		groupWork.Add(1)
		return x.nodes[aws.GroupPattern{Kind: aws.PatternRoot}.String()]
	}
	return nil
}

// Parent returns the node of the most specific pattern of the index that contains n's and
// is not n's, or nil (computed once).
func (x *GroupIndex) Parent(n *GroupNode) *GroupNode {
	if !n.linked {
		n.parent, n.linked = x.outer(n.Pattern), true
	}
	return n.parent
}

// Containing returns the groups of the index whose pattern contains p, the most specific
// first: Containing(groups, p) in O(log n + the answer).
func (x *GroupIndex) Containing(p aws.GroupPattern) []*PackageGroup {
	var out []*PackageGroup
	for n := x.Nearest(p); n != nil; n = x.Parent(n) {
		groupWork.Add(1)
		out = append(out, n.Groups...)
	}
	return out
}

// EffectiveAll is EffectiveAll(groups, p) for the indexed groups: the effective
// restrictions of the nearest containing pattern, memoised per pattern along the chain.
func (x *GroupIndex) EffectiveAll(p aws.GroupPattern) ([3]Restriction, [3]*PackageGroup) {
	n := x.Nearest(p)
	if n == nil {
		return rootEffective()
	}
	e := x.effective(n)
	return e.rs, e.gs
}

// Effective is Effective(groups, p, k) for the indexed groups.
func (x *GroupIndex) Effective(p aws.GroupPattern, k RestrictionKind) (Restriction, *PackageGroup) {
	rs, gs := x.EffectiveAll(p)
	return rs[k], gs[k]
}

// EffectiveOutside is Effective(groups without g, g.Pattern, k), for a group g of the
// index: the restriction g's pattern would get if g did not exist.
func (x *GroupIndex) EffectiveOutside(g *PackageGroup, k RestrictionKind) (Restriction, *PackageGroup) {
	n := x.nodes[g.Pattern.String()]
	groupWork.Add(1)
	for _, o := range n.Groups {
		if r := o.Restriction(k); o != g && g.Pattern.Contains(g.Pattern) && r.Mode != aws.ModeInherit && r.Mode != "" {
			return r, o
		}
	}
	if parent := x.Parent(n); parent != nil {
		e := x.effective(parent)
		return e.rs[k], e.gs[k]
	}
	rs, gs := rootEffective()
	return rs[k], gs[k]
}

// OpenToPublic is OpenToPublic(groups, p, path) for the indexed groups.
func (x *GroupIndex) OpenToPublic(p aws.GroupPattern, path []*Repository) bool {
	r, _ := x.Effective(p, ExternalUpstream)
	return r.Mode == aws.ModeAllow || r.Mode == aws.ModeAllowSpecific && slices.ContainsFunc(path, r.Allows)
}

func rootEffective() (rs [3]Restriction, gs [3]*PackageGroup) {
	for _, k := range RestrictionKinds {
		rs[k] = Restriction{Mode: aws.ModeAllow}
	}
	return rs, gs
}

// effective computes n's effective restrictions from its own groups and its parent's,
// walking up the chain only as far as the first node already computed (iteratively, so
// that a deep chain does not deepen the stack).
func (x *GroupIndex) effective(n *GroupNode) *effective {
	var todo []*GroupNode
	for m := n; m != nil && m.eff == nil; m = x.Parent(m) {
		todo = append(todo, m)
	}
	for i := len(todo) - 1; i >= 0; i-- {
		m := todo[i]
		groupWork.Add(1)
		var e effective
		if p := x.Parent(m); p != nil {
			e = *p.eff
		} else {
			e.rs, e.gs = rootEffective()
		}
		for _, k := range RestrictionKinds {
			for _, g := range m.Groups {
				if r := g.Restriction(k); r.Mode != aws.ModeInherit && r.Mode != "" {
					e.rs[k], e.gs[k] = r, g
					break
				}
			}
		}
		m.eff = &e
	}
	return n.eff
}
