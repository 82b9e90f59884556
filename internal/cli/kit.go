package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/kit"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

// kitTargets are the values of kit --target.
const (
	kitTargetApp   = "app"
	kitTargetInfra = "infra"
	// kitTargetDependabot renders .github/dependabot.yml (kit_dependabot.go).
	kitTargetDependabot = "dependabot"
)

// kitArgs are the parsed flags of kit.
type kitArgs struct {
	specs, roles                                                specList
	claims                                                      claimList
	tool, repository, environment, appRepo, domainOwner, outDir string
	checkDir                                                    string
	merge                                                       bool
	out, errOut                                                 io.Writer
}

// appFlags reports whether any flag of the app target is set.
func (a *kitArgs) appFlags() bool {
	return len(a.roles) > 0 || a.tool != "" || a.repository != "" || a.environment != "" || a.appRepo != "" || a.domainOwner != "" || a.merge || len(a.claims) > 0
}

// kitTarget is one value of kit --target: what it renders for, and how. render returns the
// files, ready for --out or --check when a.outDir or a.checkDir is set, and the paths of
// those that are a marked block to merge into a file.
type kitTarget struct {
	name, what string
	render     func(a *kitArgs) (files []kit.File, blocks []string, err error)
}

// kitTargetTable lists the targets; adding one is adding an entry.
var kitTargetTable = []kitTarget{
	{kitTargetApp, "an application repository", renderKitApp},
	{kitTargetInfra, "the repository of the specs", renderKitInfra},
	{kitTargetDependabot, "an application repository's .github/dependabot.yml", renderKitDependabot},
}

