package cli

import (
	"errors"
	"fmt"
	"io"
)

// exitError ends a command with a given exit code. Its message, when there is one, is
// printed by Run after the "codeartifact-gen COMMAND:" prefix; an empty message means
// the command has already said what went wrong (diagnostics, a usage text).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// exitWith returns an error that makes Run exit with code and print the formatted
// message after the command's prefix.
func exitWith(code int, format string, args ...any) error {
	return &exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

// usageError is a bad flag, argument or file: exit 2 with the message.
func usageError(format string, args ...any) error {
	return exitWith(ExitUsage, format, args...)
}

// silent returns an error that exits with code and prints nothing more.
func silent(code int) error { return &exitError{code: code} }

// exitCode prints err (if it has a message) after prefix on errOut and returns the exit
// code it carries: 0 for nil, the exitError's code, and ExitUsage for any other error
// (an I/O error reading or writing a file).
func exitCode(errOut io.Writer, prefix string, err error) int {
	if err == nil {
		return ExitOK
	}
	code := ExitUsage
	var e *exitError
	if errors.As(err, &e) {
		code = e.code
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintf(errOut, "%s: %s\n", prefix, msg)
	}
	return code
}
