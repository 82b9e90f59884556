package diff

import (
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
	"github.com/ontopix/codeartifact-gen/internal/modeltest"
)

func globs(vs ...string) trust.Set { return trust.Set{Must: [][]trust.Pattern{trust.Globs(vs...)}} }

// TestOutside decides box differences that no single old statement answers: a new
// statement covered only by the union of two old ones, and one that a union misses in a
// corner (sub b with ref y).
func TestOutside(t *testing.T) {
	newBox := box{"i:sub": globs("a", "b"), "i:ref": globs("x", "y")}
	tests := []struct {
		name    string
		olds    []box
		covered bool
		sub     string
		ref     string
		absent  bool // the witness leaves i:ref out
	}{
		{"split by sub", []box{{"i:sub": globs("a"), "i:ref": globs("x", "y")}, {"i:sub": globs("b"), "i:ref": globs("*")}}, true, "", "", false},
		{"split by ref", []box{{"i:sub": globs("a", "b"), "i:ref": globs("x")}, {"i:sub": globs("?"), "i:ref": globs("y")}}, true, "", "", false},
		{"corner missed", []box{{"i:sub": globs("a", "b"), "i:ref": globs("x")}, {"i:sub": globs("a"), "i:ref": globs("y")}}, false, "b", "y", false},
		{"old requires a claim", []box{{"i:sub": globs("*")}, {"i:sub": globs("*"), "i:env": globs("prod")}}, true, "", "", false},
		{"one old box", []box{{"i:sub": globs("a*")}}, false, "b", "x", false},
		{"no old box", nil, false, "a", "x", false},
	}
	for _, tt := range tests {
		keys := keysOf([]box{newBox}, tt.olds)
		leaf, found, err := outside(newBox, tt.olds, keys, nil)
		if err != nil {
			t.Fatal(err)
		}
		if found == tt.covered {
			t.Errorf("%s: found %v, want covered %v", tt.name, found, tt.covered)
			continue
		}
		if !found {
			continue
		}
		tok, err := witnessToken(leaf, keys, oidc.Issuer{URL: "https://i"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tok["i:sub"] != tt.sub || tok["i:ref"] != tt.ref {
			t.Errorf("%s: witness %v, want sub %q ref %q", tt.name, tok, tt.sub, tt.ref)
		}
		// The witness lies in the new box and in no old one.
		in := func(b box) bool {
			for _, k := range keys {
				v, ok := tok[k]
				s := b.get(k)
				if (ok && !s.Contains(v)) || (!ok && !s.Absent) {
					return false
				}
			}
			return true
		}
		if !in(newBox) {
			t.Errorf("%s: witness %v outside the new box", tt.name, tok)
		}
		for _, o := range tt.olds {
			if in(o) {
				t.Errorf("%s: witness %v inside old box %v", tt.name, tok, o)
			}
		}
	}
}

// TestFills: wildcards filled in readable ways, the first "*" varying fastest.
func TestFills(t *testing.T) {
	got := fills(globs("lib*:v1.*"))
	want := []string{"libx:v1.x", "lib-x:v1.x", "lib0:v1.x", "libx-x:v1.x", "libx:v1.-x"}
	for i, w := range want {
		if got[i] != w {
			t.Fatalf("fills = %v, want it to start with %v", got[:len(want)], want)
		}
	}
	if len(got) != 16 {
		t.Errorf("%d candidates, want 16", len(got))
	}
}

// TestBudgetExhausted: when the decisions run out of work budget, the change is reported
// as undecided and counted as widened, never as "no change".
func TestBudgetExhausted(t *testing.T) {
	dir := "../../testdata/diff/glob-widened/"
	d := &differ{old: modeltest.Load(t, "", dir+"old.yaml"), new: modeltest.Load(t, "", dir+"new.yaml"), bud: &trust.Budget{Limit: 1}}
	d.roles()
	if len(d.changes) != 1 || d.changes[0].Kind != "role.trust_undecided" || !d.changes[0].Widened {
		t.Fatalf("changes: %+v", d.changes)
	}
	if !strings.Contains(d.changes[0].Summary, "treated as WIDENED") {
		t.Errorf("summary: %s", d.changes[0].Summary)
	}
}
