package simulate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/cloudtrail"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// Trail is the explanation of every AssumeRoleWithWebIdentity record of a CloudTrail file.
type Trail struct {
	File string `json:"file"`
	// Shape is what the file was: "event", "lookup-events", "log file" or "event list".
	Shape   string        `json:"shape"`
	Events  int           `json:"events"`
	Records []Explanation `json:"records"`
}

// Explanation is one CloudTrail record explained against the spec.
type Explanation struct {
	Position  string `json:"position"`
	EventID   string `json:"event_id,omitempty"`
	EventTime string `json:"event_time,omitempty"`
	RoleARN   string `json:"role_arn"`
	// Role is the spec's role the ARN names, "" when it names none.
	Role string `json:"role,omitempty"`
	// Token holds what CloudTrail recorded of the token: sub, aud and iss, each with the
	// field it was read from.
	Token []Claim `json:"token"`
	// Outcome is AWS's: "allowed", or "denied" with ErrorCode and ErrorMessage.
	Outcome      string `json:"outcome"`
	ErrorCode    string `json:"error_code,omitempty"`
	ErrorMessage string `json:"error_message,omitempty"`
	// Verdict is the spec's, on what CloudTrail recorded: "allowed", "denied",
	// "undetermined" (the decision rests on claims CloudTrail does not record), or
	// "not a role of the spec".
	Verdict string `json:"verdict"`
	// Summary is the explanation in one or two sentences.
	Summary string `json:"summary"`
	// Rule is the trust rule that admitted the token or, for a refused token, the closest.
	Rule *RuleRef `json:"rule,omitempty"`
	// Findings are the reasons, most decisive first; each may say the smallest spec change
	// that admits the token, or that the refusal is right.
	Findings []Finding `json:"findings,omitempty"`
	// NotChecked names what the explanation could not check because CloudTrail does not
	// record it.
	NotChecked []string `json:"not_checked,omitempty"`
	// IAM is the evaluator's verdict on the role's rendered trust policy.
	IAM string `json:"iam,omitempty"`
}

// Claim is a value of the token as CloudTrail recorded it (or as its subject shows it).
type Claim struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	From  string `json:"from"`
}

// RuleRef names a trust rule of the role: its 1-based number and where the spec writes it.
type RuleRef struct {
	Number   int    `json:"number"`
	Position string `json:"position"`
	Text     string `json:"text"`
}

// Finding is one reason of a verdict.
type Finding struct {
	Check string `json:"check"`
	Text  string `json:"text"`
	// Fix is the smallest spec change that admits the token, or "" when there is none to
	// make; Right is set when the refusal is what the spec means.
	Fix   string `json:"fix,omitempty"`
	Right bool   `json:"refusal_is_right,omitempty"`
}

// notRecorded says, beside each condition the explanation could not check, why.
const notRecorded = "CloudTrail records only the token's sub, aud and issuer"

// ExplainTrail explains every record of a parsed CloudTrail file against m.
func ExplainTrail(m *model.Model, file string, res cloudtrail.Result) (Trail, error) {
	t := Trail{File: file, Shape: res.Shape, Events: res.Events}
	for _, r := range res.Records {
		e, err := Explain(m, r)
		if err != nil {
			return Trail{}, err
		}
		t.Records = append(t.Records, e)
	}
	return t, nil
}

