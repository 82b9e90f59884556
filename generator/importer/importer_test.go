package importer

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// acmeNPM is the domain and repository the small configurations of these tests share.
const acmeNPM = `
resource "aws_codeartifact_domain" "d" {
  domain = "acme"
  region = "eu-west-1"
}
resource "aws_codeartifact_repository" "r" {
  repository = "npm"
  domain     = aws_codeartifact_domain.d.domain
}
`

func writeTF(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func codes(ds diag.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		file := ""
		if d.Pos.Line > 0 {
			file = filepath.Base(d.Pos.File)
		}
		out = append(out, d.Code+" "+file+":"+strconv.Itoa(d.Pos.Line)+" "+d.Summary)
	}
	return out
}

// TestImportErrors: configurations import cannot evaluate are refused with the file and
// line of the problem, every problem at once.
func TestImportErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		files map[string]string
		want  []string
	}{
		"variable without a value": {map[string]string{"main.tf": "variable \"region\" {}\nvariable \"name\" {}\nresource \"aws_codeartifact_domain\" \"d\" {\n  domain = var.name\n  region = var.region\n}\n"},
			[]string{"IMPORT020 main.tf:1 variable region has no value", "IMPORT020 main.tf:2 variable name has no value"}},
		"no domain": {map[string]string{"main.tf": "resource \"aws_iam_role\" \"r\" {\n  name = \"r\"\n}\n"},
			[]string{"IMPORT021 :0 the configuration has 0 aws_codeartifact_domain resources; a spec has one"}},
		"unknown function": {map[string]string{"main.tf": "locals {\n  x = filebase64(\"k\")\n}\nresource \"aws_codeartifact_domain\" \"d\" {\n  domain = \"a\"\n  region = local.x\n}\n"},
			[]string{"IMPORT020 main.tf:2 Call to unknown function"}},
		"cycle": {map[string]string{"main.tf": "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_codeartifact_domain\" \"d\" {\n  domain = local.a\n}\n"},
			[]string{"IMPORT020 main.tf:2 cannot evaluate local.a", "IMPORT020 main.tf:3 cannot evaluate local.b", "IMPORT020 main.tf:5 cannot evaluate aws_codeartifact_domain.d"}},
		"syntax": {map[string]string{"main.tf": "resource \"aws_codeartifact_domain\" {\n"},
			nil},
	} {
		t.Run(name, func(t *testing.T) {
			res, ds := Import(writeTF(t, tc.files), Options{})
			if res != nil || !ds.HasErrors() {
				t.Fatalf("import succeeded: %v", ds)
			}
			got := codes(ds)
			for _, w := range tc.want {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
					t.Errorf("missing %q in %q", w, got)
				}
			}
			for _, d := range ds {
				if d.Code == "" || d.Severity != diag.Error && d.Code != "IMPORT020" {
					t.Errorf("uncoded diagnostic %v", d)
				}
			}
		})
	}
}

// TestFunctionsAndDynamicBlocks evaluates the functions people use in these roots
// (regex replace, one, try, format, toset) and a dynamic block with an iterator.
func TestFunctionsAndDynamicBlocks(t *testing.T) {
	dir := writeTF(t, map[string]string{"main.tf": `
locals {
  name  = replace("Acme_Corp", "/[^a-z]/", "")
  ups   = toset(["b", "a"])
  maybe = try(local.missing_map["x"], "fallback")
}
resource "aws_codeartifact_domain" "d" {
  domain = lower(format("%s-%s", local.name, one(["x"])))
  region = "eu-west-1"
  tags   = { Note = local.maybe }
}
resource "aws_codeartifact_repository" "r" {
  repository = "r"
  domain     = aws_codeartifact_domain.d.domain
  dynamic "upstream" {
    for_each = local.ups
    iterator = u
    content {
      repository_name = u.value
    }
  }
}
`})
	c, ds := Load(dir, nil)
	if c == nil {
		t.Fatal(ds)
	}
	var domain, repo *Instance
	for _, in := range c.Instances {
		switch in.Type {
		case "aws_codeartifact_domain":
			domain = in
		case "aws_codeartifact_repository":
			repo = in
		}
	}
	if got := domain.String("domain"); got != "cmeorp-x" {
		t.Errorf("domain = %q, want cmeorp-x", got)
	}
	if got := domain.StringMap("tags"); len(got) != 1 || got[0][1] != "fallback" {
		t.Errorf("tags = %v", got)
	}
	var ups []string
	for _, u := range repo.Blocks["upstream"] {
		ups = append(ups, u.String("repository_name"))
	}
	if !slices.Equal(ups, []string{"a", "b"}) {
		t.Errorf("upstreams = %v, want [a b] (a set, sorted)", ups)
	}
}

