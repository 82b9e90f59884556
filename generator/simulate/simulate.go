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
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Result is the outcome for every role.
type Result struct {
	Token map[string]string `json:"token"`
	// Issuer is the token's issuer when it is not the spec's (simulate --issuer).
	Issuer string `json:"issuer,omitempty"`
	Roles  []Role `json:"roles"`
}

// Role is the outcome for one role.
type Role struct {
	Name    string `json:"name"`
	Allowed bool   `json:"allowed"`
	// Reason is the evaluator's one-line verdict naming the deciding condition.
	Reason string `json:"reason"`
	// Note says, in words, why a token of another issuer is refused; "" otherwise.
	Note string `json:"note,omitempty"`
}

// Run evaluates tok, a token of the spec's issuer, against the trust policy of every role
// of m, in role order.
func Run(m *model.Model, tok oidc.Token) (Result, error) {
	return RunIssuer(m, tok, m.GitHub.Issuer)
}

// RunIssuer evaluates tok as a token of issuer against the trust policy of every role of
// m, in role order. A token of the spec's issuer reaches AWS through the spec's OIDC
// provider; a token of any other issuer through that issuer's provider
// (IssuerRequest), which no role of the spec names, so every role refuses it, and each
// Role's Note says so in words beside the evaluator's reason.
func RunIssuer(m *model.Model, tok oidc.Token, issuer oidc.Issuer) (Result, error) {
	res := Result{Token: tok.Claims}
	req := IssuerRequest(m, tok, issuer)
	foreign := !SameIssuer(issuer, m.GitHub.Issuer)
	if foreign {
		res.Issuer = issuer.URL
	}
	for _, r := range m.Roles {
		p, err := r.ParsedTrust()
		if err != nil {
			return Result{}, fmt.Errorf("role %s: rendered trust policy does not parse: %w", r.Name, err)
		}
		d := p.Evaluate(req)
		role := Role{Name: r.Name, Allowed: d.Allowed, Reason: d.Summary()}
		if foreign && !d.Allowed {
			role.Note = fmt.Sprintf("the role trusts tokens of %s only (the spec's issuer), through its OIDC provider and under the condition keys %s; this token's issuer is %s",
				m.GitHub.Issuer.URL, m.GitHub.Issuer.ClaimKey("*"), issuer.URL)
		}
		res.Roles = append(res.Roles, role)
	}
	return res, nil
}

// SameIssuer reports whether a and b are the same issuer: the same URL, ignoring a
// trailing slash (IAM's provider URL has none) and the case of the host (DNS names are
// case-insensitive).
func SameIssuer(a, b oidc.Issuer) bool {
	return normalIssuer(a.URL) == normalIssuer(b.URL)
}

func normalIssuer(u string) string {
	u = strings.TrimSuffix(strings.TrimPrefix(u, "https://"), "/")
	host, path, _ := strings.Cut(u, "/")
	if path != "" {
		path = "/" + path
	}
	return strings.ToLower(host) + path
}

// IssuerRequest returns the AssumeRoleWithWebIdentity request tok makes as a token of
// issuer: its claims under the issuer's condition keys, through the spec's OIDC provider
// (as the rendered policies name it) when the issuer is the spec's, and otherwise through
// a provider for that issuer in the account Terraform runs in.
func IssuerRequest(m *model.Model, tok oidc.Token, issuer oidc.Issuer) trust.Request {
	if SameIssuer(issuer, m.GitHub.Issuer) {
		return tok.Request(m.GitHub.Issuer, model.OIDCProviderPlaceholder)
	}
	provider := "arn:" + m.Domain.Partition + ":iam::${" + model.RefAccountID + "}:oidc-provider/" + issuer.ConditionPrefix()
	return tok.Request(issuer, provider)
}

// WriteText prints the token and one line per role, allowed ones first. Claims, names and
// reasons are printed with their hidden characters escaped (printable.Line): a claim given
// on the command line or a value of the spec cannot forge or hide a line.
func WriteText(w io.Writer, res Result) error {
	var b strings.Builder
	b.WriteString("Token claims:\n")
	if res.Issuer != "" {
		fmt.Fprintf(&b, "  iss = %s\n", printable.Line(res.Issuer))
	}
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
			if r.Note != "" {
				fmt.Fprintf(&b, "        %s\n", printable.Line(r.Note))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the result as indented JSON.
func WriteJSON(w io.Writer, res Result) error { return writeJSON(w, res) }

// writeJSON prints v as one indented JSON document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