// Explain explains one record against m: which role of the spec its ARN names (or that it
// names none), the spec's verdict on the recorded claims compared with AWS's outcome, and,
// for a refused token, the closest trust rule with each condition it fails, why, and the
// smallest spec change that would admit it, or that the refusal is right. Claims that
// CloudTrail does not record are never guessed: a condition on one is listed under
// NotChecked, and a decision that rests on one is "undetermined".
func Explain(m *model.Model, r cloudtrail.Record) (Explanation, error) {
	e := Explanation{Position: r.Pos.String(), EventID: r.EventID, EventTime: r.EventTime, RoleARN: r.RoleARN,
		Outcome: "allowed", ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage}
	if !r.Succeeded() {
		e.Outcome = "denied"
	}
	issuerURL, _, providerAccount := r.Issuer()
	e.Token = append(e.Token, Claim{"sub", r.Subject, r.SubjectFrom})
	if r.Audience != "" {
		e.Token = append(e.Token, Claim{"aud", r.Audience, r.AudienceFrom})
	}
	e.Token = append(e.Token, Claim{"iss", issuerURL, "userIdentity.identityProvider"})

	role := findRole(m, r.Role)
	if role == nil {
		e.Verdict = "not a role of the spec"
		e.Summary = notSpecRole(m, r.Role)
		return e, nil
	}
	e.Role = role.Name
	e.Findings = append(e.Findings, accountFindings(m, r, providerAccount)...)

	issuer := oidc.Issuer{URL: issuerURL}
	sameIssuer := SameIssuer(issuer, m.GitHub.Issuer)
	parts, parsed := parseSubject(m.GitHub.Template, r.Subject)
	claims := recordClaims(r, parts, parsed)
	p, err := role.ParsedTrust()
	if err != nil {
		return Explanation{}, fmt.Errorf("role %s: rendered trust policy does not parse: %w", role.Name, err)
	}
	req := IssuerRequest(m, oidc.Token{Claims: claims}, issuer)
	if !sameIssuer && strings.HasPrefix(r.IdentityProvider, "arn:") {
		req.Principal = map[string]string{"Federated": r.IdentityProvider} // the provider the token came through
	}
	d := p.Evaluate(req)
	e.IAM = d.Summary()
	e.Verdict, e.NotChecked = decide(d, sameIssuer)
	if r.Audience == "" {
		e.NotChecked = append([]string{"aud (the record shows no audience)"}, e.NotChecked...)
	}

	// The rule: the one that admits the token, else the closest.
	best, findings := closestRule(m, role, parts, parsed, r.Subject)
	if !parsed && best != nil && !ruleAdmits(best, r.Subject) {
		best = nil // no rule is closer than another to a subject of another shape
	}
	if best != nil {
		e.Rule = ruleRef(role, best)
	}
	e.Findings = append(e.Findings, tokenFindings(m, r, issuerURL, sameIssuer, parsed)...)
	if e.Verdict == "denied" {
		if parsed && (best == nil || !ruleAdmits(best, r.Subject)) {
			e.Findings = append(e.Findings, findings...)
		}
		e.Findings = append(e.Findings, requireFindings(best, claims)...)
		e.NotChecked = append(e.NotChecked, unrecordedRequirements(m, e.Rule, best, claims)...)
	}
	e.Summary = summarize(e, r, role, best, e.Verdict)
	return e, nil
}

// recordClaims returns the claims of the record's token that a trust policy can be
// evaluated on: sub and aud as recorded, and those the subject shows (derivedClaims).
func recordClaims(r cloudtrail.Record, parts subjectParts, parsed bool) map[string]string {
	claims := map[string]string{"sub": r.Subject}
	if r.Audience != "" {
		claims["aud"] = r.Audience
	}
	if parsed {
		maps.Copy(claims, parts.derivedClaims())
	}
	return claims
}

// tokenFindings reports what refuses the token in every role of the spec alike: another
// issuer, another audience, a subject not of the spec's template (for GitHub issuers).
func tokenFindings(m *model.Model, r cloudtrail.Record, issuerURL string, sameIssuer, parsed bool) []Finding {
	var out []Finding
	githubIssuer := sameIssuer
	if !sameIssuer {
		f := issuerFinding(m, issuerURL)
		githubIssuer = !f.Right
		out = append(out, f)
	}
	if r.Audience != "" && r.Audience != m.GitHub.Audience {
		out = append(out, Finding{Check: "aud",
			Text: fmt.Sprintf("the token's audience is %s; every role of the spec requires %s (StringEquals on %s)", r.Audience, m.GitHub.Audience, m.GitHub.Issuer.ClaimKey("aud")),
			Fix:  "none in the spec: request the audience " + m.GitHub.Audience + " in the workflow (aws-actions/configure-aws-credentials does by default; a custom audience input changes it)", Right: true})
	}
	if !parsed && githubIssuer {
		out = append(out, Finding{Check: "sub",
			Text: fmt.Sprintf("the subject does not have the shape of the spec's subject template [%s]: %s", strings.Join(m.GitHub.Template, " "), r.Subject),
			Fix:  "if the owner or repository set a custom subject template (include_claim_keys), give its claims in github.subject_claims; if the token is not from GitHub Actions, nothing: the refusal is right"})
	}
	return out
}

// unrecordedRequirements lists the claims the rule requires that the record does not show:
// once the rule admits the token's subject, the token must match them too.
func unrecordedRequirements(m *model.Model, ref *RuleRef, rule *model.TrustRule, claims map[string]string) []string {
	if rule == nil {
		return nil
	}
	var out []string
	for _, q := range rule.Require {
		if _, ok := claims[q.Claim]; !ok {
			out = append(out, fmt.Sprintf("%s [%s], which trust rule %d also requires", m.GitHub.Issuer.ClaimKey(q.Claim), strings.Join(q.Values, " "), ref.Number))
		}
	}
	return out
}

