// Package simulate evaluates every role's rendered trust policy, with IAM's rules, against
// one GitHub token, and says which roles it may assume and which condition decided.
package simulate

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/printable"
)

// Result is the outcome for every role.
type Result struct {
	Token map[string]string `json:"token"`
	Roles []Role            `json:"roles"`
}

// Role is the outcome for one role.
type Role struct {
	Name    string `json:"name"`
	Allowed bool   `json:"allowed"`
	// Reason is the evaluator's one-line verdict naming the deciding condition.
	Reason string `json:"reason"`
}

// Run evaluates tok against the trust policy of every role of m, in role order.
func Run(m *model.Model, tok oidc.Token) (Result, error) {
	res := Result{Token: tok.Claims}
	req := tok.Request(m.GitHub.Issuer, model.OIDCProviderPlaceholder)
	for _, r := range m.Roles {
		p, err := r.ParsedTrust()
		if err != nil {
			return Result{}, fmt.Errorf("role %s: rendered trust policy does not parse: %w", r.Name, err)
		}
		d := p.Evaluate(req)
		res.Roles = append(res.Roles, Role{Name: r.Name, Allowed: d.Allowed, Reason: d.Summary()})
	}
	return res, nil
}

// WriteText prints the token and one line per role, allowed ones first. Claims, names and
// reasons are printed with their hidden characters escaped (printable.Line): a claim given
// on the command line or a value of the spec cannot forge or hide a line.
func WriteText(w io.Writer, res Result) error {
	var b strings.Builder
	b.WriteString("Token claims:\n")
	for _, k := range slices.Sorted(maps.Keys(res.Token)) {
		fmt.Fprintf(&b, "  %s = %s\n", printable.Line(k), printable.Line(res.Token[k]))
	}
	b.WriteString("\n")
	for _, allowed := range []bool{true, false} {
		for _, r := range res.Roles {
			if r.Allowed != allowed {
				continue
			}
			verdict := "DENIED "
			if allowed {
				verdict = "ALLOWED"
			}
			fmt.Fprintf(&b, "%s %s\n        %s\n", verdict, printable.Line(r.Name), printable.Line(r.Reason))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the result as indented JSON.
func WriteJSON(w io.Writer, res Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}
