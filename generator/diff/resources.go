package diff

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/model"
)

func (d *differ) domain() {
	o, n := d.old, d.new
	switch {
	case o == nil && n == nil:
		return
	case o == nil:
		d.add(Change{Kind: "domain.added", Subject: "domain " + n.Domain.Name, Summary: fmt.Sprintf("domain %s is created in %s", n.Domain.Name, n.Domain.Region)})
		return
	case n == nil:
		d.add(Change{Kind: "domain.removed", Subject: "domain " + o.Domain.Name, Destructive: true,
			Summary: fmt.Sprintf("domain %s is removed: it would be deleted with every repository and package in it", o.Domain.Name)})
		return
	}
	od, nd := o.Domain, n.Domain
	subject := "domain " + nd.Name
	replaced := func(what, from, to string) {
		d.add(Change{Kind: "domain.replaced", Subject: subject, Destructive: true, Replaced: true,
			Summary: fmt.Sprintf("domain %s: %s changes from %s to %s, which replaces the domain: every repository and package in it would be deleted", od.Name, what, orNone(from), orNone(to))})
	}
	switch r := removal(n, "domain", od.Name); {
	case od.Name == nd.Name:
	case r != nil && r.Forget:
		d.add(Change{Kind: "domain.forgotten", Subject: "domain " + od.Name, Pos: r.Pos,
			Summary: fmt.Sprintf("domain %s leaves the spec and is forgotten: Terraform stops managing it, and it stays in AWS with its packages (%s); domain %s is created", od.Name, r.Reason, nd.Name)})
		for _, repo := range o.Repositories {
			if slices.ContainsFunc(n.Repositories, func(x *model.Repository) bool { return x.Name == repo.Name }) {
				d.add(Change{Kind: "repository.replaced", Subject: "repository " + repo.Name, Destructive: true, Replaced: true, Pos: repo.NamePos,
					Summary: fmt.Sprintf("repository %s moves from domain %s to %s: its domain forces a new resource, so Terraform deletes it from %s with every package in it and creates it empty in %s", repo.Name, od.Name, nd.Name, od.Name, nd.Name)})
			}
		}
	default:
		replaced("the name", od.Name, nd.Name)
	}
	if od.Region != nd.Region {
		replaced("the region", od.Region, nd.Region)
	}
	if od.EncryptionKey != nd.EncryptionKey {
		replaced("the KMS key", od.EncryptionKey, nd.EncryptionKey)
	}
	if od.Owner != nd.Owner {
		d.add(Change{Kind: "domain.owner", Subject: subject, Summary: fmt.Sprintf("the domain's owner account changes from %s to %s", orNone(od.Owner), orNone(nd.Owner))})
	}
	d.domainTagsChanged = !slices.Equal(od.Tags, nd.Tags)
	d.inPlace(subject, diag.Pos{}, "tags", tagLines(od.Tags), tagLines(nd.Tags))
	if od.PreventDestroy && !nd.PreventDestroy {
		d.add(Change{Kind: "domain.unprotected", Subject: subject, Summary: "prevent_destroy is turned off for the domain: Terraform may now delete it, with every package"})
	}
	d.github()
}