// decide returns the spec's verdict on the recorded claims and the conditions it could not
// check. A statement that fails only on keys absent from the request (claims CloudTrail
// does not record) makes the verdict "undetermined" unless another statement applies.
func decide(d trust.Decision, sameIssuer bool) (string, []string) {
	if d.Allowed {
		return "allowed", nil
	}
	var unknown []string
	undetermined := false
	for _, s := range d.Statements {
		if s.Effect != trust.EffectAllow || !s.PrincipalMatched || !s.ActionMatched || !s.ResourceMatched {
			continue
		}
		var absent []string
		decided := true
		for _, c := range s.Conditions {
			switch {
			case c.Matched:
			case !c.KeyPresent:
				absent = append(absent, fmt.Sprintf("%s %s %s", c.Operator, c.Key, "["+strings.Join(c.PolicyValues, " ")+"]"))
			default:
				decided = false
			}
		}
		if decided && len(absent) > 0 {
			undetermined = true
			unknown = append(unknown, absent...)
		}
	}
	if undetermined && sameIssuer {
		slices.Sort(unknown)
		return "undetermined", slices.Compact(unknown)
	}
	return "denied", nil
}

// findRole returns the spec's role that arn names: same name, path "/".
func findRole(m *model.Model, arn cloudtrail.RoleARN) *model.Role {
	if arn.Path != "/" {
		return nil
	}
	for _, r := range m.Roles {
		if r.Name == arn.Name {
			return r
		}
	}
	return nil
}

// notSpecRole says that the ARN names no role of the spec, and which it might mean.
func notSpecRole(m *model.Model, arn cloudtrail.RoleARN) string {
	var names []string
	for _, r := range m.Roles {
		names = append(names, r.Name)
	}
	s := fmt.Sprintf("%s is not a role of this spec (%s), so the spec says nothing about this call", "role "+arn.Path[1:]+arn.Name, m.SpecPath)
	if arn.Path != "/" {
		s += fmt.Sprintf("; its path is %s, and the spec's roles have the path /", arn.Path)
	}
	var close []string
	for _, n := range names {
		if strings.EqualFold(n, arn.Name) || diag.EditDistance(strings.ToLower(n), strings.ToLower(arn.Name)) <= max(2, len(arn.Name)/8) {
			close = append(close, n)
		}
	}
	switch {
	case len(close) > 0:
		s += fmt.Sprintf(". Did you mean %s? IAM role names are compared exactly in ARNs", strings.Join(close, " or "))
	default:
		s += ". Its roles are " + strings.Join(names, ", ")
	}
	return s + ". Explain the call with the spec that renders this role."
}

// accountFindings reports a role in another partition or account than the spec's, and a
// provider in another account than the role.
func accountFindings(m *model.Model, r cloudtrail.Record, providerAccount string) []Finding {
	var out []Finding
	if r.Role.Partition != m.Domain.Partition {
		out = append(out, Finding{Check: "account",
			Text: fmt.Sprintf("the role is in partition %s; the spec's region %s is in %s, so this is not the role the spec renders, only one of the same name", r.Role.Partition, m.Domain.Region, m.Domain.Partition)})
	}
	if m.Domain.Owner != "" && r.Role.Account != m.Domain.Owner {
		out = append(out, Finding{Check: "account",
			Text: fmt.Sprintf("the role is in account %s; the spec's roles are in account %s (domain.owner), so this is not the role the spec renders, only one of the same name: the explanation below is of the spec's role", r.Role.Account, m.Domain.Owner)})
	}
	if providerAccount != "" && providerAccount != r.Role.Account {
		out = append(out, Finding{Check: "account",
			Text: fmt.Sprintf("the token came through the OIDC provider of account %s, and the role is in account %s: a trust policy names the provider of its own account", providerAccount, r.Role.Account)})
	}
	return out
}

// issuerFinding explains a token of another issuer than the spec's.
func issuerFinding(m *model.Model, issuerURL string) Finding {
	f := Finding{Check: "issuer",
		Text: fmt.Sprintf("the token's issuer is %s; the spec's roles trust %s only (its OIDC provider, condition keys %s)", issuerURL, m.GitHub.Issuer.URL, m.GitHub.Issuer.ClaimKey("*"))}
	host := strings.TrimPrefix(issuerURL, "https://")
	switch {
	case strings.HasPrefix(host, "token.actions.githubusercontent.com/"):
		f.Fix = "github.enterprise_slug: " + strings.TrimPrefix(host, "token.actions.githubusercontent.com/") + " (the enterprise's issuer; every role of the spec then trusts it instead of " + m.GitHub.Issuer.URL + ")"
	case strings.HasPrefix(host, "token.actions.") && strings.HasSuffix(host, ".ghe.com"):
		f.Fix = "github.ghe_subdomain: " + strings.TrimSuffix(strings.TrimPrefix(host, "token.actions."), ".ghe.com") + " (GHE.com; every role of the spec then trusts it instead)"
	case strings.HasSuffix(host, "/_services/token"):
		f.Fix = "github.server_host: " + strings.TrimSuffix(host, "/_services/token") + " (GitHub Enterprise Server; every role of the spec then trusts it instead)"
	default:
		f.Text += "; it is not a GitHub Actions issuer"
		f.Right = true
	}
	return f
}

