package trust

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
)

// This file decides language inclusion for IAM string conditions: whether every value one
// list of StringLike/StringEquals values admits is also admitted by another, and if not,
// a concrete value admitted by one and not the other. The decision is exact (sound and
// complete) for the full pattern language of StringLike ("*" any run, "?" one character,
// everything else literal): it explores the product of the patterns' automata, one
// deterministic state per set of live pattern positions, never sampling.

// Pattern is one value of a string condition: a StringLike pattern (Glob) or a StringEquals
// literal, in which "*" and "?" stand for themselves.
type Pattern struct {
	Text string
	Glob bool
}

// Globs returns the values as StringLike patterns.
func Globs(values ...string) []Pattern {
	out := make([]Pattern, len(values))
	for i, v := range values {
		out[i] = Pattern{Text: v, Glob: true}
	}
	return out
}

// Literals returns the values as StringEquals literals.
func Literals(values ...string) []Pattern {
	out := make([]Pattern, len(values))
	for i, v := range values {
		out[i] = Pattern{Text: v}
	}
	return out
}

// ConditionPatterns returns a condition's values as patterns when its operator is exactly
// StringEquals (literals) or StringLike (globs), and ok false for any other operator (set
// operators, IfExists, negations), whose meaning containment does not model.
func ConditionPatterns(operator string, values []string) (pats []Pattern, ok bool) {
	switch operator {
	case "StringEquals":
		return Literals(values...), true
	case "StringLike":
		return Globs(values...), true
	}
	return nil, false
}

// Match reports whether value is admitted by the pattern.
func (p Pattern) Match(value string) bool {
	if p.Glob {
		return globMatch(p.Text, value)
	}
	return p.Text == value
}

// Set is a set of values of one claim (or of any string-valued key): the strings that
// match at least one pattern of every list in Must and no pattern of any list in Not,
// and, when Absent is true, the claim being absent from the token. The zero Set holds
// every string and not absence; NoStrings empties the string part.
type Set struct {
	NoStrings bool
	Must      [][]Pattern
	Not       [][]Pattern
	Absent    bool
}

// Universe is every string and absence: the values of a key no condition names.
func Universe() Set { return Set{Absent: true} }

// Intersect returns the values in both sets.
func (s Set) Intersect(o Set) Set {
	return Set{
		NoStrings: s.NoStrings || o.NoStrings,
		Must:      concat(s.Must, o.Must),
		Not:       concat(s.Not, o.Not),
		Absent:    s.Absent && o.Absent,
	}
}

// Minus returns the values of s that are not in o. The string part of o must be simple:
// every string, no string, or one Must list and no Not list (what one condition key of
// one statement describes); Minus panics otherwise, since the complement of an
// intersection is not a Set.
func (s Set) Minus(o Set) Set {
	r := Set{NoStrings: s.NoStrings, Must: s.Must, Not: s.Not, Absent: s.Absent && !o.Absent}
	switch {
	case o.NoStrings:
	case len(o.Not) > 0 || len(o.Must) > 1:
		panic("trust.Set.Minus: the subtracted set is not one list of patterns")
	case len(o.Must) == 0:
		r.NoStrings = true
	default:
		r.Not = concat(s.Not, o.Must)
	}
	return r
}

// Contains reports whether the string value is in the set.
func (s Set) Contains(value string) bool {
	if s.NoStrings {
		return false
	}
	for _, list := range s.Must {
		if !slices.ContainsFunc(list, func(p Pattern) bool { return p.Match(value) }) {
			return false
		}
	}
	for _, list := range s.Not {
		if slices.ContainsFunc(list, func(p Pattern) bool { return p.Match(value) }) {
			return false
		}
	}
	return true
}