// github compares the token issuer and the OIDC provider. A changed issuer is a new trust
// root: every role now trusts tokens another service signs (WIDENED). The provider
// resource is the account's only one for its URL, which other stacks may rely on:
// replacing it (its url forces a new resource) or no longer managing it (Terraform deletes
// it) is DESTRUCTIVE.
func (d *differ) github() {
	og, ng := d.old.GitHub, d.new.GitHub
	subject := "github " + ng.Owner.Name
	if og.Issuer != ng.Issuer {
		d.add(Change{Kind: "github.issuer", Subject: subject, Widened: true,
			Summary: fmt.Sprintf("the token issuer changes from %s to %s: a new trust root; every role now trusts tokens that %s signs", og.Issuer.URL, ng.Issuer.URL, ng.Issuer.URL)})
	}
	switch {
	case og.CreateProvider && ng.CreateProvider && og.Issuer.URL != ng.Issuer.URL:
		d.add(Change{Kind: "github.oidc_provider_replaced", Subject: subject, Destructive: true,
			Summary: fmt.Sprintf("the OIDC provider for %s is replaced by one for %s (its url forces a new resource): the account has one provider per URL, and other stacks that rely on %s lose it", og.Issuer.URL, ng.Issuer.URL, og.Issuer.URL)})
	case og.CreateProvider && !ng.CreateProvider:
		d.add(Change{Kind: "github.oidc_provider_removed", Subject: subject, Destructive: true,
			Summary: fmt.Sprintf("the OIDC provider for %s is no longer managed here: Terraform would delete it, and every stack of the account that relies on it, unless it is removed from state first (terraform state rm aws_iam_openid_connect_provider.github)", og.Issuer.URL)})
	case !og.CreateProvider && ng.CreateProvider:
		d.add(Change{Kind: "github.oidc_provider_created", Subject: subject,
			Summary: fmt.Sprintf("the OIDC provider for %s is now created here: if the account already has one for this URL, import it first (terraform import aws_iam_openid_connect_provider.github ARN)", ng.Issuer.URL)})
	}
	if plus, minus := setDiff(og.Thumbprints, ng.Thumbprints); ng.CreateProvider && (len(plus) > 0 || len(minus) > 0) {
		var lines []string
		for _, t := range plus {
			lines = append(lines, "+ thumbprint "+t)
		}
		for _, t := range minus {
			lines = append(lines, "- thumbprint "+t+" (removing a thumbprint from the configuration does not clear it in IAM)")
		}
		// thumbprint_list is updated in place (UpdateOpenIDConnectProviderThumbprint; ../shared/facts/codeartifact-iam.md).
		// AWS ignores thumbprints for token.actions.githubusercontent.com (it trusts its CA
		// library); for other issuers an added thumbprint trusts another server certificate.
		widened := len(plus) > 0 && ng.Issuer.Kind != "github.com" && ng.Issuer.Kind != "enterprise-cloud"
		d.add(Change{Kind: "github.thumbprints", Subject: subject, Widened: widened, Details: lines,
			Summary: fmt.Sprintf("the OIDC provider's thumbprints %s (updated in place)", changeWord(len(plus), len(minus)))})
	}
}

func (d *differ) repositories() {
	oldRepos, newRepos := repoMap(d.old), repoMap(d.new)
	renamedFrom := map[string]*model.Repository{} // old name → new repository
	for _, r := range newRepos {
		if _, still := newRepos[r.PreviousName]; r.PreviousName != "" && !still && oldRepos[r.PreviousName] != nil {
			renamedFrom[r.PreviousName] = r
		}
	}
	for _, name := range slices.Sorted(maps.Keys(oldRepos)) {
		o := oldRepos[name]
		if _, kept := newRepos[name]; kept {
			continue
		}
		if n := renamedFrom[name]; n != nil {
			d.add(Change{Kind: "repository.renamed", Subject: "repository " + n.Name, Destructive: true, Pos: n.PreviousNamePos,
				Summary: fmt.Sprintf("repository %s is renamed to %s: AWS cannot rename repositories, so %s would be deleted with every package in it and %s created empty", name, n.Name, name, n.Name)})
			continue
		}
		switch r := removal(d.new, "repository", name); {
		case r != nil && r.Forget:
			d.add(Change{Kind: "repository.forgotten", Subject: "repository " + name, Pos: r.Pos,
				Summary: fmt.Sprintf("repository %s leaves the spec and is forgotten: Terraform stops managing it, and it stays in AWS with its packages (%s)", name, r.Reason)})
		case r != nil:
			d.add(Change{Kind: "repository.removed", Subject: "repository " + name, Destructive: true, Pos: r.Pos,
				Summary: fmt.Sprintf("repository %s is removed: it would be deleted with every package in it (acknowledged: %s)", name, r.Reason)})
		default:
			d.add(Change{Kind: "repository.removed", Subject: "repository " + name, Destructive: true, Pos: o.NamePos,
				Summary: fmt.Sprintf("repository %s is removed: it would be deleted with every package in it", name), Details: lookalike(o, newRepos, oldRepos)})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(newRepos)) {
		n := newRepos[name]
		o, existed := oldRepos[name]
		if !existed {
			if _, renamed := renamedFrom[n.PreviousName]; !renamed {
				d.add(Change{Kind: "repository.added", Subject: "repository " + name, Pos: n.NamePos, Summary: fmt.Sprintf("repository %s (%s) is added%s", name, n.Format, connection(n))})
			}
			continue
		}
		d.repository(o, n)
	}
}

// lookalike hints that a removed repository may have been renamed.
func lookalike(removed *model.Repository, newRepos, oldRepos map[string]*model.Repository) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(newRepos)) {
		if n := newRepos[name]; oldRepos[name] == nil && n.Format == removed.Format {
			out = append(out, fmt.Sprintf("if it was renamed to %s: AWS cannot rename repositories; keep the old name, or declare previous_name: %s with acknowledge_package_loss", name, removed.Name))
		}
	}
	return out
}

