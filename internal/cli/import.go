package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/importer"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

// importFamily is the family of the specs import writes: it overwrites only a spec that
// still starts with its header, never one written by hand (or taken over by deleting the
// header).
var importFamily = output.Family{
	Tool:   "codeartifact-gen import",
	Header: importer.HeaderPrefix,
	Fix:    "Give another --out, or move the file away.",
}

// runImport reads a hand-written Terraform root and writes the spec that renders the same
// resources at addresses moved from theirs (the spec's adopt section). Findings about
// what the render changes (widened or narrowed access, resources the spec cannot hold) go
// to standard error as warnings; an error (the configuration cannot be evaluated, the
// spec built does not validate) writes nothing and exits 1.
func runImport(args []string, out, errOut io.Writer) error {
	var varFiles specList
	fs := newFlags("import", "DIR --out SPEC [--var-file FILE]... [--state FILE]", out)
	outPath := fs.String("out", "", "the spec `file` to write (refused when it exists and import did not write it)")
	statePath := fs.String("state", "", "the configuration's state as `file` (terraform state pull, or terraform show -json): resources it lacks are adopted with import blocks")
	fs.Var(&varFiles, "var-file", "a Terraform variables `file` the configuration is applied with (repeatable; terraform.tfvars and *.auto.tfvars of DIR are read first)")
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usageHelp(fs, CodeUnexpectedArgument, "import takes one directory, the Terraform root to import", "")
	}
	if *outPath == "" {
		return usageHelp(fs, CodeBadFlagValue, "--out is required: the spec file to write", "")
	}
	dir := positional[0]
	opts := importer.Options{VarFiles: varFiles}
	if *statePath != "" {
		data, err := os.ReadFile(*statePath)
		if err != nil {
			return usageError(CodeBadFlagValue, "--state: %v", err)
		}
		if opts.State, err = importer.StateAddresses(data); err != nil {
			return usageError(CodeBadFlagValue, "--state %s: %v", *statePath, err)
		}
	}
	res, ds := importer.Import(dir, opts)
	if res == nil {
		diag.Write(errOut, diag.Text, ds)
		return silent(ExitSpec)
	}
	spec := res.Spec.YAML(filepath.ToSlash(dir))
	_, problems := generator.Generate(filepath.ToSlash(*outPath), spec)
	if problems.HasErrors() {
		diag.Write(errOut, diag.Text, res.Findings)
		diag.Write(errOut, diag.Text, problems)
		return exitWith(ExitSpec, "IMPORT026", "the spec built from %s does not validate; nothing written", dir)
	}
	diag.Write(errOut, diag.Text, res.Findings)
	written, err := importFamily.Write(filepath.Dir(*outPath), []output.File{{Path: filepath.Base(*outPath), Content: spec}})
	if err != nil {
		return exitWith(ExitUsage, output.CodeForeignFile, "%v", err)
	}
	verb := "unchanged"
	if written[0].Changed {
		verb = "wrote"
	}
	fmt.Fprintf(out, "%s %s\n", verb, filepath.ToSlash(*outPath))
	// The spec's own warnings (the lint's, on the rules import wrote), now that the file
	// they point into exists.
	diag.Write(errOut, diag.Text, problems)
	return nil
}