func concat(a, b [][]Pattern) [][]Pattern {
	out := make([][]Pattern, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// ErrBudget is returned when a decision needs more steps than its Budget allows.
var ErrBudget = errors.New("the containment decision exceeded its work budget")

// Budget bounds and counts the work of containment decisions: one step is one pattern
// position advanced by one character (or one candidate value tried). A nil *Budget
// counts nothing and never runs out.
type Budget struct {
	// Limit is the number of steps allowed; 0 means no limit.
	Limit int
	// Steps is the number of steps taken so far.
	Steps int
}

func (b *Budget) spend(n int) error {
	if b == nil {
		return nil
	}
	b.Steps += n
	if b.Limit > 0 && b.Steps > b.Limit {
		return ErrBudget
	}
	return nil
}

// Witness returns a value in the set: the first of the preferred candidates that is in
// it, else a string found by exploring the patterns' automata, else absence (absent
// true). ok is false when the set is empty; err is ErrBudget when the budget ran out
// first (then nothing is known). The result is exact: ok is false only when no string
// matches and absence is not allowed.
func (s Set) Witness(b *Budget, prefer ...string) (value string, absent, ok bool, err error) {
	if !s.NoStrings {
		for _, c := range prefer {
			if err := b.spend(1 + len(s.Must) + len(s.Not)); err != nil {
				return "", false, false, err
			}
			if s.Contains(c) {
				return c, false, true, nil
			}
		}
		if v, ok := s.quick(); ok {
			return v, false, true, nil
		}
		v, found, err := s.search(b)
		if err != nil {
			return "", false, false, err
		}
		if found {
			return v, false, true, nil
		}
	}
	if s.Absent {
		return "", true, true, nil
	}
	return "", false, false, nil
}

// quick returns a value of a set that is one list of patterns and nothing more (what
// one condition admits): any pattern of it, its wildcards filled in.
func (s Set) quick() (string, bool) {
	if len(s.Must) != 1 || len(s.Not) > 0 || len(s.Must[0]) == 0 {
		return "", false
	}
	p := s.Must[0][0]
	if !p.Glob {
		return p.Text, true
	}
	return Example(p.Text), true
}

// IsEmpty reports whether the set holds no value (no string and not absence).
func (s Set) IsEmpty(b *Budget) (bool, error) {
	_, _, ok, err := s.Witness(b)
	return !ok, err
}

// compiled is one pattern as runes.
type compiled struct {
	r    []rune
	glob bool
	// universalFrom is the smallest position from which the rest of a glob is one or more
	// "*" (it then admits every suffix); len(r)+1 when no such position exists.
	universalFrom int
}

func compile(p Pattern) compiled {
	r := []rune(p.Text)
	c := compiled{r: r, glob: p.Glob, universalFrom: len(r) + 1}
	if p.Glob && len(r) > 0 && r[len(r)-1] == '*' {
		c.universalFrom = len(r) - 1
		for c.universalFrom > 0 && r[c.universalFrom-1] == '*' {
			c.universalFrom--
		}
	}
	return c
}

// group is the live positions of one pattern list: pairs (pattern index, position),
// sorted, each closed under "*" matching the empty run.
type group []uint64

func pos(i, p int) uint64       { return uint64(i)<<32 | uint64(p) }
func unpos(x uint64) (int, int) { return int(x >> 32), int(uint32(x)) }

// closure adds, for each glob position on a "*", the position after it.
func closure(pats []compiled, g group) group {
	star := false
	for _, x := range g {
		i, p := unpos(x)
		star = star || (pats[i].glob && p < len(pats[i].r) && pats[i].r[p] == '*')
	}
	if !star {
		slices.Sort(g)
		return slices.Compact(g)
	}
	out := make(group, 0, len(g)+4)
	for _, x := range g {
		i, p := unpos(x)
		out = append(out, x)
		for pats[i].glob && p < len(pats[i].r) && pats[i].r[p] == '*' {
			p++
			out = append(out, pos(i, p))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (g group) accepts(pats []compiled) bool {
	for _, x := range g {
		i, p := unpos(x)
		if p == len(pats[i].r) {
			return true
		}
	}
	return false
}

// universal reports whether the group admits every suffix from here.
func (g group) universal(pats []compiled) bool {
	for _, x := range g {
		i, p := unpos(x)
		if p >= pats[i].universalFrom {
			return true
		}
	}
	return false
}

// collapse replaces a group that admits every suffix by the positions of one pattern that
// does, so that states differing only in patterns that no longer matter are one state.
func (g group) collapse(pats []compiled) group {
	for _, x := range g {
		i, p := unpos(x)
		if p >= pats[i].universalFrom {
			out := group{}
			for q := pats[i].universalFrom; q <= len(pats[i].r); q++ {
				out = append(out, pos(i, q))
			}
			return out
		}
	}
	return g
}

// step advances the group by the character c.
func (g group) step(pats []compiled, c rune) group {
	out := make(group, 0, len(g)+2)
	for _, x := range g {
		i, p := unpos(x)
		if p == len(pats[i].r) {
			continue
		}
		switch pc := pats[i].r[p]; {
		case pats[i].glob && pc == '*':
			out = append(out, x)
		case pats[i].glob && pc == '?', pc == c:
			out = append(out, pos(i, p+1))
		}
	}
	return closure(pats, out)
}

// literalNext appends to next the characters that some live position of g reads
// literally and next does not hold yet.
func (g group) literalNext(pats []compiled, next []rune) []rune {
	for _, x := range g {
		i, p := unpos(x)
		if p < len(pats[i].r) {
			if pc := pats[i].r[p]; (!pats[i].glob || (pc != '*' && pc != '?')) && !slices.Contains(next, pc) {
				next = append(next, pc)
			}
		}
	}
	return next
}

// fillers are the characters a witness uses where any character will do, in order of
// preference: never "*" or "?", which GitHub's claim values do not hold.
const fillers = "xyz0123456789abcdefghijklmnopqrstuvw-_.ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// search looks for a string in the set by a depth-first walk of the product automaton:
// one state per tuple of live position groups (one per Must list, one for all Not lists).
// At each state it tries, in order, a character no live position reads literally (all
// such characters lead to the same state) and then each character some position reads;
// so the walk is exhaustive over distinct states, and exact.
func (s Set) search(b *Budget) (string, bool, error) {
	a, empty, err := s.product(b)
	if err != nil || empty {
		return "", false, err
	}
	start := a.start()
	if a.dead(start) {
		return "", false, nil
	}
	stack := []searchState{{groups: start}}
	seen := map[string]bool{stateKey(start): true}
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if a.accepted(st.groups) {
			return string(st.path), true, nil
		}
		var next []rune
		work := 0
		for k, g := range st.groups {
			next = g.literalNext(a.lists[k], next)
			work += len(g)
		}
		other := otherChar(next)
		// Pushed in reverse, so "other" is tried first, then the literal characters in order.
		slices.Sort(next)
		slices.Reverse(next)
		if err := b.spend(work * (len(next) + 1)); err != nil {
			return "", false, err
		}
		for _, c := range append(next, other) {
			stack = a.push(stack, st, c, seen)
		}
	}
	return "", false, nil
}

// product is the automaton search walks: the compiled patterns of each Must list, then
// (last) those of every Not list together.
type product struct {
	lists [][]compiled
	nMust int
}

// product compiles the set's patterns. A pattern of a Must list that is also in a Not list
// admits nothing the set holds, so it is dropped first: a list compared with itself, or with
// a copy holding one more value, costs one look-up per pattern. empty reports a Must list
// left with no pattern (the set is empty).
func (s Set) product(b *Budget) (a product, empty bool, err error) {
	excluded := map[Pattern]bool{}
	for _, l := range s.Not {
		for _, p := range l {
			excluded[p] = true
		}
	}
	if err := b.spend(len(excluded)); err != nil {
		return a, false, err
	}
	a.lists = make([][]compiled, 0, len(s.Must)+1)
	for _, l := range s.Must {
		cs := make([]compiled, 0, len(l))
		for _, p := range l {
			if !excluded[p] {
				cs = append(cs, compile(p))
			}
		}
		if err := b.spend(len(l)); err != nil {
			return a, false, err
		}
		if len(cs) == 0 {
			return a, true, nil
		}
		a.lists = append(a.lists, cs)
	}
	var notPats []compiled
	for _, l := range s.Not {
		for _, p := range l {
			notPats = append(notPats, compile(p))
		}
	}
	a.lists = append(a.lists, notPats)
	a.nMust = len(s.Must)
	return a, false, nil
}

// start returns the automaton's initial state: every pattern at its first position.
func (a product) start() []group {
	start := make([]group, len(a.lists))
	for k, pats := range a.lists {
		g := make(group, len(pats))
		for i := range pats {
			g[i] = pos(i, 0)
		}
		start[k] = closure(pats, g)
	}
	return start
}

// dead reports a state from which no accepted string can follow: a Must list with no live
// position, or Not lists that accept every continuation.
func (a product) dead(gs []group) bool {
	for k := range a.nMust {
		if len(gs[k]) == 0 {
			return true
		}
	}
	return gs[a.nMust].universal(a.lists[a.nMust])
}

// accepted reports whether the string that reached gs is in the set: every Must list
// accepts it and no Not pattern does.
func (a product) accepted(gs []group) bool {
	for k := range a.nMust {
		if !gs[k].accepts(a.lists[k]) {
			return false
		}
	}
	return !gs[a.nMust].accepts(a.lists[a.nMust])
}

// stateKey encodes a state for the seen set.
func stateKey(gs []group) string {
	var sb strings.Builder
	n := 0
	for _, g := range gs {
		n += 8*len(g) + 2
	}
	sb.Grow(n)
	var buf [8]byte
	for _, g := range gs {
		for _, x := range g {
			binary.LittleEndian.PutUint64(buf[:], x)
			sb.Write(buf[:])
		}
		sb.WriteByte(0xff) // no position encodes as a lone 0xff byte at a group's end
		sb.WriteString("|")
	}
	return sb.String()
}

// otherChar returns a character that no live position reads literally (next), preferring
// the fillers a GitHub claim value could hold.
func otherChar(next []rune) rune {
	for _, c := range fillers {
		if !slices.Contains(next, c) {
			return c
		}
	}
	for c := rune(0x100); ; c++ {
		if !slices.Contains(next, c) {
			return c
		}
	}
}

// searchState is a state of the product automaton and the string that reached it.
type searchState struct {
	groups []group
	path   []rune
}

// push steps st over c and pushes the resulting state, unless it is dead or seen before.
func (a product) push(stack []searchState, st searchState, c rune, seen map[string]bool) []searchState {
	ng := make([]group, len(st.groups))
	for k, g := range st.groups {
		ng[k] = g.step(a.lists[k], c)
		if k < len(st.groups)-1 {
			ng[k] = ng[k].collapse(a.lists[k])
		}
	}
	if a.dead(ng) {
		return stack
	}
	k := stateKey(ng)
	if seen[k] {
		return stack
	}
	seen[k] = true
	np := append(slices.Clip(st.path), c)
	return append(stack, searchState{groups: ng, path: np})
}