// TestImportWithState: resources the configuration declares and the state lacks are
// adopted with import blocks, reported, and rendered as import blocks.
func TestImportWithState(t *testing.T) {
	state := []byte(`{"version": 4, "resources": [
	  {"mode": "managed", "type": "aws_codeartifact_domain", "name": "this", "instances": [{}]},
	  {"mode": "managed", "type": "aws_codeartifact_repository", "name": "this", "instances": [
	    {"index_key": "npm"}, {"index_key": "npm-store"}, {"index_key": "pypi"}]},
	  {"mode": "managed", "type": "aws_iam_openid_connect_provider", "name": "github", "instances": [{}]},
	  {"mode": "managed", "type": "aws_iam_policy", "name": "read", "instances": [{}]},
	  {"mode": "managed", "type": "aws_iam_policy", "name": "publish", "instances": [{}]},
	  {"mode": "managed", "type": "aws_iam_role", "name": "ci", "instances": [{}]},
	  {"mode": "managed", "type": "aws_iam_role", "name": "release", "instances": [{}]},
	  {"mode": "managed", "type": "aws_iam_role_policy_attachment", "name": "ci_read", "instances": [{}]},
	  {"mode": "data", "type": "aws_iam_policy_document", "name": "read", "instances": [{}]}
	]}`)
	addrs, err := StateAddresses(state)
	if err != nil {
		t.Fatal(err)
	}
	if !addrs[`aws_codeartifact_repository.this["npm"]`] || addrs["data.aws_iam_policy_document.read"] || len(addrs) != 10 {
		t.Fatalf("state addresses %v", addrs)
	}
	res, ds := Import("../../testdata/import/for-each-split/terraform", Options{State: addrs})
	if res == nil {
		t.Fatal(ds)
	}
	var imported []string
	for _, d := range res.Findings {
		if d.Code == "IMPORT028" {
			imported = append(imported, strings.Fields(d.Summary)[0])
		}
	}
	want := []string{"aws_iam_role_policy_attachment.release_publish", `aws_codeartifact_repository.this["pypi-store"]`} // iam.tf, then main.tf
	if !slices.Equal(imported, want) {
		t.Errorf("imported %v, want %v", imported, want)
	}
	files, ds := generator.Generate("specs/acme.yaml", res.Spec.YAML("terraform"))
	if files == nil {
		t.Fatal(ds)
	}
	for file, block := range map[string]string{
		"main.tf": "import {\n  to = aws_codeartifact_repository.pypi_store\n  id = \"${local.codeartifact_arn}:repository/acme/pypi-store\"\n}",
		"iam.tf":  "import {\n  to = aws_iam_role_policy_attachment.github_release[\"CodeArtifactPublish\"]\n  id = \"github-release/arn:${local.partition}:iam::${local.account_id}:policy/CodeArtifactPublish\"\n}",
	} {
		if !strings.Contains(string(files[file]), block) {
			t.Errorf("%s lacks\n%s\n%s", file, block, files[file])
		}
	}

	show, err := StateAddresses([]byte(`{"format_version": "1.0", "values": {"root_module": {"resources": [
	  {"address": "aws_iam_role.release[0]", "mode": "managed"}, {"address": "data.aws_caller_identity.current", "mode": "data"}]}}}`))
	if err != nil || len(show) != 1 || !show["aws_iam_role.release[0]"] {
		t.Errorf("terraform show -json: %v %v", show, err)
	}
	if _, err := StateAddresses([]byte(`{"serial": 1}`)); err == nil {
		t.Error("a document that is no state was accepted")
	}
}

