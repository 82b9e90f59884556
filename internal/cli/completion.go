package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/ontopix/codeartifact-gen/generator/kit"
)

// shells are the shells completion writes a script for.
var shells = []string{"bash", "zsh", "fish"}

func runCompletion(args []string, out, errOut io.Writer) error {
	fs := newFlags("completion", "bash|zsh|fish\n\nPrints a completion script. Load it with, for example:\n"+
		"  bash: source <(codeartifact-gen completion bash)   (or save it under /etc/bash_completion.d/)\n"+
		"  zsh:  codeartifact-gen completion zsh > \"${fpath[1]}/_codeartifact-gen\"\n"+
		"  fish: codeartifact-gen completion fish > ~/.config/fish/completions/codeartifact-gen.fish", out)
	positional, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usageHelp(fs, CodeUnexpectedArgument, "name one shell: bash, zsh or fish", "")
	}
	cmds := completionData()
	var script string
	switch positional[0] {
	case "bash":
		script = bashCompletion(cmds)
	case "zsh":
		script = zshCompletion(cmds)
	case "fish":
		script = fishCompletion(cmds)
	default:
		return usageHelp(fs, CodeBadFlagValue, fmt.Sprintf("unknown shell %q", positional[0]), didYouMean(positional[0], shells, ""))
	}
	if _, err := io.WriteString(out, script); err != nil {
		return ioError(err)
	}
	return nil
}

// complFlag is one flag as completion sees it.
type complFlag struct {
	name, usage string
	value       string   // "" (a boolean flag), "file", "dir" or "word"
	choices     []string // the values to offer, when known
}

// complCommand is one command as completion sees it.
type complCommand struct {
	name, summary string
	flags         []complFlag
	args          string   // positional arguments: "", "file" or "word"
	choices       []string // positional values to offer
}

// flagChoices are the values completion offers for a flag, by "command.flag" or, for
// every command, by "flag".
var flagChoices = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"gen.format":      {"text", "json", "github-actions", "github"},
		"check.format":    {"text", "json", "github-actions", "github"},
		"validate.format": {"text", "json", "github-actions", "github"},
		"explain.format":  {"text", "markdown", "json"},
		"simulate.format": {"text", "json"},
		"simulate.expect": {"allow", "deny"},
		"simulate.event":  {"pull_request", "push", "workflow_dispatch", "release"},
		"diff.format":     {"text", "markdown", "json", "github-actions", "github"},
		"diff.fail-on":    {"widened", "destructive", "widened,destructive"},
		"kit.target":      {"app", "infra", "dependabot"},
		"kit.tool":        kit.Tools(),
	}
})

// flagFiles names the flags whose value is a file or a directory, by "flag" for every
// command or by "command.flag" for one.
var flagFiles = sync.OnceValue(func() map[string]string {
	return map[string]string{"spec": "file", "out": "dir", "cloudtrail": "file", "check": "dir",
		"import.out": "file", "import.var-file": "file", "import.state": "file"}
})

// probeFlags returns the flag set of c by running it with probeArg (see parseArgs), or nil
// when c does not define its flags with newFlags and parse them first.
func probeFlags(c command) *flagSet {
	var probe *probeError
	if err := c.run([]string{probeArg}, io.Discard, io.Discard); errors.As(err, &probe) {
		return probe.fs
	}
	return nil
}

// completionData reads every command's flags with probeFlags, so that completion never
// falls behind the commands.
func completionData() []complCommand {
	var cmds []complCommand
	for _, c := range commands() {
		cc := complCommand{name: c.name, summary: c.summary}
		fs := probeFlags(c)
		if fs == nil {
			cmds = append(cmds, cc) // a command without flags (TestEveryCommandAnswersTheProbe)
			continue
		}
		fs.VisitAll(func(f *flag.Flag) {
			cf := complFlag{name: f.Name, usage: firstClause(f.Usage), value: "word"}
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				cf.value = ""
			}
			if kind, ok := flagFiles()[f.Name]; ok {
				cf.value = kind
			}
			if kind, ok := flagFiles()[c.name+"."+f.Name]; ok {
				cf.value = kind
			}
			cf.choices = flagChoices()[c.name+"."+f.Name]
			cc.flags = append(cc.flags, cf)
		})
		switch c.name {
		case "diff":
			cc.args = "file"
		case "completion":
			cc.args, cc.choices = "word", shells
		}
		cmds = append(cmds, cc)
	}
	return cmds
}

