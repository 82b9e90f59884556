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
		{usageError("bad %s", "flag"), ExitUsage, "codeartifact-gen gen: bad flag\n"},
		{exitWith(ExitFailOn, "widened"), ExitFailOn, "codeartifact-gen gen: widened\n"},
		{fmt.Errorf("wrapped: %w", exitWith(ExitStale, "stale")), ExitStale, "codeartifact-gen gen: wrapped: stale\n"},
		{errors.New("disk full"), ExitUsage, "codeartifact-gen gen: disk full\n"},
	}
	for _, tt := range tests {
		var errOut bytes.Buffer
		if code := exitCode(&errOut, "codeartifact-gen gen", tt.err); code != tt.code || errOut.String() != tt.printed {
			t.Errorf("%v: exit %d, printed %q; want %d, %q", tt.err, code, errOut.String(), tt.code, tt.printed)
		}
	}
}
