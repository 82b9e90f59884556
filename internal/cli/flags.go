package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// specList is a repeatable --spec flag.
type specList []string

func (s *specList) String() string { return strings.Join(*s, ",") }
func (s *specList) Set(v string) error {
	if v == "" {
		return errors.New("the spec file name is empty")
	}
	*s = append(*s, v)
	return nil
}

// claimList is a repeatable --claim key=value flag.
type claimList map[string]string

func (c claimList) String() string { return fmt.Sprint(map[string]string(c)) }
func (c claimList) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" {
		return fmt.Errorf("want key=value, got %q", v)
	}
	c[k] = val
	return nil
}

// flagSet is a command's flags. It prints nothing while parsing: parse turns -h into the
// command's help on standard output (exit 0) and a bad flag into a CLI usage error with a
// suggestion and the help on standard error (exit 2).
type flagSet struct {
	*flag.FlagSet
	synopsis string
	out      io.Writer
}

// probeArg, as the only argument, makes parse return the flag set itself (as a
// *probeError) before the command does anything: completion reads every command's flags
// this way. A NUL byte cannot occur in a command-line argument, so no user can pass it.
const probeArg = "\x00flags"

// probeError carries a command's flag set out of the command; see probeArg.
type probeError struct{ fs *flagSet }

func (*probeError) Error() string { return "flag probe" }

// newFlags returns the flag set of command name; synopsis follows "codeartifact-gen
// NAME" in the help. out is where -h prints the help.
func newFlags(name, synopsis string, out io.Writer) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), synopsis: synopsis, out: out}
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// help returns the command's help: usage line and flags.
func (fs *flagSet) help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: codeartifact-gen %s %s\n\nFlags:\n", fs.Name(), fs.synopsis)
	fs.VisitAll(func(f *flag.Flag) {
		value, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(&b, "  --%s", f.Name)
		if value != "" {
			fmt.Fprintf(&b, " %s", strings.ToUpper(value))
		}
		fmt.Fprintf(&b, "\n        %s", usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "map[]" {
			fmt.Fprintf(&b, " (default %q)", f.DefValue)
		}
		b.WriteString("\n")
	})
	b.WriteString("  -h, --help\n        print this help\n")
	return b.String()
}

// parseFlags parses args, which must hold flags only. It returns nil to go on, or the
// error to end the command with: exit 0 after -h, exit 2 after a bad flag or an
// unexpected argument.
func parseFlags(fs *flagSet, args []string) error {
	positional, err := parseArgs(fs, args)
	if err == nil && len(positional) > 0 {
		return usageHelp(fs, CodeUnexpectedArgument, fmt.Sprintf("unexpected argument %q", positional[0]), "")
	}
	return err
}

// parseArgs parses flags placed before, between or after positional arguments, and
// returns the positional ones. "--" ends the flags. Errors are as for parseFlags.
func parseArgs(fs *flagSet, args []string) ([]string, error) {
	if len(args) == 1 && args[0] == probeArg {
		return nil, &probeError{fs}
	}
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(fs.out, fs.help())
			return nil, silent(ExitOK)
		}
		if err != nil {
			return nil, fs.parseError(err)
		}
		if n := len(args) - fs.NArg(); n > 0 && args[n-1] == "--" {
			return append(positional, fs.Args()...), nil
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional, args = append(positional, args[0]), args[1:]
	}
}

// parseError turns an error of the flag package into a usage error with a code, a
// suggestion for a misspelt flag, and the help.
func (fs *flagSet) parseError(err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		return usageHelp(fs, CodeUnknownFlag, fmt.Sprintf("unknown flag --%s", name), didYouMean(name, names, "--"))
	}
	// "invalid value ... for flag -x: ...", "flag needs an argument: -x", "bad flag syntax".
	msg = strings.ReplaceAll(msg, "flag -", "flag --")
	msg = strings.ReplaceAll(msg, "argument: -", "argument: --")
	return usageHelp(fs, CodeBadFlagValue, msg, "")
}

// usageHelp is a usage error followed by the command's help.
func usageHelp(fs *flagSet, code, summary, detail string) error {
	return &exitError{code: ExitUsage, diagCode: code, msg: summary, detail: detail, tail: fs.help()}
}
