package lint

import (
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// rendered checks the trust policy as rendered, parsed back with the evaluator's parser:
// the properties below hold by construction today, and this check keeps them holding.
func (l *linter) rendered(r *model.Role) {
	at := roleAnchor(r, r.NamePos)
	p, err := r.ParsedTrust()
	if err != nil {
		l.add(&MissingSub, at, "the trust policy of role %s does not parse: %v", r.Name, err)
		return
	}
	issuer := l.m.GitHub.Issuer
	sub, aud := strings.ToLower(issuer.ClaimKey("sub")), strings.ToLower(issuer.ClaimKey("aud"))
	for _, st := range p.Statements {
		if st.Effect != trust.EffectAllow {
			continue
		}
		var subOperators []string
		audPinned := false
		for _, c := range st.Conditions {
			key := strings.ToLower(c.Key)
			if !strings.HasPrefix(key, strings.ToLower(issuer.ConditionPrefix())+":") {
				continue
			}
			if strings.HasPrefix(c.Operator, "ForAllValues:") || strings.HasPrefix(c.Operator, "ForAnyValue:") {
				l.add(&SetOperator, at, "role %s uses %s on %s", r.Name, c.Operator, c.Key)
			}
			if c.Operator == "StringEquals" && slices.ContainsFunc(c.Values, trust.HasWildcard) {
				l.add(&EqualsWildcard, at, "role %s compares %s with StringEquals against a pattern", r.Name, c.Key)
			}
			switch key {
			case sub:
				subOperators = append(subOperators, c.Operator)
				if slices.Contains(c.Values, "*") {
					l.add(&MissingSub, at, "role %s allows sub = \"*\"", r.Name)
				}
			case aud:
				audPinned = audPinned || c.Operator == "StringEquals" && slices.Equal(c.Values, []string{l.m.GitHub.Audience})
			}
		}
		switch {
		case len(subOperators) == 0:
			l.add(&MissingSub, at, "a statement of role %s has no condition on %s", r.Name, issuer.ClaimKey("sub"))
		case len(subOperators) > 1:
			l.add(&TwoSubOperators, at, "role %s applies %s to %s", r.Name, strings.Join(subOperators, " and "), issuer.ClaimKey("sub"))
		}
		if !audPinned {
			l.add(&AudienceNotPinned, at, "role %s does not pin %s to %s", r.Name, issuer.ClaimKey("aud"), l.m.GitHub.Audience)
		}
	}
}
