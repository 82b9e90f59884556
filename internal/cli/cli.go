// Package cli implements the codeartifact-gen commands: flags, exit codes and printing on
// top of the generator packages. Run is the whole program; cmd/codeartifact-gen only calls it.
//
// Every command returns an error; Run turns it into the exit code (see exitCode) and is
// the one place that prefixes a message with "codeartifact-gen COMMAND:".
package cli

import (
	"fmt"
	"io"
	"strings"
)

// Exit codes, mirroring `terraform fmt -check` and buf: "your input is wrong" is distinct
// from "we failed".
const (
	ExitOK     = 0 // success
	ExitSpec   = 1 // a spec has errors
	ExitUsage  = 2 // bad flags, unreadable files, refused writes
	ExitStale  = 3 // check found changed, missing or orphaned output
	ExitFailOn = 4 // a gate failed: diff --fail-on, simulate --expect
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(args []string, out, errOut io.Writer) error
}

func commands() []command {
	return []command{
		{"gen", "render specs into Terraform files (default: every specs/*.yaml into out/<name>/)", runGen},
		{"check", "exit 3, with a diff, when the files on disk differ from what the specs render", runCheck},
		{"validate", "report every problem in the specs without writing anything", runValidate},
		{"explain", "say who can assume each role and what it can do (text, markdown or json)", runExplain},
		{"simulate", "evaluate every role's trust policy against a GitHub token", runSimulate},
		{"diff", "say what a spec change means: destroyed repositories, widened trust, permissions", runDiff},
		{"import", "write a spec from hand-written Terraform, moving its resources instead of replacing them", runImport},
		{"kit", "render workflows, Taskfile tasks and tool configuration for an application repository", runKit},
		{"schema", "print the JSON Schema of the spec (draft-07, for editors)", runSchema},
		{"completion", "print a shell completion script: completion bash|zsh|fish", runCompletion},
		{"version", "print the version, VCS revision and Go version this binary was built from", runVersion},
	}
}

// Run runs the command line args (without the program name) and returns the exit code.
// Help asked for (-h, --help, help [COMMAND]) goes to stdout with exit 0; everything for
// people that is not the command's result goes to stderr.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "--help":
		usage(stdout)
		return ExitOK
	case "--version":
		name = "version"
	case "help":
		if len(rest) == 0 {
			usage(stdout)
			return ExitOK
		}
		name, rest = rest[0], []string{"-h"}
	}
	if c, ok := lookup(name); ok {
		return exitCode(stderr, "codeartifact-gen "+c.name, c.run(rest, stdout, stderr))
	}
	var b strings.Builder
	usage(&b)
	kind := "command"
	if strings.HasPrefix(name, "-") {
		kind = "flag" // a flag before the command
	}
	return exitCode(stderr, "codeartifact-gen", &exitError{code: ExitUsage, diagCode: CodeUnknownCommand,
		msg: fmt.Sprintf("unknown %s %q", kind, name), detail: didYouMean(name, commandNames(), ""), tail: b.String()})
}

// lookup returns the command called name.
func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: codeartifact-gen COMMAND [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run codeartifact-gen help COMMAND (or COMMAND -h) for the flags of a command.")
	fmt.Fprintln(w, "Exit codes: 0 fine, 1 spec errors (or a refused kit), 2 usage or I/O error, 3 output out of date,")
	fmt.Fprintln(w, "4 a gate failed: diff found a change named by --fail-on, or simulate's verdict is not --expect.")
}
