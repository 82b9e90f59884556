package cli

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// TestExitCode checks the one mapping from a command's error to the exit code and the
// one place that prefixes messages.
func TestExitCode(t *testing.T) {
	tests := []struct {
		err     error
		code    int
		printed string
	}{
		{nil, ExitOK, ""},
		{silent(ExitOK), ExitOK, ""},
		{silent(ExitSpec), ExitSpec, ""},
		{usageError(CodeBadFlagValue, "bad %s", "flag"), ExitUsage, "codeartifact-gen gen: error[CLI003]: bad flag\n"},
		{exitWith(ExitFailOn, CodeFailOn, "widened"), ExitFailOn, "codeartifact-gen gen: error[CLI009]: widened\n"},
		{fmt.Errorf("wrapped: %w", exitWith(ExitStale, CodeFailOn, "stale")), ExitStale, "codeartifact-gen gen: error[CLI009]: wrapped: stale\n"},
		{errors.New("disk full"), ExitUsage, "codeartifact-gen gen: error[OUT005]: disk full\n"},
		{&exitError{code: ExitUsage, diagCode: CodeUnknownFlag, msg: "unknown flag --spek", detail: "Did you mean --spec?", tail: "Usage: x\n"}, ExitUsage,
			"codeartifact-gen gen: error[CLI002]: unknown flag --spek\n    Did you mean --spec?\n\nUsage: x\n"},
	}
	for _, tt := range tests {
		var errOut bytes.Buffer
		if code := exitCode(&errOut, "codeartifact-gen gen", tt.err); code != tt.code || errOut.String() != tt.printed {
			t.Errorf("%v: exit %d, printed %q; want %d, %q", tt.err, code, errOut.String(), tt.code, tt.printed)
		}
	}
}
