package diff

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// maxExamples bounds the example subjects listed per change.
const maxExamples = 5

func (d *differ) roles() {
	oldRoles, newRoles := roleMap(d.old), roleMap(d.new)
	renamed := map[string]*model.Role{} // old name (lower case) → new role
	for _, r := range newRoles {
		if r.PreviousName != "" && oldRoles[strings.ToLower(r.PreviousName)] != nil && newRoles[strings.ToLower(r.PreviousName)] == nil {
			renamed[strings.ToLower(r.PreviousName)] = r
		}
	}
	for _, key := range slices.Sorted(maps.Keys(oldRoles)) {
		o := oldRoles[key]
		if newRoles[key] != nil {
			continue
		}
		if n := renamed[key]; n != nil {
			d.add(Change{Kind: "role.renamed", Subject: "role " + n.Name, Replaced: true, Pos: n.PreviousNamePos,
				Summary: fmt.Sprintf("role %s is renamed to %s: IAM replaces the role, and workflows must assume the new name", o.Name, n.Name)})
			d.role(o, n)
			continue
		}
		d.add(Change{Kind: "role.removed", Subject: "role " + o.Name, Pos: o.NamePos,
			Summary: fmt.Sprintf("role %s is removed: workflows that assume it will fail", o.Name)})
	}
	for _, key := range slices.Sorted(maps.Keys(newRoles)) {
		n := newRoles[key]
		if o := oldRoles[key]; o != nil {
			d.role(o, n)
			continue
		}
		if _, isRename := renamed[strings.ToLower(n.PreviousName)]; isRename {
			continue
		}
		var who []string
		for _, s := range n.Subjects() {
			who = append(who, "+ sub "+s)
		}
		if tokens, err := d.admittedBy(n); err != nil {
			who = append(who, fmt.Sprintf("no witness token (%v)", err))
		} else {
			who = append(who, examples("now admitted, for example", tokens)...)
		}
		d.add(Change{Kind: "role.added", Subject: "role " + n.Name, Widened: true, Pos: n.NamePos,
			Summary: fmt.Sprintf("role %s is added: %s", n.Name, accessSummary(grants(n))), Details: who})
	}
}

// role compares one role present on both sides.
func (d *differ) role(o, n *model.Role) {
	subject := "role " + n.Name
	pos := n.NamePos
	if o.Name != n.Name && strings.EqualFold(o.Name, n.Name) {
		d.add(Change{Kind: "role.replaced", Subject: subject, Replaced: true, Pos: pos,
			Summary: fmt.Sprintf("role %s is renamed to %s (case only): Terraform replaces the role (its name forces a new resource): it is deleted and created again, with a new unique ID", o.Name, n.Name)})
	}
	admitted, refused, undecided := d.trustExamples(o, n)
	added, removed := setDiff(o.Subjects(), n.Subjects())
	var details []string
	for _, s := range added {
		details = append(details, "+ sub "+s)
	}
	for _, s := range removed {
		details = append(details, "- sub "+s)
	}
	plusReq, minusReq := setDiff(requirements(o), requirements(n))
	for _, s := range plusReq {
		details = append(details, "+ require "+s)
	}
	for _, s := range minusReq {
		details = append(details, "- require "+s)
	}
	if repos := newlyAdmittedRepositories(d.new, o, n); repos != "" {
		details = append(details, "newly admitted repositories: "+repos)
	}
	switch {
	case undecided != nil:
		d.add(Change{Kind: "role.trust_undecided", Subject: subject, Widened: true, Pos: pos,
			Summary: fmt.Sprintf("role %s: trust changes and could not be decided (%v); treated as WIDENED", n.Name, undecided), Details: details})
	case len(admitted) > 0:
		c := Change{Kind: "role.trust_widened", Subject: subject, Widened: true, Pos: pos,
			Summary: fmt.Sprintf("role %s: trust WIDENED", n.Name), Details: details}
		c.Details = append(c.Details, examples("now admitted, for example", admitted)...)
		if len(refused) > 0 {
			c.Details = append(c.Details, examples("now refused, for example", refused)...)
		}
		d.add(c)
	case len(refused) > 0:
		c := Change{Kind: "role.trust_narrowed", Subject: subject, Pos: pos,
			Summary: fmt.Sprintf("role %s: trust narrowed", n.Name), Details: details}
		c.Details = append(c.Details, examples("now refused, for example", refused)...)
		d.add(c)
	case len(details) > 0:
		d.add(Change{Kind: "role.trust_rewritten", Subject: subject, Pos: pos,
			Summary: fmt.Sprintf("role %s: trust conditions are written differently and admit exactly the same tokens", n.Name), Details: details})
	}
	d.permissions(subject, o, n)
	if od, nd := sessionSeconds(o), sessionSeconds(n); od != nd {
		d.add(Change{Kind: "role.session", Subject: subject, Widened: nd > od, Pos: pos,
			Summary: fmt.Sprintf("role %s: sessions last %s instead of %s", n.Name, hours(nd), hours(od))})
	}
	d.inPlace(subject, pos, "description", []string{o.Description}, []string{n.Description})
	d.inPlace(subject, pos, "tags", tagLines(o.Tags), tagLines(n.Tags))
	if o.Sensitive != n.Sensitive {
		d.add(Change{Kind: "role.sensitive", Subject: subject, Pos: pos, Summary: fmt.Sprintf("role %s: sensitive changes from %v to %v", n.Name, o.Sensitive, n.Sensitive)})
	}
}

