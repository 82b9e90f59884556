package cli

import (
	"io"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/kit"
)

// renderDependabot loads the spec and renders kit --target dependabot. Its BOT0xx
// diagnostics go to errOut as text; with an error among them the command ends with exit 1
// and nothing is written.
func renderDependabot(specs, roles []string, appRepo, domainOwner string, errOut io.Writer) ([]kit.File, error) {
	l, err := loadOne(specs, errOut)
	if err != nil {
		return nil, err
	}
	role := ""
	if len(roles) == 1 {
		role = roles[0]
	}
	d, err := kit.RenderDependabot(l.Model, kit.DependabotRequest{Role: role, AppRepo: appRepo, DomainOwner: domainOwner})
	if err != nil {
		return nil, usageError(CodeBadFlagValue, "%v", err)
	}
	if err := diag.Write(errOut, diag.Text, d.Diagnostics); err != nil {
		return nil, ioError(err)
	}
	if d.Diagnostics.HasErrors() {
		return nil, silent(ExitSpec)
	}
	return d.Files, nil
}
