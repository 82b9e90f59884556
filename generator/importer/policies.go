package importer

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// The actions the spec's read and publish grants render (model.buildPolicy), lower-case.
var (
	readActions    = []string{"codeartifact:getauthorizationtoken", "codeartifact:getrepositoryendpoint", "codeartifact:readfromrepository", "sts:getservicebearertoken"}
	publishActions = []string{"codeartifact:publishpackageversion", "codeartifact:putpackagemetadata"}
)

// policies maps every aws_iam_policy to read and publish grants, and reports each
// statement the spec renders differently.
func (m *mapper) policies() {
	for _, in := range m.managed("aws_iam_policy") {
		name, ok := m.iamName(in, "policy")
		if !ok {
			continue
		}
		p := &Policy{Name: name, Description: in.String("description"), address: in.Address()}
		doc, err := trust.ParsePolicy([]byte(in.String("policy")))
		if err != nil {
			m.skip(in, attrRange(in.Object, "policy"), in.Address()+"'s document cannot be read: not in the spec", err.Error())
			continue
		}
		m.grants(in, p, doc)
		if len(p.Read) == 0 && len(p.Publish) == 0 {
			m.skip(in, attrRange(in.Object, "policy"), in.Address()+" grants no read or publish access to a repository of the domain: not in the spec",
				"The spec's policies grant CodeArtifact read and publish access only. Keep this policy in a hand-written file.")
			continue
		}
		m.spec.Policies = append(m.spec.Policies, p)
		m.policyByAddr[in.Address()] = p
		m.spec.Adopt = append(m.spec.Adopt, Adopt{From: in.Address(), Policy: p.Name})
	}
	sort.Slice(m.spec.Policies, func(i, j int) bool { return m.spec.Policies[i].Name < m.spec.Policies[j].Name })
}

