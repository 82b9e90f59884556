package tofuverify

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
)

// Diagnostic is one OpenTofu diagnostic. File is the path of the source
// file (not of the temporary copy) when OpenTofu reported a range, else "".
type Diagnostic struct {
	Severity string // "error" or "warning"
	Summary  string
	Detail   string
	File     string
	Line     int
	Column   int
}

// String formats d as `file:line:col: severity: summary: detail`, leaving
// out the position when there is none. A multi-line detail (a diff, say)
// starts on its own line, indented.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		fmt.Fprintf(&b, "%s:%d:%d: ", d.File, d.Line, d.Column)
	}
	fmt.Fprintf(&b, "%s: %s", d.Severity, d.Summary)
	switch detail := strings.TrimSpace(d.Detail); {
	case strings.Contains(detail, "\n"):
		b.WriteString(":\n    ")
		b.WriteString(strings.ReplaceAll(detail, "\n", "\n    "))
	case detail != "":
		b.WriteString(": ")
		b.WriteString(detail)
	}
	return b.String()
}

// Error is a failed verification step of one directory.
type Error struct {
	Dir         string       // the source directory
	Step        string       // "fmt", "validate", "plan", "show" or StepWarnings
	Diagnostics []Diagnostic // what OpenTofu reported, positions mapped back
	Output      string       // raw output, when no diagnostic could be parsed
}

// Error lists every diagnostic on its own line.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "tofu %s failed for %s", e.Step, e.Dir)
	for _, d := range e.Diagnostics {
		b.WriteString("\n  ")
		b.WriteString(d.String())
	}
	if len(e.Diagnostics) == 0 && e.Output != "" {
		b.WriteString(":\n")
		b.WriteString(strings.TrimSpace(e.Output))
	}
	return b.String()
}

// devOverridesSummary is the warning every run with dev_overrides prints.
const devOverridesSummary = "Provider development overrides are in effect"

// jsonDiagnostic is OpenTofu's machine-readable diagnostic.
type jsonDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Range    *struct {
		Filename string `json:"filename"`
		Start    struct {
			Line   int `json:"line"`
			Column int `json:"column"`
		} `json:"start"`
	} `json:"range"`
}

// pathMapper maps file names in the work directory back to the source.
type pathMapper struct{ workDir, srcDir string }

func (m pathMapper) source(name string) string {
	if name == "" {
		return ""
	}
	if filepath.IsAbs(name) {
		rel, err := filepath.Rel(m.workDir, name)
		if err != nil || strings.HasPrefix(rel, "..") {
			return name
		}
		name = rel
	}
	return filepath.Join(m.srcDir, name)
}

func (m pathMapper) convert(jd jsonDiagnostic) Diagnostic {
	d := Diagnostic{Severity: jd.Severity, Summary: jd.Summary, Detail: jd.Detail}
	if jd.Range != nil {
		d.File = m.source(jd.Range.Filename)
		d.Line, d.Column = jd.Range.Start.Line, jd.Range.Start.Column
	}
	return d
}

// parseValidate decodes `tofu validate -json` output, dropping the
// dev_overrides warning.
func (m pathMapper) parseValidate(out []byte) ([]Diagnostic, error) {
	var doc struct {
		Valid       bool             `json:"valid"`
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		return nil, fmt.Errorf("decode validate -json output: %w", err)
	}
	return m.convertAll(doc.Diagnostics), nil
}

// parsePlanLog decodes the diagnostics of `tofu plan -json` output: one
// JSON message per line, diagnostics having type "diagnostic".
func (m pathMapper) parsePlanLog(out []byte) []Diagnostic {
	var jds []jsonDiagnostic
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		var msg struct {
			Type       string          `json:"type"`
			Diagnostic *jsonDiagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &msg) == nil && msg.Type == "diagnostic" && msg.Diagnostic != nil {
			jds = append(jds, *msg.Diagnostic)
		}
	}
	return m.convertAll(jds)
}

func (m pathMapper) convertAll(jds []jsonDiagnostic) []Diagnostic {
	var out []Diagnostic
	for _, jd := range jds {
		if jd.Severity == "warning" && jd.Summary == devOverridesSummary {
			continue
		}
		out = append(out, m.convert(jd))
	}
	return out
}

// splitSeverity separates errors from warnings.
func splitSeverity(ds []Diagnostic) (errs, warns []Diagnostic) {
	for _, d := range ds {
		if d.Severity == "error" {
			errs = append(errs, d)
		} else {
			warns = append(warns, d)
		}
	}
	return errs, warns
}
