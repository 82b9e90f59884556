package explain

import (
	"github.com/ontopix/codeartifact-gen/generator/expect"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

// Expectation is one trust test of the spec that names the role: the token, and whether
// the role must admit it. A report is only built for a spec whose expectations all hold.
type Expectation struct {
	Name  string `json:"name"`
	Token string `json:"token"`
	Admit bool   `json:"admit"`
}

// expectations lists the spec's expectations that name r, admissions first, each in the
// spec's order.
func expectations(m *model.Model, r *model.Role) []Expectation {
	var out []Expectation
	for _, admit := range []bool{true, false} {
		for _, e := range m.Expectations {
			roles := e.Refuse
			if admit {
				roles = e.Admit
			}
			for _, er := range roles {
				if er.Role == r {
					out = append(out, Expectation{Name: e.Name, Token: expect.Describe(e), Admit: admit})
					break
				}
			}
		}
	}
	return out
}

// verb is "admits" or "refuses".
func (e Expectation) verb() string {
	if e.Admit {
		return "admits"
	}
	return "refuses"
}
