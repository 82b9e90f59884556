package diff

import (
	"github.com/ontopix/codeartifact-gen/generator/expect"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// ExpectationChanges reports how the spec's trust tests change from old to new (either may
// be nil): expectations added, removed or changed, each removed or changed one evaluated in
// its old form against the new trust policies (expect.Compare). A change is Widened when the
// new policies admit a token the old expectation said a role must refuse: the change drops
// a test and breaks it at once. A policy that does not parse (a bug) is reported as a change
// without a position.
func ExpectationChanges(old, new *model.Model) []Change {
	cs, err := expect.Compare(old, new)
	if err != nil {
		return []Change{{Kind: "expectation.error", Subject: "expectations", Summary: "expectations not compared: " + err.Error()}}
	}
	var out []Change
	for _, c := range cs {
		out = append(out, Change{Kind: c.Kind, Subject: "expectation " + c.Name, Widened: c.Widened(),
			Summary: c.Summary, Details: c.Details, Pos: c.Pos})
	}
	return out
}

// expectations adds the changes to the spec's trust tests.
func (d *differ) expectations() {
	for _, c := range ExpectationChanges(d.old, d.new) {
		d.add(c)
	}
}
