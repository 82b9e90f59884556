package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/output"
)

// exitError ends a command with a given exit code. Its message, when there is one, is
// printed by Run after the "codeartifact-gen COMMAND:" prefix as a diagnostic with its
// code (error[CLI002]: ...) and detail, followed by tail (a command's help); an empty
// message means the command has already said what went wrong.
type exitError struct {
	code     int
	diagCode string
	msg      string
	detail   string
	tail     string
}

func (e *exitError) Error() string { return e.msg }

// exitWith returns an error that makes Run exit with code and print the formatted
// message, under the diagnostic code diagCode, after the command's prefix.
func exitWith(code int, diagCode, format string, args ...any) error {
	return &exitError{code: code, diagCode: diagCode, msg: fmt.Sprintf(format, args...)}
}

// usageError is a bad flag, argument or file: exit 2 with the message.
func usageError(diagCode, format string, args ...any) error {
	return exitWith(ExitUsage, diagCode, format, args...)
}

// silent returns an error that exits with code and prints nothing more.
func silent(code int) error { return &exitError{code: code} }

// exitCode prints err (if it has a message) after prefix on errOut and returns the exit
// code it carries: 0 for nil, the exitError's code, and ExitUsage for any other error
// (an I/O error reading or writing a file, printed with code OUT005).
func exitCode(errOut io.Writer, prefix string, err error) int {
	if err == nil {
		return ExitOK
	}
	d := diag.Diagnostic{Severity: diag.Error, Code: output.CodeWriteFailed, Summary: err.Error()}
	code, tail := ExitUsage, ""
	var e *exitError
	if errors.As(err, &e) {
		code, tail = e.code, e.tail
		d.Code, d.Detail = e.diagCode, e.detail
	}
	// A message of several lines (kit's refusals) is a summary and its explanation: the
	// summary line is printed as one line, so the rest goes with the detail.
	if summary, rest, ok := strings.Cut(d.Summary, "\n"); ok {
		d.Summary = summary
		d.Detail = strings.TrimLeft(strings.Join([]string{dedent(rest), d.Detail}, "\n"), "\n")
	}
	if d.Summary != "" {
		fmt.Fprintf(errOut, "%s: %s\n", prefix, d)
	}
	if tail != "" {
		fmt.Fprintf(errOut, "\n%s", tail)
	}
	return code
}

// dedent removes the indentation that every non-empty line of s shares, so that a message
// indented for its own layout lines up under a diagnostic's detail.
func dedent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			lines[i] = l[common:]
		}
	}
	return strings.Join(lines, "\n")
}
