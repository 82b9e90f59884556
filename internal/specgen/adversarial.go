package specgen

import (
	"fmt"
	"strings"
)

// The adversarial shapes below are valid or nearly valid specs, each within the documented
// input limits, that stress one part of the pipeline: they are the inputs whose cost must
// stay linear (or close to it) in their size.

// header is the start of every adversarial spec: the domain, one internal repository, the
// GitHub owner and one read policy.
const header = "version: 1\ndomain: {name: acme, region: us-east-1}\nrepositories:\n  - {name: libs, format: npm}\ngithub: {owner: acme, oidc_provider: create}\npolicies:\n  - {name: Read, read: [libs]}\n"

// items returns n strings made by format from 0..n-1, joined with ", ".
func items(n int, format string) string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i)
	}
	return strings.Join(out, ", ")
}

// CrossProduct returns a spec with one role whose one trust rule names the given number of
// repositories and of branch patterns: the trust policy lists every repository × branch
// subject. Half of the branches end in a wildcard, so subjects can cover one another.
func CrossProduct(repositories, branches int) []byte {
	bs := make([]string, branches)
	for i := range bs {
		if i%2 == 0 {
			bs[i] = fmt.Sprintf("\"f%d/*\"", i)
		} else {
			bs[i] = fmt.Sprintf("f%d", i)
		}
	}
	return []byte(header + "roles:\n  - name: ci\n    policies: [Read]\n    trust:\n      - repositories: [" + items(repositories, "r%d") + "]\n        branches: [" + strings.Join(bs, ", ") + "]\n")
}

// SharedPrefixBranches returns a spec with one role whose one rule names one repository
// and n branch patterns that share their literal prefix and each hold a wildcard
// ("*a0", "*a1", ...): grouping patterns by literal prefix alone cannot separate them.
func SharedPrefixBranches(n int) []byte {
	return []byte(header + "roles:\n  - name: ci\n    policies: [Read]\n    trust:\n      - repositories: [app]\n        branches: [" + items(n, "\"*a%d\"") + "]\n")
}

// ManyBranches returns a spec with one role whose one rule names one repository and n
// literal branches.
func ManyBranches(n int) []byte {
	return []byte(header + "roles:\n  - name: ci\n    policies: [Read]\n    trust:\n      - repositories: [app]\n        branches: [" + items(n, "b%d") + "]\n")
}

// ManyRequire returns a spec with the given number of roles, each with one rule that
// requires one of n values of the environment claim.
func ManyRequire(roles, n int) []byte {
	var b strings.Builder
	b.WriteString(header + "roles:\n")
	for j := range roles {
		fmt.Fprintf(&b, "  - name: role-%d\n    policies: [Read]\n    trust:\n      - repositories: [app]\n        tags: [\"v*\"]\n        require:\n          environment: [%s]\n", j, items(n, fmt.Sprintf("env-%d-%%d", j)))
	}
	return []byte(b.String())
}

// LongReadList returns a spec of n repositories and one policy that reads all of them: a
// list of n values.
func LongReadList(n int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ndomain: {name: acme, region: us-east-1}\nrepositories:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: r%d, format: npm}\n", i)
	}
	b.WriteString("github: {owner: acme, oidc_provider: create}\npolicies:\n  - {name: Read, read: [" + items(n, "r%d") + "]}\n")
	b.WriteString("roles:\n  - {name: ci, policies: [Read], trust: [{repositories: [app], branches: [main]}]}\n")
	return []byte(b.String())
}

// UpstreamChain returns a spec of n repositories, each the upstream of the one before: the
// deepest upstream graph the spec can describe.
func UpstreamChain(n int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ndomain: {name: acme, region: us-east-1}\nrepositories:\n")
	for i := range n {
		if i+1 < n {
			fmt.Fprintf(&b, "  - {name: r%d, format: npm, upstreams: [r%d]}\n", i, i+1)
		} else {
			fmt.Fprintf(&b, "  - {name: r%d, format: npm}\n", i)
		}
	}
	b.WriteString("github: {owner: acme, oidc_provider: create}\npolicies:\n  - {name: Read, read: [r0]}\n")
	b.WriteString("roles:\n  - {name: ci, policies: [Read], trust: [{repositories: [app], branches: [main]}]}\n")
	return []byte(b.String())
}

// ManyConsumers returns a spec with n other AWS accounts that each read from the one
// repository.
func ManyConsumers(n int) []byte {
	var b strings.Builder
	b.WriteString(header + "roles:\n  - {name: ci, policies: [Read], trust: [{repositories: [app], branches: [main]}]}\nconsumers:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: c%d, principals: [\"%012d\"], read: [libs]}\n", i, 100000000000+i)
	}
	return []byte(b.String())
}

// UnknownKeys returns a spec with n unknown top-level keys after a valid spec: n
// diagnostics.
func UnknownKeys(n int) []byte {
	var b strings.Builder
	b.WriteString(header + "roles:\n  - {name: ci, policies: [Read], trust: [{repositories: [app], branches: [main]}]}\n")
	for i := range n {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	return []byte(b.String())
}

// ManyRoles returns a spec of the given number of roles, each with one rule of the given
// numbers of repositories and branches: roles × repositories × branches subjects in all.
func ManyRoles(roles, repositories, branches int) []byte {
	var b strings.Builder
	b.WriteString(header + "roles:\n")
	for j := range roles {
		fmt.Fprintf(&b, "  - {name: role-%d, policies: [Read], trust: [{repositories: [%s], branches: [%s]}]}\n", j, items(repositories, fmt.Sprintf("app-%d-%%d", j)), items(branches, "b%d"))
	}
	return []byte(b.String())
}

// SharedPrefixAndSuffix returns a spec with one role whose one rule names one repository
// and n branch patterns that share their literal prefix and suffix and differ in the
// middle ("f*00001*z"): only an index of inner segments tells them apart.
func SharedPrefixAndSuffix(n int) []byte {
	return []byte(header + "roles:\n  - name: ci\n    policies: [Read]\n    trust:\n      - repositories: [app]\n        branches: [" + items(n, "\"f*%05d*z\"") + "]\n")
}