// firstClause returns a flag's usage up to the first parenthesis, colon or semicolon,
// with the backquotes of flag's value names removed: a short description for menus.
func firstClause(s string) string {
	s = strings.ReplaceAll(s, "`", "")
	if i := strings.IndexAny(s, "(:;"); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func names(cmds []complCommand) string {
	var ns []string
	for _, c := range cmds {
		ns = append(ns, c.name)
	}
	return strings.Join(append(ns, "help"), " ")
}

// bashCompletion returns a script for bash's programmable completion (complete -F).
func bashCompletion(cmds []complCommand) string {
	var b strings.Builder
	b.WriteString(`# bash completion for codeartifact-gen; generated by "codeartifact-gen completion bash".
# Load it with: source <(codeartifact-gen completion bash)
_codeartifact_gen() {
    local cur prev cmd flags
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    cmd="${COMP_WORDS[1]}"
    COMPREPLY=()
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "` + names(cmds) + ` --help" -- "$cur"))
        return 0
    fi
    if [[ $cmd == help ]]; then
        [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W "` + names(cmds) + `" -- "$cur"))
        return 0
    fi
    case "$cmd:$prev" in
`)
	for _, c := range cmds {
		for _, f := range c.flags {
			pattern := fmt.Sprintf("        %s:--%s|%s:-%s)", c.name, f.name, c.name, f.name)
			switch {
			case f.value == "file":
				fmt.Fprintf(&b, "%s compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\")); return 0 ;;\n", pattern)
			case f.value == "dir":
				fmt.Fprintf(&b, "%s compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\")); return 0 ;;\n", pattern)
			case len(f.choices) > 0:
				fmt.Fprintf(&b, "%s COMPREPLY=($(compgen -W %q -- \"$cur\")); return 0 ;;\n", pattern, strings.Join(f.choices, " "))
			case f.value == "word":
				fmt.Fprintf(&b, "%s return 0 ;;\n", pattern)
			}
		}
	}
	b.WriteString("    esac\n    case \"$cmd\" in\n")
	for _, c := range cmds {
		var fl []string
		for _, f := range c.flags {
			fl = append(fl, "--"+f.name)
		}
		fmt.Fprintf(&b, "        %s) flags=%q ;;\n", c.name, strings.Join(append(fl, "--help"), " "))
	}
	b.WriteString(`        *) return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
        return 0
    fi
    case "$cmd" in
`)
	for _, c := range cmds {
		switch {
		case len(c.choices) > 0:
			fmt.Fprintf(&b, "        %s) [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W %q -- \"$cur\")) ;;\n", c.name, strings.Join(c.choices, " "))
		case c.args == "file":
			fmt.Fprintf(&b, "        %s) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n", c.name)
		}
	}
	b.WriteString("    esac\n    return 0\n}\ncomplete -F _codeartifact_gen codeartifact-gen\n")
	return b.String()
}

// zshQuote escapes a description for an _arguments spec inside single quotes.
func zshQuote(s string) string {
	return strings.NewReplacer("'", `'\''`, "[", `\[`, "]", `\]`, ":", `\:`).Replace(s)
}

// zshCompletion returns a completion function for zsh's compsys (#compdef).
func zshCompletion(cmds []complCommand) string {
	var b strings.Builder
	b.WriteString(`#compdef codeartifact-gen
# zsh completion for codeartifact-gen; generated by "codeartifact-gen completion zsh".
# Save it as _codeartifact-gen in a directory of $fpath, or source it after compinit.
_codeartifact_gen() {
    local -a commands
    commands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "        '%s:%s'\n", c.name, zshQuote(c.summary))
	}
	b.WriteString(`        'help:print the help of a command'
    )
    if (( CURRENT == 2 )); then
        _describe -t commands 'codeartifact-gen command' commands
        return
    fi
    local cmd=${words[2]}
    shift words
    (( CURRENT-- ))
    case $cmd in
        help)
            _describe -t commands 'command' commands ;;
`)
	for _, c := range cmds {
		fmt.Fprintf(&b, "        %s)\n            _arguments -s \\\n", c.name)
		for _, f := range c.flags {
			action := ""
			switch {
			case f.value == "file":
				action = ":file:_files"
			case f.value == "dir":
				action = ":directory:_files -/"
			case len(f.choices) > 0:
				action = ":" + f.name + ":(" + strings.Join(f.choices, " ") + ")"
			case f.value == "word":
				action = ":" + f.name + ": "
			}
			repeat := ""
			if f.name == "spec" || f.name == "role" || f.name == "claim" {
				repeat = "*"
			}
			fmt.Fprintf(&b, "                '%s--%s[%s]%s' \\\n", repeat, f.name, zshQuote(f.usage), action)
		}
		b.WriteString("                '(- *)'{-h,--help}'[print the help]'")
		switch {
		case len(c.choices) > 0:
			fmt.Fprintf(&b, " \\\n                '1:shell:(%s)'", strings.Join(c.choices, " "))
		case c.args == "file":
			b.WriteString(" \\\n                '*:spec file:_files'")
		}
		b.WriteString(" ;;\n")
	}
	b.WriteString(`    esac
}
if [[ "${funcstack[1]}" == _codeartifact_gen ]]; then
    _codeartifact_gen "$@"