func runKit(args []string, out, errOut io.Writer) error {
	a := &kitArgs{claims: claimList{}, out: out, errOut: errOut}
	var targets []string
	for _, t := range kitTargetTable {
		targets = append(targets, t.name+" ("+t.what+")")
	}
	fs := newFlags("kit", "[--spec FILE] --role NAME [--role NAME] --tool "+strings.Join(kit.Tools(), "|")+" [--repository REPO] [--environment ENV] [--app-repo OWNER/NAME] [--domain-owner ACCOUNT] [--out DIR [--merge] | --check DIR]\n       codeartifact-gen kit --target infra [--out DIR | --check DIR]\n       codeartifact-gen kit --target dependabot [--spec FILE] --role NAME [--app-repo OWNER/NAME] [--domain-owner ACCOUNT] [--out DIR | --check DIR]", out)
	fs.Var(&a.specs, "spec", "spec `file` (default: the only "+DefaultSpecGlob+")")
	target := fs.String("target", kitTargetApp, "what to render for: "+strings.Join(targets, ", "))
	fs.Var(&a.roles, "role", "`name` of a role the workflows assume (repeatable): a read-only role gets the CI workflow, one that can publish the release workflow; prefix ci= or release= to say which")
	fs.StringVar(&a.tool, "tool", "", "package `tool`: "+strings.Join(kit.Tools(), ", ")+" (pip installs only)")
	fs.StringVar(&a.repository, "repository", "", "CodeArtifact `repository` (default: the only one of the tool's format the roles can use)")
	fs.StringVar(&a.environment, "environment", "", "GitHub `environment` of the release job (of the CI job when there is none; default: the role's job_environment)")
	fs.StringVar(&a.appRepo, "app-repo", "", "the application repository `OWNER/NAME` whose tokens are checked (default: the one repository the roles name, else the spec's owner/app)")
	fs.StringVar(&a.domainOwner, "domain-owner", "", "the `account` ID that owns the domain (and the roles), when the spec does not give it (uv, poetry, cargo and --target dependabot need it)")
	fs.BoolVar(&a.merge, "merge", false, "add the kit's marked block to hand-written configuration files (.npmrc, pyproject.toml, ...) instead of printing a patch (goes with --out)")
	fs.StringVar(&a.checkDir, "check", "", "compare the files with those under `directory` and exit 3 when they differ, writing nothing")
	fs.Var(a.claims, "claim", "a further token claim as `key=value` for custom subject templates (repeatable)")
	fs.StringVar(&a.outDir, "out", "", "write the files under `directory` (default: print them)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if a.checkDir != "" && (a.outDir != "" || a.merge) || a.merge && a.outDir == "" {
		return usageError(CodeConflictingFlags, "--check DIR compares and writes nothing; --merge goes with --out DIR")
	}
	i := slices.IndexFunc(kitTargetTable, func(t kitTarget) bool { return t.name == *target })
	if i < 0 {
		var names []string
		for _, t := range kitTargetTable {
			names = append(names, t.name)
		}
		return usageError(CodeBadFlagValue, "unknown target %q: use %s", *target, strings.Join(names, ", "))
	}
	files, blocks, err := kitTargetTable[i].render(a)
	if err != nil {
		return err
	}
	switch {
	case a.checkDir != "":
		return kitCheck(a.checkDir, files, out, a.errOut)
	case a.outDir != "":
		written, err := kit.Write(a.outDir, files)
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
	for i, f := range files {
		if i > 0 {
			fmt.Fprintln(out)
		}
		if slices.Contains(blocks, f.Path) {
			fmt.Fprintf(out, "==> %s (a block to merge into the file, or the whole file when there is none) <==\n", f.Path)
		} else {
			fmt.Fprintf(out, "==> %s <==\n", f.Path)
		}
		if _, err := out.Write(f.Content); err != nil {
			return ioError(err)
		}
	}
	return nil
}

// renderKitInfra renders the infrastructure repository's workflow and Taskfile.
func renderKitInfra(a *kitArgs) ([]kit.File, []string, error) {
	if a.appFlags() {
		return nil, nil, usageError(CodeConflictingFlags, "--target infra renders the infrastructure repository's workflow and Taskfile; it takes no --role, --tool, --repository, --environment, --app-repo, --domain-owner, --merge or --claim")
	}
	files, err := kit.RenderInfra(kit.InfraRequest{})
	if err != nil {
		return nil, nil, usageError(CodeBadFlagValue, "%v", err)
	}
	return files, nil, nil
}

// renderKitDependabot renders .github/dependabot.yml (renderDependabot).
func renderKitDependabot(a *kitArgs) ([]kit.File, []string, error) {
	if a.tool != "" || a.repository != "" || a.environment != "" || len(a.claims) > 0 || len(a.roles) > 1 || a.merge {
		return nil, nil, usageError(CodeConflictingFlags, "--target dependabot takes one --role, and no --tool, --repository, --environment, --merge or --claim")
	}
	files, err := renderDependabot(a.specs, a.roles, a.appRepo, a.domainOwner, a.errOut)
	return files, nil, err
}

// renderKitApp renders the kit of an application repository from the spec, merged with
// the files under --out or --check.
func renderKitApp(a *kitArgs) ([]kit.File, []string, error) {
	l, err := loadOne(a.specs, a.errOut)
	if err != nil {
		return nil, nil, err
	}
	k, err := kit.Render(l.Model, kit.Request{
		Roles: a.roles, Tool: a.tool, Repository: a.repository, Environment: a.environment,
		AppRepo: a.appRepo, DomainOwner: a.domainOwner, Claims: a.claims,
	})
	var refused *kit.RefusedError
	var usage *kit.UsageError
	switch {
	case errors.As(err, &refused):
		return nil, nil, exitWith(ExitSpec, refused.Code, "refused: %v", err)
	case errors.As(err, &usage):
		return nil, nil, usageError(usage.Code, "%v", err)
	case err != nil:
		return nil, nil, usageError(CodeBadFlagValue, "%v", err)
	}
	files := k.Files
	if dir := a.outDir + a.checkDir; dir != "" {
		if files, err = kit.Prepare(dir, k, a.merge); err != nil {
			return nil, nil, kitPrepareError(err, a.out)
		}
	}
	return files, k.Blocks, nil
}

// kitPrepareError prints the patches of a *kit.HandWrittenError on out and returns the
// refusal (exit 1, KIT012); any other error is an I/O error.
func kitPrepareError(err error, out io.Writer) error {
	var hand *kit.HandWrittenError
	if !errors.As(err, &hand) {
		return ioError(err)
	}
	mergeable := true
	for _, p := range hand.Patches {
		fmt.Fprint(out, p.Diff)
		mergeable = mergeable && p.Merge
	}
	fix := "Apply the patches above by hand (the kit never rewrites a hand-written file)"
	if mergeable {
		fix = "Run again with --merge to append the kit's marked block (no line of yours changes; later runs update only the block), or apply the patches above by hand"
	}
	return exitWith(ExitSpec, kit.CodeHandWritten, "refused: %v\n%s, then run again.", err, fix)
}

// kitCheck compares the kit's files with those under dir: exit 0 when they match, else
// each stale file, its diff and exit 3.
func kitCheck(dir string, files []kit.File, out, errOut io.Writer) error {
	changes, err := kit.Compare(dir, files)
	if err != nil {
		return ioError(err)
	}
	stale := output.Stale(changes)
	if len(stale) == 0 {
		fmt.Fprintf(out, "%s: the kit's files are up to date\n", filepath.ToSlash(dir))
		return nil
	}
	for _, c := range stale {
		fmt.Fprintf(out, "%s: %s\n", filepath.ToSlash(c.Path), c.Kind)
	}
	fmt.Fprintln(out)
	for _, c := range stale {
		fmt.Fprint(out, c.Diff())
	}
	fmt.Fprintf(errOut, "%d kit file(s) out of date; run the same kit command with --out %s and commit the result.\n", len(stale), filepath.ToSlash(dir))
	return silent(ExitStale)
}