// permissions compares what two versions of a role may do: widened when the new policies
// allow some action on some resource the old ones did not, decided by pattern containment
// and confirmed by the IAM evaluator.
func (d *differ) permissions(subject string, o, n *model.Role) {
	og, ng := grants(o), grants(n)
	plus, minus := setDiff(og, ng)
	if len(plus) == 0 && len(minus) == 0 {
		return
	}
	lines := plusMinus(plus, minus)
	wider, err := grantDifference(roleGrants(n), roleGrants(o), d.bud)
	var examples []string
	for _, g := range wider {
		if err == nil {
			err = confirmGrant(g, o, n)
		}
		examples = append(examples, "  "+g.Action+" on "+shortResource(g.Resource))
	}
	c := Change{Kind: "role.permissions", Subject: subject, Widened: len(wider) > 0 || err != nil, Pos: n.NamePos, Details: lines}
	switch {
	case err != nil:
		c.Summary = fmt.Sprintf("role %s: permissions change and could not be decided (%v); treated as WIDENED", n.Name, err)
	case len(wider) > 0:
		c.Summary = fmt.Sprintf("role %s: permissions WIDENED", n.Name)
		c.Details = append(append(c.Details, "now allowed, for example:"), examples...)
	case len(plus) > 0:
		c.Summary = fmt.Sprintf("role %s: permissions rewritten or narrowed; nothing new is allowed", n.Name)
	default:
		c.Summary = fmt.Sprintf("role %s: permissions removed", n.Name)
	}
	d.add(c)
}

// sessionSeconds is the role's maximum session duration, IAM's default of one hour when the
// spec gives none.
func sessionSeconds(r *model.Role) int {
	if r.MaxSessionDuration == 0 {
		return 3600
	}
	return r.MaxSessionDuration
}

func hours(seconds int) string {
	if seconds%3600 == 0 {
		return fmt.Sprintf("%d h", seconds/3600)
	}
	return fmt.Sprintf("%d s", seconds)
}

func changeWord(added, removed int) string {
	switch {
	case added > 0 && removed > 0:
		return "added and removed"
	case added > 0:
		return "added"
	}
	return "removed"
}

func examples(label string, subjects []string) []string {
	out := []string{label + ":"}
	for i, s := range subjects {
		if i == maxExamples {
			out = append(out, fmt.Sprintf("  ... and %d more", len(subjects)-maxExamples))
			break
		}
		out = append(out, "  "+s)
	}
	return out
}