// grants reads one policy document into p's read and publish lists.
func (m *mapper) grants(in *Instance, p *Policy, doc *trust.Policy) {
	at := attrRange(in.Object, "policy")
	say := func(summary, detail string) { m.warn("IMPORT024", at, in.Address()+": "+summary, detail) }
	read, publish := map[string]bool{}, map[string][]string{}
	internal := m.internalRepositories()
	for i, st := range doc.Statements {
		sid := fmt.Sprintf("statement #%d", i+1)
		if st.Sid != "" {
			sid += fmt.Sprintf(" (%s)", st.Sid)
		}
		if st.Effect != trust.EffectAllow || st.Action.Negated || st.Resource.Negated || len(st.Conditions) > 0 && !bearerCondition(st) {
			say(sid+" is a Deny, NotAction, NotResource or conditional statement: the render has no such statement",
				"The render writes Allow statements for the grants only. Whether that widens access depends on what the statement restricted: it widens when the statement denied or limited something the grants allow. Review it before applying.")
			continue
		}
		var reads, pubs, dropped []string
		for _, a := range st.Action.Values {
			la := strings.ToLower(a)
			switch {
			case la == "*" || la == "codeartifact:*":
				reads, pubs = append(reads, readActions...), append(pubs, publishActions...)
				dropped = append(dropped, a+" (every other action)")
			case slices.Contains(readActions, la):
				reads = append(reads, la)
			case slices.Contains(publishActions, la):
				pubs = append(pubs, la)
			default:
				dropped = append(dropped, a)
			}
		}
		if len(dropped) > 0 {
			say(sid+" allows "+strings.Join(dropped, ", ")+": the render drops it",
				"The spec's grants render GetAuthorizationToken, sts:GetServiceBearerToken, GetRepositoryEndpoint and ReadFromRepository (read) and PublishPackageVersion and PutPackageMetadata (publish). This narrows access: roles with this policy lose those actions.")
		}
		for _, res := range st.Resource.Values {
			if slices.Contains(reads, "codeartifact:readfromrepository") || slices.Contains(reads, "codeartifact:getrepositoryendpoint") {
				m.readResource(res, read, internal, sid, say)
			}
			if len(pubs) > 0 {
				m.publishResource(res, publish, internal, sid, say)
			}
		}
		if slices.Contains(reads, "sts:getservicebearertoken") && !bearerCondition(st) {
			say(sid+" allows sts:GetServiceBearerToken for every service: the render adds the condition sts:AWSServiceName = codeartifact.amazonaws.com",
				"This narrows access: the role can get bearer tokens for CodeArtifact only.")
		}
		if slices.Contains(reads, "codeartifact:getauthorizationtoken") && slices.Contains(st.Resource.Values, "*") {
			say(sid+" allows GetAuthorizationToken on Resource \"*\": the render names the domain "+m.spec.Domain.Name,
				"This narrows access: tokens for other domains (of this or other accounts) are refused.")
		}
	}
	for r := range publish {
		if !read[r] {
			say("publishes to "+r+" without reading it: the render grants read access too",
				"The spec's publish grant implies read (publishing tools read the repository first). This widens access: the role can now read "+r+".")
		}
		read[r] = true
	}
	for _, r := range sortedKeys(read) {
		if _, pub := publish[r]; !pub {
			p.Read = append(p.Read, r)
		}
	}
	for _, r := range sortedKeys(publish) {
		p.Publish = append(p.Publish, Publish{Repository: r, Namespaces: publish[r]})
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// bearerCondition reports whether the statement's only condition limits
// sts:GetServiceBearerToken to CodeArtifact, as the render does.
func bearerCondition(st trust.Statement) bool {
	return len(st.Conditions) == 1 && st.Conditions[0].Operator == "StringEquals" && st.Conditions[0].Key == "sts:AWSServiceName" &&
		slices.Equal(st.Conditions[0].Values, []string{"codeartifact.amazonaws.com"})
}

// internalRepositories returns the repositories without an external connection.
func (m *mapper) internalRepositories() []string {
	var out []string
	for _, r := range m.spec.Repositories {
		if r.ExternalConnection == "" {
			out = append(out, r.Name)
		}
	}
	return out
}

// repositoryOf returns the repository a resource names: a repository ARN or a
// placeholder of a repository's arn; "*" for every repository; "" for none.
func (m *mapper) repositoryOf(res string) string {
	if addr, attr, ok := placeheld(res); ok && attr == "arn" {
		if in := m.byAddr[addr]; in != nil && in.Type == "aws_codeartifact_repository" {
			return in.String("repository")
		}
	}
	if mm := repoARN.FindStringSubmatch(res); mm != nil && mm[1] == m.spec.Domain.Name {
		return mm[2]
	}
	return ""
}

func (m *mapper) readResource(res string, read map[string]bool, internal []string, sid string, say func(string, string)) {
	switch r := m.repositoryOf(res); {
	case res == "*" || strings.HasSuffix(res, ":repository/"+m.spec.Domain.Name+"/*"):
		for _, n := range m.spec.Repositories {
			read[n.Name] = true
		}
		if res == "*" {
			say(sid+" reads from Resource \"*\": the render names the domain's repositories",
				"This narrows access: the role can read the repositories of this spec ("+strings.Join(sortedKeys(read), ", ")+") and no repository of another domain or account.")
		}
	case r != "":
		if m.repoByName[r] == nil {
			say(sid+" reads from "+r+", which the configuration does not manage: the render drops it", "This narrows access.")
			return
		}
		read[r] = true
	case domainARN.MatchString(res) || isDomainPlaceholder(m, res):
	default:
		say(sid+" names the resource "+res+": the render drops it", "The render grants read access on this domain's repositories only. This narrows access.")
	}
}

func isDomainPlaceholder(m *mapper, res string) bool {
	addr, attr, ok := placeheld(res)
	return ok && attr == "arn" && m.byAddr[addr] != nil && m.byAddr[addr].Type == "aws_codeartifact_domain"
}

func (m *mapper) publishResource(res string, publish map[string][]string, internal []string, sid string, say func(string, string)) {
	if res == "*" {
		for _, r := range internal {
			publish[r] = nil
		}
		say(sid+" publishes to Resource \"*\": the render grants publishing to the repositories without an external connection ("+strings.Join(internal, ", ")+")",
			"This narrows access: the role can publish only to those repositories of this domain, to every package in them.")
		return
	}
	mm := packageARN.FindStringSubmatch(res)
	if mm == nil || mm[1] != m.spec.Domain.Name {
		if r := m.repositoryOf(res); r != "" || isDomainPlaceholder(m, res) {
			return // publish actions on a repository or domain ARN match no package: nothing to grant
		}
		say(sid+" publishes to "+res+": the render drops it", "The render grants publishing on package ARNs of this domain only. This narrows access.")
		return
	}
	repos := []string{mm[2]}
	if mm[2] == "*" {
		repos = internal
	}
	rest := mm[3]
	parts := strings.Split(rest, "/")
	var namespaces []string
	switch {
	case rest == "*" || rest == "*/*" || len(parts) == 2 && parts[1] == "*" || len(parts) == 3 && parts[1] == "*" && parts[2] == "*":
	case len(parts) == 3 && parts[2] == "*" && !strings.ContainsAny(parts[1], "*?"):
		namespaces = []string{parts[1]}
	default:
		say(sid+" publishes packages "+rest+": the render grants every package of the repository",
			"The spec narrows publishing by namespace only in this import. This widens access: review the grant and add namespaces or packages to it.")
	}
	for _, r := range repos {
		if m.repoByName[r] == nil {
			say(sid+" publishes to "+r+", which the configuration does not manage: the render drops it", "This narrows access.")
			continue
		}
		if m.repoByName[r].Format == "" && len(parts) > 0 && parts[0] != "*" {
			m.repoByName[r].Format = parts[0]
		}
		if old, seen := publish[r]; seen && (old == nil || namespaces == nil) {
			publish[r] = nil
			continue
		}
		publish[r] = append(publish[r], namespaces...)
	}
}

// iamName returns the fixed name of an IAM policy or role (what), and false, reported,
// when the spec cannot adopt it: no fixed name (name_prefix or none), or a path other
// than / (path forces a new resource; the render writes none).
func (m *mapper) iamName(in *Instance, what string) (string, bool) {
	name := in.String("name")
	if name == "" {
		m.skip(in, in.Range, in.Address()+" has no fixed name (name_prefix or none): not in the spec",
			"The spec names every "+what+"; one named by Terraform cannot be adopted under a name. Keep it in a hand-written file, or give it a name first.")
		return "", false
	}
	if p := in.String("path"); p != "" && p != "/" {
		m.skip(in, attrRange(in.Object, "path"), in.Address()+" has the path "+p+": not in the spec",
			"The spec renders every "+what+" at the path /; path forces a new "+what+", so the render would replace it. Keep it in a hand-written file.")
		return "", false
	}
	return name, true
}