else
    compdef _codeartifact_gen codeartifact-gen
fi
`)
	return b.String()
}

// fishQuote quotes s for fish inside single quotes.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// fishCompletion returns complete commands for fish.
func fishCompletion(cmds []complCommand) string {
	var b strings.Builder
	b.WriteString("# fish completion for codeartifact-gen; generated by \"codeartifact-gen completion fish\".\n")
	b.WriteString("# Save it as ~/.config/fish/completions/codeartifact-gen.fish\n")
	b.WriteString("complete -c codeartifact-gen -f\n")
	all := strings.Fields(names(cmds))
	for _, c := range cmds {
		fmt.Fprintf(&b, "complete -c codeartifact-gen -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	b.WriteString("complete -c codeartifact-gen -n __fish_use_subcommand -a help -d 'print the help of a command'\n")
	fmt.Fprintf(&b, "complete -c codeartifact-gen -n '__fish_seen_subcommand_from help' -a %s\n", fishQuote(strings.Join(all[:len(all)-1], " ")))
	for _, c := range cmds {
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		for _, f := range c.flags {
			fmt.Fprintf(&b, "complete -c codeartifact-gen -n %s -l %s", cond, f.name)
			switch {
			case f.value == "file":
				b.WriteString(" -r -F")
			case f.value == "dir":
				b.WriteString(" -x -a '(__fish_complete_directories)'")
			case len(f.choices) > 0:
				fmt.Fprintf(&b, " -x -a %s", fishQuote(strings.Join(f.choices, " ")))
			case f.value == "word":
				b.WriteString(" -x")
			}
			fmt.Fprintf(&b, " -d %s\n", fishQuote(f.usage))
		}
		fmt.Fprintf(&b, "complete -c codeartifact-gen -n %s -s h -l help -d 'print the help'\n", cond)
		switch {
		case len(c.choices) > 0:
			fmt.Fprintf(&b, "complete -c codeartifact-gen -n %s -a %s\n", cond, fishQuote(strings.Join(c.choices, " ")))
		case c.args == "file":
			fmt.Fprintf(&b, "complete -c codeartifact-gen -n %s -F\n", cond)
		}
	}
	return b.String()
}