// grants lists what a role's policies allow, one "action on resource" line each, with
// resources relative to the domain's ARN prefix.
func grants(r *model.Role) []string { return grantLines(roleGrants(r)) }

// accessSummary says in a few words what a list of grants amounts to.
func accessSummary(gs []string) string {
	var publish, read []string
	for _, g := range gs {
		action, res, _ := strings.Cut(g, " on ")
		switch action {
		case "codeartifact:ReadFromRepository":
			read = append(read, strings.TrimPrefix(res, "repository/"))
		case "codeartifact:PublishPackageVersion":
			publish = append(publish, strings.TrimPrefix(res, "package/"))
		}
	}
	s := "reads " + orNone(strings.Join(read, ", "))
	if len(publish) > 0 {
		s += "; publishes " + strings.Join(publish, ", ")
	}
	return s
}

// admittedBy returns witness tokens that a new role admits (one per statement), each
// confirmed by the IAM evaluator on its rendered trust policy.
func (d *differ) admittedBy(n *model.Role) ([]string, error) {
	boxes, principal, err := trustBoxes(n.Trust)
	if err != nil {
		return nil, err
	}
	toks, err := trustDifference(boxes, nil, d.new.GitHub.Issuer, d.bud)
	if err != nil {
		return nil, err
	}
	pol, err := n.ParsedTrust()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, tok := range toks {
		if err := confirmTrust(tok, principal, pol, &trust.Policy{}); err != nil {
			return nil, err
		}
		out = append(out, describeToken(tok, d.new.GitHub.Issuer, d.new.GitHub.Audience))
	}
	return uniqueSorted(out), nil
}

// trustExamples returns witness tokens that the new trust policy admits and the old one
// refused, and the other way round, decided symbolically (see decide.go) and each
// confirmed by the IAM evaluator. err is set when the change could not be decided.
func (d *differ) trustExamples(o, n *model.Role) (admitted, refused []string, err error) {
	if d.old.GitHub.Issuer == d.new.GitHub.Issuer && string(o.Trust.JSON()) == string(n.Trust.JSON()) {
		return nil, nil, nil
	}
	oldBoxes, oldPrincipal, err1 := trustBoxes(o.Trust)
	newBoxes, newPrincipal, err2 := trustBoxes(n.Trust)
	if err := errors.Join(err1, err2); err != nil {
		return nil, nil, err
	}
	issuerNote, oldIssuerNote := "", ""
	if d.old.GitHub.Issuer != d.new.GitHub.Issuer {
		issuerNote, oldIssuerNote = " issued by "+d.new.GitHub.Issuer.URL, " issued by "+d.old.GitHub.Issuer.URL
	}
	wider, err := trustDifference(newBoxes, oldBoxes, d.new.GitHub.Issuer, d.bud)
	if err != nil {
		return nil, nil, err
	}
	narrower, err := trustDifference(oldBoxes, newBoxes, d.old.GitHub.Issuer, d.bud)
	if err != nil {
		return nil, nil, err
	}
	if len(wider) == 0 && len(narrower) == 0 {
		return nil, nil, nil
	}
	oldPolicy, err1 := o.ParsedTrust()
	newPolicy, err2 := n.ParsedTrust()
	if err := errors.Join(err1, err2); err != nil {
		return nil, nil, err
	}
	for _, tok := range wider {
		if err := confirmTrust(tok, newPrincipal, newPolicy, oldPolicy); err != nil {
			return nil, nil, err
		}
		admitted = append(admitted, describeToken(tok, d.new.GitHub.Issuer, d.new.GitHub.Audience)+issuerNote)
	}
	for _, tok := range narrower {
		if err := confirmTrust(tok, oldPrincipal, oldPolicy, newPolicy); err != nil {
			return nil, nil, err
		}
		refused = append(refused, describeToken(tok, d.old.GitHub.Issuer, d.old.GitHub.Audience)+oldIssuerNote)
	}
	return uniqueSorted(admitted), uniqueSorted(refused), nil
}

