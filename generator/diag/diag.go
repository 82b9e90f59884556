// Package diag defines positioned diagnostics: the one way every stage of codeartifact-gen
// reports a problem with its input. A diagnostic names where (file:line:col), what is wrong
// (Summary) and how to fix it (Detail), in the manner of hashicorp/hcl's hcl.Diagnostic.
package diag

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity tells whether a diagnostic stops generation (Error) or is only reported (Warning).
type Severity int

const (
	// Error means the input cannot be rendered; no file is written.
	Error Severity = iota
	// Warning means the input renders but carries a risk the reader should know about.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a source file. Line and Col are 1-based; a zero Line means the
// position is the file as a whole.
type Pos struct {
	File string
	Line int
	Col  int
}

// String returns "file:line:col", "file" when Line is zero, or "" for the zero Pos.
func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Severity Severity
	// Code is a stable identifier for the kind of problem (for example "TRUST001");
	// it is empty for parse and schema errors.
	Code string
	// Summary says what is wrong in one line, without a trailing period.
	Summary string
	// Detail says why it matters and how to fix it, in one or more full sentences.
	Detail string
	Pos    Pos
}

// Diagnostics is a list of diagnostics. The zero value is an empty list.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sort orders diagnostics by file, line, column, then severity (errors first), code and
// summary, so that output never depends on the order in which checks ran. Exact duplicates
// are removed.
func (ds Diagnostics) Sort() Diagnostics {
	slices.SortStableFunc(ds, compare)
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool { return a == b })
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.Summary, b.Summary),
	)
}
