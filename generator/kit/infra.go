package kit

import "github.com/ontopix/codeartifact-gen/generator/aws"

// InfraRequest says what to render for the infrastructure repository, the one that holds
// the specs and the Terraform they render.
type InfraRequest struct {
	// Version is the codeartifact-gen version the workflow runs with go run: a module
	// version such as v1.2.0, a commit, or a branch; "" means main.
	Version string
}

// moduleVersion is what go run PKG@VERSION accepts and a shell need not quote: a semantic
// version, a branch or a commit.
var moduleVersion = aws.NewPattern(`^[A-Za-z0-9][A-Za-z0-9._+/-]*$`)

// Command is the package path `go run` runs codeartifact-gen from.
const Command = "github.com/ontopix/codeartifact-gen/cmd/codeartifact-gen"

// RenderInfra returns the workflow of the infrastructure repository: on every pull request
// that touches the specs (or the rendered out/), it validates the specs, checks that out/ is
// what they render, and comments the Terraform diff on the pull request. It returns a
// *UsageError for a version go run cannot take.
func RenderInfra(req InfraRequest) ([]File, error) {
	version := req.Version
	if version == "" {
		version = "main"
	}
	if !moduleVersion.MatchString(version) {
		return nil, usagef("version %q: give a module version (v1.2.0), a branch or a commit", version)
	}
	d := struct {
		Header, Command string
		Actions         any
	}{
		Header:  header("--target infra"),
		Command: Command + "@" + version,
		Actions: actions,
	}
	content, err := execute("codeartifact-gen.yaml.tmpl", d)
	if err != nil {
		return nil, err
	}
	return []File{{Path: InfraWorkflowPath, Content: content}}, nil
}
