package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/kit"
)

// kitTargets are the values of kit --target.
const (
	kitTargetApp   = "app"
	kitTargetInfra = "infra"
	// kitTargetDependabot renders .github/dependabot.yml (kit_dependabot.go).
	kitTargetDependabot = "dependabot"
)

func runKit(args []string, out, errOut io.Writer) error {
	var specs, roles specList
	claims := claimList{}
	fs := newFlags("kit", "[--spec FILE] --role NAME [--role NAME] --tool npm|pip|twine [--repository REPO] [--environment ENV] [--app-repo OWNER/NAME] [--out DIR]\n       codeartifact-gen kit --target infra [--out DIR]\n       codeartifact-gen kit --target dependabot [--spec FILE] --role NAME [--app-repo OWNER/NAME] [--domain-owner ACCOUNT] [--out DIR]", out)
	fs.Var(&specs, "spec", "spec `file` (default: the only "+DefaultSpecGlob+")")
	target := fs.String("target", kitTargetApp, "what to render for: app (an application repository), infra (the repository of the specs) or dependabot (an application repository's .github/dependabot.yml)")
	fs.Var(&roles, "role", "`name` of a role the workflows assume (repeatable): a read-only role gets the CI workflow, one that can publish the release workflow; prefix ci= or release= to say which")
	tool := fs.String("tool", "", "package `tool`: npm, pip (install only) or twine (publish Python packages)")
	repository := fs.String("repository", "", "CodeArtifact `repository` (default: the only one of the tool's format the roles can use)")
	environment := fs.String("environment", "", "GitHub `environment` of the release job (of the CI job when there is none; default: the role's job_environment)")
	appRepo := fs.String("app-repo", "", "the application repository `OWNER/NAME` whose tokens are checked (default: the spec's owner/app)")
	fs.Var(claims, "claim", "a further token claim as `key=value` for custom subject templates (repeatable)")
	outDir := fs.String("out", "", "write the files under `directory` (default: print them)")
	domainOwner := fs.String("domain-owner", "", "the `account` ID that owns the domain (and the roles), for --target dependabot (default: the spec's domain.owner)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}

	var files []kit.File
	if *domainOwner != "" && *target != kitTargetDependabot {
		return usageError(CodeConflictingFlags, "--domain-owner is for --target dependabot")
	}
	switch *target {
	case kitTargetDependabot:
		if *tool != "" || *repository != "" || *environment != "" || len(claims) > 0 || len(roles) > 1 {
			return usageError(CodeConflictingFlags, "--target dependabot takes one --role, and no --tool, --repository, --environment or --claim")
		}
		var err error
		if files, err = renderDependabot(specs, roles, *appRepo, *domainOwner, errOut); err != nil {
			return err
		}
	case kitTargetInfra:
		if len(roles) > 0 || *tool != "" || *repository != "" || *environment != "" || *appRepo != "" || len(claims) > 0 {
			return usageError(CodeConflictingFlags, "--target infra renders the infrastructure repository's workflow and Taskfile; it takes no --role, --tool, --repository, --environment, --app-repo or --claim")
		}
		var err error
		if files, err = kit.RenderInfra(kit.InfraRequest{}); err != nil {
			return usageError(CodeBadFlagValue, "%v", err)
		}
	case kitTargetApp:
		l, err := loadOne(specs, errOut)
		if err != nil {
			return err
		}
		k, err := kit.Render(l.Model, kit.Request{
			Roles: roles, Tool: *tool, Repository: *repository, Environment: *environment,
			AppRepo: *appRepo, Claims: claims,
		})
		var refused *kit.RefusedError
		switch {
		case errors.As(err, &refused):
			return exitWith(ExitSpec, CodeKitRefused, "refused: %v", err)
		case err != nil:
			return usageError(CodeBadFlagValue, "%v", err)
		}
		files = k.Files
	default:
		return usageError(CodeBadFlagValue, "unknown target %q: use app, infra or dependabot", *target)
	}

	if *outDir == "" {
		for i, f := range files {
			if i > 0 {
				fmt.Fprintln(out)
			}
			fmt.Fprintf(out, "==> %s <==\n", f.Path)
			if _, err := out.Write(f.Content); err != nil {
				return ioError(err)
			}
		}
		return nil
	}
	written, err := kit.Write(*outDir, files)
	if err != nil {
		return ioError(err) // a refused foreign file is CodeForeignFile
	}
	for _, w := range written {
		verb := "unchanged"
		if w.Changed {
			verb = "wrote"
		}
		fmt.Fprintf(out, "%s %s\n", verb, strings.ReplaceAll(w.Path, "\\", "/"))
	}
	return nil
}