func (d *differ) repository(o, n *model.Repository) {
	subject := "repository " + n.Name
	pos := n.NamePos
	if o.Format != n.Format {
		d.add(Change{Kind: "repository.format", Subject: subject, Pos: pos, Summary: fmt.Sprintf("repository %s changes format from %s to %s (package ARNs and the endpoint follow)", n.Name, o.Format, n.Format)})
	}
	ou, nu := names(o.Upstreams), names(n.Upstreams)
	if !slices.Equal(ou, nu) {
		kind, what := "repository.upstreams", "upstreams change"
		if sameSet(ou, nu) {
			kind, what = "repository.upstream_order", "upstream search order changes"
		}
		d.add(Change{Kind: kind, Subject: subject, Pos: pos, Summary: fmt.Sprintf("repository %s: %s from [%s] to [%s]", n.Name, what, strings.Join(ou, ", "), strings.Join(nu, ", "))})
	}
	if o.ExternalConnection != n.ExternalConnection {
		d.add(Change{Kind: "repository.external_connection", Subject: subject, Pos: pos,
			Summary: fmt.Sprintf("repository %s: external connection changes from %s to %s", n.Name, orNone(o.ExternalConnection), orNone(n.ExternalConnection))})
	}
	d.inPlace(subject, pos, "description", []string{o.Description}, []string{n.Description})
	d.inPlace(subject, pos, "tags", tagLines(o.Tags), tagLines(n.Tags))
	if o.PreventDestroy && !n.PreventDestroy {
		d.add(Change{Kind: "repository.unprotected", Subject: subject, Pos: pos, Summary: fmt.Sprintf("prevent_destroy is turned off for repository %s: Terraform may now delete it, with every package", n.Name)})
	}
}

func connection(r *model.Repository) string {
	if r.ExternalConnection == "" {
		return ""
	}
	return ", caching " + r.ExternalConnection
}

func repoMap(m *model.Model) map[string]*model.Repository {
	out := map[string]*model.Repository{}
	if m != nil {
		for _, r := range m.Repositories {
			out[r.Name] = r
		}
	}
	return out
}

func names(rs []*model.Repository) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}

func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// removal returns the spec's removed entry for the domain or repository name (kind
// "domain" or "repository"), or nil: what the new spec says Terraform does with something
// it no longer has (forget it, or destroy it as acknowledged).
func removal(m *model.Model, kind, name string) *model.Removal {
	if m == nil {
		return nil
	}
	for _, r := range m.Removed {
		if r.Kind == kind && r.Name == name {
			return r
		}
	}
	return nil
}