// TestUnrepresentableResourcesAreReported: what the spec cannot hold is reported, each on
// its own line, and left out of the spec (IMPORT022), never silently dropped.
func TestUnrepresentableResourcesAreReported(t *testing.T) {
	dir := writeTF(t, map[string]string{"main.tf": `
resource "aws_codeartifact_domain" "d" {
  domain = "acme"
  region = "eu-west-1"
}
resource "aws_codeartifact_repository" "r" {
  repository = "npm"
  domain     = aws_codeartifact_domain.d.domain
  external_connections {
    external_connection_name = "public:npmjs"
  }
}
module "extra" {
  source = "./extra"
}
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_iam_policy" "prefixed" {
  name_prefix = "read-"
  policy      = "{}"
}
resource "aws_iam_policy" "pathed" {
  name   = "pathed"
  path   = "/ci/"
  policy = "{}"
}
resource "aws_iam_role" "ec2" {
  name               = "ec2"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ec2.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`})
	res, ds := Import(dir, Options{})
	if res == nil {
		t.Fatal(ds)
	}
	want := []string{
		"IMPORT022 main.tf:13 module calls are not read",
		"IMPORT022 main.tf:16 aws_s3_bucket.logs is not in the spec",
		"IMPORT022 main.tf:19 aws_iam_policy.prefixed has no fixed name (name_prefix or none): not in the spec",
		"IMPORT022 main.tf:25 aws_iam_policy.pathed has the path /ci/: not in the spec",
		"IMPORT022 main.tf:28 aws_iam_role.ec2 is not assumed through GitHub's OIDC provider: not in the spec",
		"IMPORT022 main.tf:32 aws_iam_role_policy_attachment.admin attaches arn:aws:iam::aws:policy/AdministratorAccess, which is not a policy of the spec: not in the spec",
	}
	got := codes(res.Findings)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	if len(res.Spec.Policies) != 0 || len(res.Spec.Roles) != 0 || len(res.Spec.Repositories) != 1 {
		t.Errorf("spec holds %d policies, %d roles, %d repositories", len(res.Spec.Policies), len(res.Spec.Roles), len(res.Spec.Repositories))
	}
}

// TestTrustRoundTripDecided: where import reports no change to a trust policy, diff's
// decision agrees in both directions (for-each-split, locals-existing-provider: the
// rendered policies admit exactly the tokens the hand-written ones do); where it reports
// a wildcard under StringEquals and a missing aud (count-single-file), the decision finds
// both a widening and a narrowing, with tokens; an operator it does not model is
// reported as not decided.
func TestTrustRoundTripDecided(t *testing.T) {
	decided := func(ds diag.Diagnostics) (wide, narrow, undecided int) {
		for _, d := range ds {
			switch {
			case strings.Contains(d.Summary, "decided: the rendered trust policy admits"):
				wide++
			case strings.Contains(d.Summary, "decided: the rendered trust policy refuses"):
				narrow++
			case strings.Contains(d.Summary, "is not decided"):
				undecided++
			}
		}
		return
	}
	for layout, want := range map[string][3]int{"for-each-split": {}, "locals-existing-provider": {}, "count-single-file": {2, 2, 0}} {
		varFiles, _ := filepath.Glob(filepath.Join("../../testdata/import", layout, "*.tfvars"))
		res, ds := Import(filepath.Join("../../testdata/import", layout, "terraform"), Options{VarFiles: varFiles})
		if res == nil {
			t.Fatal(ds)
		}
		if w, n, u := decided(res.Findings); [3]int{w, n, u} != want {
			t.Errorf("%s: %d widened, %d narrowed, %d undecided; want %v", layout, w, n, u, want)
		}
	}
	dir := writeTF(t, map[string]string{"main.tf": acmeNPM + `data "aws_iam_openid_connect_provider" "github" {
  url = "https://token.actions.githubusercontent.com"
}
resource "aws_iam_policy" "p" {
  name   = "read"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "codeartifact:ReadFromRepository", Resource = aws_codeartifact_repository.r.arn }] })
}
resource "aws_iam_role" "r" {
  name = "ci"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{
    Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity",
    Principal = { Federated = data.aws_iam_openid_connect_provider.github.arn },
    Condition = {
      StringEquals               = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
      "ForAnyValue:StringLike"   = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:*" }
    }
  }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p.arn
}
`})
	res, ds := Import(dir, Options{})
	if res == nil {
		t.Fatal(ds)
	}
	if _, _, u := decided(res.Findings); u != 1 {
		t.Errorf("ForAnyValue:StringLike on sub: %d undecided findings, want 1:\n%s", u, strings.Join(codes(res.Findings), "\n"))
	}
}

// TestAttachmentOfALeftOutRoleIsReported: a policy of the spec attached to a role the spec
// leaves out is reported too; the render would otherwise detach it without a word.
func TestAttachmentOfALeftOutRoleIsReported(t *testing.T) {
	dir := writeTF(t, map[string]string{"main.tf": acmeNPM + `resource "aws_iam_policy" "p" {
  name   = "read"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "codeartifact:ReadFromRepository", Resource = aws_codeartifact_repository.r.arn }] })
}
resource "aws_iam_role" "ec2" {
  name               = "ec2"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "ec2" {
  role       = aws_iam_role.ec2.name
  policy_arn = aws_iam_policy.p.arn
}
`})
	res, ds := Import(dir, Options{})
	if res == nil {
		t.Fatal(ds)
	}
	got := codes(res.Findings)
	for _, w := range []string{"IMPORT022 main.tf:14 aws_iam_role.ec2 is not assumed", "IMPORT022 main.tf:18 aws_iam_role_policy_attachment.ec2 is not in the spec"} {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
}
