package kit

// InfraRequest says what to render for the infrastructure repository, the one that holds
// the specs and the Terraform they render. It has no fields yet: the tool's version is
// pinned in that repository's go.mod (Go's tool directive), not in the rendered files.
type InfraRequest struct{}

// Package is the package path of the codeartifact-gen command, as `go get -tool` and
// `go install` take it.
const Package = "github.com/ontopix/codeartifact-gen/cmd/codeartifact-gen"

// InfraTaskfilePath is where RenderInfra puts the infrastructure repository's Taskfile.
const InfraTaskfilePath = "Taskfile.yaml"

// RenderInfra returns the files of the infrastructure repository: its pull-request workflow
// (validate, check, the diff of every spec commented on the pull request, then a gate that
// fails on widened or destructive changes) and its Taskfile (gen, check, validate and
// infra:init, infra:plan, infra:apply with tofu or terraform). Both run codeartifact-gen with
// `go tool`, at the version the repository's go.mod pins, so that exit codes survive; neither
// names a branch of the tool. It is pure, and returns the files in a fixed order.
func RenderInfra(InfraRequest) ([]File, error) {
	d := struct {
		Header, Package string
		Actions         any
	}{
		Header:  header("--target infra"),
		Package: Package,
		Actions: actions,
	}
	var files []File
	for _, f := range []struct{ tmpl, path string }{
		{"codeartifact-gen.yaml.tmpl", InfraWorkflowPath},
		{"Taskfile.infra.yaml.tmpl", InfraTaskfilePath},
	} {
		content, err := execute(f.tmpl, d)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: f.path, Content: content})
	}
	return files, nil
}
