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

func (s *specList) String() string     { return strings.Join(*s, ",") }
func (s *specList) Set(v string) error { *s = append(*s, v); return nil }

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

// newFlags returns a flag set that prints its usage to errOut.
func newFlags(name, synopsis string, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() {
		fmt.Fprintf(errOut, "Usage: codeartifact-gen %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args. It returns nil to go on, or the error to end the command with:
// exit 0 after -h, exit 2 after a bad flag or an unexpected argument.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return silent(ExitOK)
	case err != nil:
		return silent(ExitUsage)
	case fs.NArg() > 0:
		fmt.Fprintf(fs.Output(), "codeartifact-gen %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return silent(ExitUsage)
	}
	return nil
}

// parseInterspersed parses flags placed before, between or after positional arguments,
// and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional, args = append(positional, args[0]), args[1:]
	}
}
