// Package specgen writes large, valid specs for benchmarks and scale tests: an
// organisation with many repositories grouped in teams, and many roles.
package specgen

import (
	"fmt"
	"strings"
)

// formats cycles through the package formats that have a public external connection.
var formats = []struct{ format, connection string }{
	{"npm", "public:npmjs"}, {"pypi", "public:pypi"}, {"maven", "public:maven-central"}, {"nuget", "public:nuget-org"},
}

// TeamSize is the number of repositories each team's policies cover.
const TeamSize = 10

// Spec returns a spec with the given number of internal repositories (plus one proxy per
// format, each internal repository using the proxy of its format as upstream), two
// policies per team of TeamSize repositories (read, and publish narrowed to a namespace or
// package), and the given number of roles: even roles read from branch main and pull
// requests of one application repository, odd roles publish from its v* tags. The spec is
// valid; it renders with lint warnings but no error.
func Spec(repositories, roles int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ndomain:\n  name: scale\n  region: eu-west-1\n  tags: {ManagedBy: terraform}\n")
	b.WriteString("repositories:\n")
	for _, f := range formats {
		fmt.Fprintf(&b, "  - {name: %s-public, format: %s, external_connection: \"%s\"}\n", f.format, f.format, f.connection)
	}
	for i := range repositories {
		f := formats[i%len(formats)]
		fmt.Fprintf(&b, "  - {name: lib-%05d, format: %s, description: Library %d., upstreams: [%s-public]}\n", i, f.format, i, f.format)
	}
	b.WriteString("github: {owner: scale-org, oidc_provider: create}\npolicies:\n")
	teams := (repositories + TeamSize - 1) / TeamSize
	for t := range teams {
		var read []string
		for i := t * TeamSize; i < min(repositories, (t+1)*TeamSize); i++ {
			read = append(read, fmt.Sprintf("lib-%05d", i))
		}
		fmt.Fprintf(&b, "  - name: team-%04d-read\n    read: [%s]\n", t, strings.Join(read, ", "))
		fmt.Fprintf(&b, "  - name: team-%04d-publish\n    publish:\n", t)
		for _, r := range read {
			fmt.Fprintf(&b, "      - {repository: %s, %s}\n", r, narrowing(r))
		}
	}
	b.WriteString("roles:\n")
	for j := range roles {
		team := j % max(teams, 1)
		if j%2 == 0 {
			fmt.Fprintf(&b, "  - name: ci-%05d\n    policies: [team-%04d-read]\n    trust:\n      - {repositories: [app-%05d], branches: [main], pull_requests: true}\n", j, team, j)
		} else {
			fmt.Fprintf(&b, "  - name: release-%05d\n    policies: [team-%04d-read, team-%04d-publish]\n    trust:\n      - {repositories: [app-%05d], tags: [\"v*\"]}\n", j, team, team, j)
		}
	}
	return []byte(b.String())
}

// narrowing returns the publish narrowing that suits the repository's format.
func narrowing(repo string) string {
	var i int
	fmt.Sscanf(repo, "lib-%d", &i)
	switch formats[i%len(formats)].format {
	case "npm":
		return "namespaces: [scale]"
	case "maven":
		return "namespaces: [org.scale]"
	default:
		return fmt.Sprintf("packages: [scale-%d]", i)
	}
}