// ruleRef names a rule of role.
func ruleRef(role *model.Role, rule *model.TrustRule) *RuleRef {
	return &RuleRef{Number: slices.Index(role.Rules, rule) + 1, Position: rule.Pos.String(), Text: describeRule(rule)}
}

// describeRule writes a rule in the spec's terms.
func describeRule(r *model.TrustRule) string {
	parts := []string{"repositories [" + strings.Join(r.Rule.Repositories, " ") + "]"}
	if r.Rule.AnyContext {
		parts = append(parts, "any context")
	}
	for _, l := range []struct {
		name   string
		values []string
	}{{"branches", r.Rule.Branches}, {"tags", r.Rule.Tags}, {"environments", r.Rule.Environments}} {
		if len(l.values) > 0 {
			parts = append(parts, l.name+" ["+strings.Join(l.values, " ")+"]")
		}
	}
	if r.Rule.PullRequests {
		parts = append(parts, "pull requests")
	}
	for _, k := range slices.Sorted(maps.Keys(r.Rule.ClaimValues)) {
		parts = append(parts, "subject claim "+k+" "+r.Rule.ClaimValues[k])
	}
	for _, q := range r.Require {
		parts = append(parts, "require "+q.Claim+" ["+strings.Join(q.Values, " ")+"]")
	}
	return strings.Join(parts, ", ")
}

// requireFindings reports the required claims of rule that the token's subject shows and
// that do not match; claims CloudTrail leaves open are listed under NotChecked instead.
func requireFindings(rule *model.TrustRule, claims map[string]string) []Finding {
	if rule == nil {
		return nil
	}
	var out []Finding
	for _, q := range rule.Require {
		v, ok := claims[q.Claim]
		if ok && !slices.ContainsFunc(q.Values, func(p string) bool { return trust.Matches(p, v) }) {
			out = append(out, Finding{Check: "require " + q.Claim,
				Text: fmt.Sprintf("the rule requires %s [%s]; the token's %s (shown by its subject) is %s", q.Claim, strings.Join(q.Values, " "), q.Claim, v),
				Fix:  fmt.Sprintf("add %s to the rule's require %s", v, q.Claim)})
		}
	}
	return out
}

// summarize writes the explanation's first sentences: the spec's verdict beside AWS's.
func summarize(e Explanation, r cloudtrail.Record, role *model.Role, best *model.TrustRule, verdict string) string {
	rule := "no rule"
	if e.Rule != nil {
		rule = fmt.Sprintf("trust rule %d (%s)", e.Rule.Number, e.Rule.Position)
	}
	aws := "AWS admitted the token"
	if !r.Succeeded() {
		aws = "AWS refused the token (" + r.ErrorCode + ")"
	}
	switch {
	case !r.Succeeded() && r.ErrorCode != "AccessDenied":
		return fmt.Sprintf("%s: STS rejected the token itself, not (only) the role's trust policy: an OIDC provider missing for the issuer, an audience that is not among the provider's client IDs, an expired or malformed token. The spec's verdict on the recorded claims: %s.", aws, verdict)
	case r.Succeeded() && verdict == "allowed":
		return fmt.Sprintf("%s, and the spec agrees: %s of role %s admits it.", aws, rule, role.Name)
	case r.Succeeded() && verdict == "undetermined":
		return fmt.Sprintf("%s; the spec's %s of role %s admits its sub and aud, and since AWS admitted the token, the claims CloudTrail does not record matched too.", aws, rule, role.Name)
	case r.Succeeded():
		return fmt.Sprintf("%s, but the spec's policy for role %s refuses it: the role in AWS is not what the spec renders (an apply is pending, or the role was edited by hand). Run codeartifact-gen check and a plan of the stack before trusting this spec.", aws, role.Name)
	case verdict == "allowed":
		return fmt.Sprintf("%s, but the spec's policy for role %s admits it (%s): the role in AWS is not what the spec renders (an apply is pending, or the role was edited by hand), or STS refused the token for a reason outside the trust policy.", aws, role.Name, rule)
	case verdict == "undetermined":
		return fmt.Sprintf("%s; the spec's %s of role %s admits its sub and aud, so the refusal comes from a claim CloudTrail does not record (see not checked): if the job's value of that claim does not match, the refusal is right; if it does, the role in AWS is not what the spec renders.", aws, rule, role.Name)
	}
	s := fmt.Sprintf("%s, and the spec refuses it too.", aws)
	if best != nil {
		s += fmt.Sprintf(" The closest rule is %s of role %s.", rule, role.Name)
	}
	return s
}
