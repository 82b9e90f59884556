package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/printable"
)

// Format names an output format for diagnostics.
type Format string

const (
	// Text prints "file:line:col: severity[CODE]: summary" and an indented detail, for people.
	Text Format = "text"
	// JSON prints one JSON array of objects, for tools.
	JSON Format = "json"
	// GitHub prints GitHub Actions workflow commands (::error file=...,line=...,col=...::),
	// which GitHub shows as annotations on the pull request's lines. Its name on the
	// command line is github-actions (the name linters use), or github.
	GitHub Format = "github"
)

// GitHubActionsName is the conventional command-line name of the GitHub format; "github"
// is kept as an alias.
const GitHubActionsName = "github-actions"

// ParseFormat returns the Format named by s (text, json, github-actions or its alias
// github), or an error listing the allowed names.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, JSON, GitHub:
		return f, nil
	case GitHubActionsName:
		return GitHub, nil
	}
	return "", fmt.Errorf("unknown format %q: use text, json or github-actions (alias github)", s)
}

// Write prints ds to w in format f, at most MaxPerFile per file (see Capped). It writes
// nothing for an empty list except in JSON, which prints "[]".
func Write(w io.Writer, f Format, ds Diagnostics) error {
	ds = Capped(ds, MaxPerFile)
	switch f {
	case JSON:
		return writeJSON(w, ds)
	case GitHub:
		return writeGitHub(w, ds)
	default:
		return writeText(w, ds)
	}
}

// String returns the text form of d: its first line and the indented detail.
func (d Diagnostic) String() string {
	var b strings.Builder
	if p := printable.Line(d.Pos.String()); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	if d.Code != "" {
		fmt.Fprintf(&b, "[%s]", d.Code)
	}
	b.WriteString(": ")
	b.WriteString(PrintableLine(d.Summary))
	for _, line := range strings.Split(Printable(d.Detail), "\n") {
		if line != "" {
			b.WriteString("\n    ")
			b.WriteString(line)
		}
	}
	return b.String()
}

func writeText(w io.Writer, ds Diagnostics) error {
	for _, d := range ds {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

type jsonDiagnostic struct {
	Severity string `json:"severity"`
	Code     string `json:"code,omitempty"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
}

func writeJSON(w io.Writer, ds Diagnostics) error {
	out := make([]jsonDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, jsonDiagnostic{
			Severity: d.Severity.String(), Code: d.Code, Summary: d.Summary, Detail: d.Detail,
			File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeGitHub prints workflow commands as documented in GitHub's "Workflow commands for
// GitHub Actions": ::error file={name},line={line},col={col},title={title}::{message}.
// Property values escape %, CR, LF, ':' and ','; the message escapes %, CR and LF.
func writeGitHub(w io.Writer, ds Diagnostics) error {
	for _, d := range ds {
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+EscapeProperty(printable.Line(d.Pos.File)))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
			if d.Pos.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
			}
		}
		title := "codeartifact-gen"
		if d.Code != "" {
			title += " " + d.Code
		}
		props = append(props, "title="+EscapeProperty(title))
		msg := PrintableLine(d.Summary)
		if d.Detail != "" {
			msg += "\n" + Printable(d.Detail)
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), EscapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// EscapeData escapes the message of a GitHub workflow command: %, CR and LF.
func EscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeProperty escapes a property value of a GitHub workflow command: %, CR, LF, ':'
// and ','.
func EscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Printable returns s with every hidden character but the line feed (the policy of
// package printable: control characters, zero-width and bidirectional format characters)
// written as \uXXXX. Names from a spec reach the terminal and pull-request annotations
// through diagnostics; escaping keeps a name from forging a diagnostic line, sending
// terminal escape sequences, or reordering the text a reviewer reads.
func Printable(s string) string { return printable.Text(s) }

// PrintableLine is Printable for one line: line feeds are escaped too.
func PrintableLine(s string) string { return printable.Line(s) }