// requirements lists the claim requirements of a role's rules, one line per rule, claim
// and value, so that a changed list shows only the values added or removed. A rule is
// named by its first subject (and how many more it has).
func requirements(r *model.Role) []string {
	var out []string
	for _, rule := range r.Rules {
		name := "a rule with no subject"
		if len(rule.Subjects) > 0 {
			name = rule.Subjects[0]
			if more := len(rule.Subjects) - 1; more > 0 {
				name += fmt.Sprintf(" and %d more", more)
			}
		}
		for _, q := range rule.Require {
			for _, v := range q.Values {
				out = append(out, q.Claim+" "+v+" (for "+name+")")
			}
		}
	}
	return out
}

// newlyAdmittedRepositories names the repositories of the owner that the new role's rules
// admit and the old role's did not, or says that every repository now is.
func newlyAdmittedRepositories(nm *model.Model, o, n *model.Role) string {
	oldRepos, newRepos := ruleRepositories(o), ruleRepositories(n)
	if slices.Contains(newRepos, "*") && !slices.Contains(oldRepos, "*") {
		return "every repository of " + nm.GitHub.Owner.Name + " (was: " + orNone(strings.Join(oldRepos, ", ")) + ")"
	}
	if slices.Contains(oldRepos, "*") {
		return ""
	}
	added, _ := setDiff(oldRepos, newRepos)
	return strings.Join(added, ", ")
}

func ruleRepositories(r *model.Role) []string {
	var out []string
	for _, rule := range r.Rules {
		out = append(out, rule.Rule.Repositories...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func roleMap(m *model.Model) map[string]*model.Role {
	out := map[string]*model.Role{}
	if m != nil {
		for _, r := range m.Roles {
			out[strings.ToLower(r.Name)] = r
		}
	}
	return out
}

// setDiff returns the elements only in b (added) and only in a (removed), sorted.
func setDiff(a, b []string) (added, removed []string) {
	inA, inB := make(map[string]bool, len(a)), make(map[string]bool, len(b))
	for _, x := range a {
		inA[x] = true
	}
	for _, x := range b {
		inB[x] = true
	}
	for x := range inB {
		if !inA[x] {
			added = append(added, x)
		}
	}
	for x := range inA {
		if !inB[x] {
			removed = append(removed, x)
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	return added, removed
}

func uniqueSorted(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// inPlace reports an attribute that Terraform updates in place (descriptions and tags of
// roles and repositories, tags of policies and the domain), so that "no change" is said
// only when nothing rendered changes.
func (d *differ) inPlace(subject string, pos diag.Pos, what string, o, n []string) {
	plus, minus := setDiff(o, n)
	if len(plus) == 0 && len(minus) == 0 {
		return
	}
	if what == "tags" && !strings.HasPrefix(subject, "domain ") && d.domainTagsChanged {
		return // the domain's tags, merged into every resource's, are reported once
	}
	var lines []string
	for _, x := range minus {
		lines = append(lines, "- "+orNone(x))
	}
	for _, x := range plus {
		lines = append(lines, "+ "+orNone(x))
	}
	d.add(Change{Kind: strings.SplitN(subject, " ", 2)[0] + "." + what, Subject: subject, Pos: pos, Details: lines,
		Summary: fmt.Sprintf("%s: %s change (updated in place)", subject, what)})
}

func tagLines(tags []model.Tag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.Key + " = " + t.Value
	}
	return out
}

// plusMinus writes added lines with "+ " and removed ones with "- ", added first.
func plusMinus(plus, minus []string) []string {
	var lines []string
	for _, x := range plus {
		lines = append(lines, "+ "+x)
	}
	for _, x := range minus {
		lines = append(lines, "- "+x)
	}
	return lines
}
