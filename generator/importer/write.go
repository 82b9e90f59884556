package importer

import (
	"bytes"
	"strconv"

	"github.com/ontopix/codeartifact-gen/generator/printable"
	"go.yaml.in/yaml/v3"
)

// HeaderPrefix starts every spec import writes; import overwrites only a file that
// starts with it (output.Family), so a spec someone wrote or took over is never replaced.
// Delete the first line to take the spec over.
const HeaderPrefix = "# Written by codeartifact-gen import from "

// Header returns the first lines of a spec imported from dir.
func Header(dir string) string {
	return HeaderPrefix + printable.Line(dir) + ". Review it, then delete this line to make it yours.\n"
}

func scalar(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Value: s, Style: yaml.DoubleQuotedStyle}
}

// str returns a string scalar, quoted when YAML would read it as something else (a
// number, a boolean, a pattern starting with *).
func str(s string) *yaml.Node {
	n := scalar(s)
	var v any
	if err := yaml.Unmarshal([]byte(s), &v); err != nil {
		return quoted(s)
	}
	if got, ok := v.(string); !ok || got != s {
		return quoted(s)
	}
	return n
}

type mapping struct{ n *yaml.Node }

func newMap() mapping { return mapping{&yaml.Node{Kind: yaml.MappingNode}} }

func (m mapping) add(key string, v *yaml.Node) {
	m.n.Content = append(m.n.Content, scalar(key), v)
}

func (m mapping) str(key, v string) {
	if v != "" {
		m.add(key, str(v))
	}
}

func (m mapping) list(key string, vs []string) {
	if len(vs) > 0 {
		m.add(key, flow(vs))
	}
}

func flow(vs []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, v := range vs {
		n.Content = append(n.Content, str(v))
	}
	return n
}

func (m mapping) tags(key string, ts [][2]string) {
	if len(ts) == 0 {
		return
	}
	t := newMap()
	for _, e := range ts {
		t.add(e[0], str(e[1]))
	}
	m.add(key, t.n)
}

func seq() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }

// YAML returns the spec as YAML, after the header naming dir.
func (s *Spec) YAML(dir string) []byte {
	root := newMap()
	root.add("version", &yaml.Node{Kind: yaml.ScalarNode, Value: "1", Tag: "!!int"})
	d := newMap()
	d.str("name", s.Domain.Name)
	d.str("region", s.Domain.Region)
	d.str("encryption_key", s.Domain.EncryptionKey)
	d.tags("tags", s.Domain.Tags)
	root.add("domain", d.n)

	repos := seq()
	for _, r := range s.Repositories {
		m := newMap()
		m.str("name", r.Name)
		m.str("format", r.Format)
		m.str("description", r.Description)
		m.list("upstreams", r.Upstreams)
		m.str("external_connection", r.ExternalConnection)
		m.tags("tags", r.Tags)
		repos.Content = append(repos.Content, m.n)
	}
	root.add("repositories", repos)

	g := newMap()
	g.str("owner", s.GitHub.Owner)
	if s.GitHub.OwnerID != "" {
		g.add("owner_id", quoted(s.GitHub.OwnerID))
	}
	g.str("oidc_provider", s.GitHub.OIDCProvider)
	g.str("enterprise_slug", s.GitHub.EnterpriseSlug)
	g.list("thumbprints", s.GitHub.Thumbprints)
	if s.GitHub.Subjects != "" && s.GitHub.Subjects != "name" {
		g.str("subjects", s.GitHub.Subjects)
	}
	if len(s.GitHub.RepositoryIDs) > 0 {
		ids := newMap()
		for _, e := range s.GitHub.RepositoryIDs {
			ids.add(e[0], quoted(e[1]))
		}
		g.add("repository_ids", ids.n)
	}
	root.add("github", g.n)

	if len(s.Policies) > 0 {
		ps := seq()
		for _, p := range s.Policies {
			m := newMap()
			m.str("name", p.Name)
			m.str("description", p.Description)
			m.list("read", p.Read)
			if len(p.Publish) > 0 {
				pubs := seq()
				for _, g := range p.Publish {
					pm := newMap()
					pm.str("repository", g.Repository)
					pm.list("namespaces", g.Namespaces)
					pubs.Content = append(pubs.Content, pm.n)
				}
				m.add("publish", pubs)
			}
			ps.Content = append(ps.Content, m.n)
		}
		root.add("policies", ps)
	}

	if len(s.Roles) > 0 {
		rs := seq()
		for _, r := range s.Roles {
			m := newMap()
			m.str("name", r.Name)
			m.str("description", r.Description)
			m.list("policies", r.Policies)
			if r.MaxSessionDuration != 0 {
				m.add("max_session_duration", &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(r.MaxSessionDuration), Tag: "!!int"})
			}
			trust := seq()
			for _, t := range r.Trust {
				tm := newMap()
				tm.list("repositories", t.Repositories)
				if t.AnyContext {
					tm.add("any_context", scalar("true"))
				}
				tm.list("branches", t.Branches)
				tm.list("tags", t.Tags)
				tm.list("environments", t.Environments)
				if t.PullRequests {
					tm.add("pull_requests", scalar("true"))
				}
				if len(t.Require) > 0 {
					req := newMap()
					for _, c := range t.Require {
						req.add(c[0][0], flow(c[1]))
					}
					tm.add("require", req.n)
				}
				trust.Content = append(trust.Content, tm.n)
			}
			m.add("trust", trust)
			m.tags("tags", r.Tags)
			rs.Content = append(rs.Content, m.n)
		}
		root.add("roles", rs)
	}

	if len(s.Adopt) > 0 {
		as := seq()
		for _, a := range s.Adopt {
			m := newMap()
			if a.Import {
				m.add("import", scalar("true"))
			} else {
				m.add("from", str(a.From))
			}
			m.str("domain", a.Domain)
			m.str("repository", a.Repository)
			m.str("role", a.RoleName)
			m.str("policy", a.Policy)
			if a.OIDCProvider {
				m.add("oidc_provider", scalar("true"))
			}
			as.Content = append(as.Content, m.n)
		}
		root.add("adopt", as)
		root.n.Content[len(root.n.Content)-2].HeadComment = "Where each resource is in the configuration imported (the render moves it from there),\nor import: true when no state holds it (the render imports it). Remove an entry once\nthe apply of its moved or import block has run."
	}

	var b bytes.Buffer
	b.WriteString(Header(dir))
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(root.n)
	_ = enc.Close()
	return b.Bytes()
}
