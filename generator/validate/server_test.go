package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// TestRequireOnServer: a require: claim is refused (VALID062, at the claim) exactly when
// the spec trusts a GitHub Enterprise Server issuer, once per claim, and never for the
// issuers AWS STS lists claim condition keys for.
func TestRequireOnServer(t *testing.T) {
	const base = `version: 1
domain:
  name: acme
  region: us-east-1
repositories:
  - name: libs
    format: npm
github:
  owner: acme-corp
  oidc_provider: existing
%s
policies:
  - name: LibsRead
    read: [libs]
roles:
  - name: ci-read
    policies: [LibsRead]
    trust:
      - repositories: [app]
        branches: [main]
%s`
	const server = "  server_host: github.example.com"
	cases := []struct {
		name, issuer, require string
		want                  []string // line:col of each VALID062
	}{
		{"github.com with require", "", "        require:\n          ref: refs/heads/main", nil},
		{"enterprise cloud with require", "  enterprise_slug: octo", "        require:\n          ref: refs/heads/main", nil},
		{"GHE.com with require", "  ghe_subdomain: octo", "        require:\n          ref: refs/heads/main", nil},
		{"server without require", server, "", nil},
		{"server with one claim", server, "        require:\n          ref: refs/heads/main", []string{"22:11"}},
		{"server with two claims", server, "        require:\n          ref: refs/heads/main\n          environment: [prod, staging]", []string{"22:11", "23:11"}},
		// An unsupported claim keeps its own diagnostic (VALID047) and gets no second one.
		{"server with an unknown claim", server, "        require:\n          sha: abc", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := fmt.Sprintf(base, tc.issuer, tc.require)
			f, ds := spec.Parse("spec.yaml", []byte(src))
			if ds.HasErrors() {
				t.Fatalf("parse: %v", ds)
			}
			var got []string
			for _, d := range Spec(f) {
				if d.Code == "VALID062" {
					if d.Severity.String() != "error" || !strings.Contains(d.Detail, "github.example.com/_services/token") || !strings.Contains(d.Detail, "Remove require:") {
						t.Errorf("VALID062 %v: detail %q", d.Severity, d.Detail)
					}
					got = append(got, fmt.Sprintf("%d:%d", d.Pos.Line, d.Pos.Col))
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("VALID062 at %v, want %v", got, tc.want)
			}
		})
	}
}
