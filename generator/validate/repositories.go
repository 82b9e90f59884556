package validate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

func (c *checker) repositories(repos []spec.Repository, at diag.Pos) {
	if len(repos) == 0 {
		c.errorf("VALID014", at, "List at least one repository under repositories.", "the spec has no repositories")
	}
	c.atMost(len(repos), "repositories", at)
	all := names(repos, func(r *spec.Repository) spec.String { return r.Name })
	c.unique(all, "repository name", exact)
	c.addresses(all, "repository", exact)
	for i := range repos {
		r := &repos[i]
		if _, dup := c.repos[r.Name.Value]; !dup {
			c.repos[r.Name.Value] = r
		}
	}
	for i := range repos {
		c.repository(&repos[i])
	}
	c.upstreamGraph(repos)
}

func (c *checker) repository(r *spec.Repository) {
	name := r.Name.Value
	if !aws.RepositoryName.MatchString(name) {
		c.errorf("VALID015", r.Name.Pos, "A repository name is 2 to 100 characters: letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit.",
			"invalid repository name %q", name)
	}
	if !slices.Contains(aws.Formats, r.Format.Value) {
		c.errorf("VALID016", r.Format.Pos, "Use one of "+strings.Join(aws.Formats, ", ")+" (lower case).", "unknown package format %q", r.Format.Value)
	}
	c.description(r.Description, "repository "+name)
	if ec := r.ExternalConnection; ec.Set {
		format, known := aws.ExternalConnectionFormat(ec.Value)
		valid := aws.ExternalConnectionsFor(r.Format.Value)
		switch {
		case !known && len(valid) == 0:
			c.errorf("VALID017", ec.Pos, "AWS offers no public external connection for "+r.Format.Value+" repositories; remove external_connection.", "unknown external connection %q", ec.Value)
		case !known:
			c.errorf("VALID017", ec.Pos, "For "+r.Format.Value+" repositories use "+strings.Join(valid, " or ")+".", "unknown external connection %q", ec.Value)
		case format != r.Format.Value:
			c.errorf("VALID017", ec.Pos, fmt.Sprintf("%s serves %s packages, but repository %s holds %s packages. %s", ec.Value, format, name, r.Format.Value, connectionHint(r.Format.Value)),
				"external connection %s does not serve %s packages", ec.Value, r.Format.Value)
		}
		if len(r.Upstreams) > 0 {
			c.warnf("VALID018", ec.Pos, "AWS documents a repository as having upstream repositories or an external connection, and recommends one repository per public registry that others use as an upstream. Move the external connection to a repository of its own.",
				"repository %s has both upstreams and an external connection", name)
		}
	}
	c.tags(r.Tags, "repository "+name)
}

func connectionHint(format string) string {
	if valid := aws.ExternalConnectionsFor(format); len(valid) > 0 {
		return "Use " + strings.Join(valid, " or ") + "."
	}
	return "AWS offers no public external connection for " + format + " repositories."
}

// upstreamGraph checks each repository's upstream list and the graph they form: upstreams
// exist, share the format, are not repeated, number at most 10, form no cycle, and no
// request searches more than 25 repositories (CodeArtifact quotas, not adjustable).
func (c *checker) upstreamGraph(repos []spec.Repository) {
	for i := range repos {
		r := &repos[i]
		if n := len(r.Upstreams); n > aws.DirectUpstreamsMax {
			c.errorf("VALID019", r.Upstreams[aws.DirectUpstreamsMax].Pos, fmt.Sprintf("CodeArtifact allows at most %d direct upstreams per repository (a fixed quota); this one lists %d. Chain repositories instead.", aws.DirectUpstreamsMax, n),
				"repository %s has too many upstreams", r.Name.Value)
		}
		seen := map[string]bool{}
		for _, u := range r.Upstreams {
			up, exists := c.repos[u.Value]
			switch {
			case u.Value == r.Name.Value:
				c.errorf("VALID020", u.Pos, "Remove it from its own upstreams.", "repository %s lists itself as an upstream", u.Value)
			case seen[u.Value]:
				c.errorf("VALID020", u.Pos, "Each upstream appears once; the first place sets its priority.", "upstream %s is listed twice", u.Value)
			case !exists:
				c.errorf("VALID020", u.Pos, "Upstreams are repositories of this spec. Known repositories: "+strings.Join(slices.Sorted(maps.Keys(c.repos)), ", ")+".", "unknown upstream repository %q", u.Value)
			case up.Format.Value != r.Format.Value:
				c.errorf("VALID020", u.Pos, "An upstream serves packages of the same format as its downstream repository.",
					"upstream %s holds %s packages, but %s holds %s packages", u.Value, up.Format.Value, r.Name.Value, r.Format.Value)
			}
			seen[u.Value] = true
		}
	}
	c.upstreamCycles(repos)
	for i := range repos {
		r := &repos[i]
		if n := c.searched(r.Name.Value, aws.SearchedUpstreamsMax+1); n > aws.SearchedUpstreamsMax {
			c.errorf("VALID021", r.Name.Pos, fmt.Sprintf("A request to %s would search more than %d upstream repositories, CodeArtifact's fixed limit. Flatten the upstream graph.", r.Name.Value, aws.SearchedUpstreamsMax),
				"repository %s searches too many upstreams", r.Name.Value)
		}
	}
}

// upstreamCycles reports each cycle of the upstream graph once, at the upstream entry that
// closes it.
func (c *checker) upstreamCycles(repos []spec.Repository) {
	const (
		unvisited = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(r *spec.Repository)
	visit = func(r *spec.Repository) {
		state[r.Name.Value] = onPath
		path = append(path, r.Name.Value)
		for _, u := range r.Upstreams {
			up, ok := c.repos[u.Value]
			if !ok || u.Value == r.Name.Value {
				continue
			}
			switch state[u.Value] {
			case onPath:
				start := slices.Index(path, u.Value)
				cycle := append(slices.Clone(path[start:]), u.Value)
				c.errorf("VALID022", u.Pos, "CodeArtifact refuses upstream cycles. Remove one of the links: "+strings.Join(cycle, " → ")+".",
					"upstream cycle: %s", strings.Join(cycle, " → "))
			case unvisited:
				visit(up)
			}
		}
		path = path[:len(path)-1]
		state[r.Name.Value] = done
	}
	for i := range repos {
		if state[repos[i].Name.Value] == unvisited {
			visit(&repos[i])
		}
	}
}

// searched counts the distinct repositories reachable upstream of name, stopping at limit.
func (c *checker) searched(name string, limit int) int {
	seen := map[string]bool{name: true}
	queue := []string{name}
	for len(queue) > 0 && len(seen)-1 < limit {
		r := c.repos[queue[0]]
		queue = queue[1:]
		if r == nil {
			continue
		}
		for _, u := range r.Upstreams {
			if !seen[u.Value] {
				seen[u.Value] = true
				queue = append(queue, u.Value)
			}
		}
	}
	return len(seen) - 1
}
