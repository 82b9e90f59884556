package simulate

import (
	"fmt"
	"io"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/printable"
)

// WriteTrailText prints the explanation of every record for people: per record, where it
// is, the role, what CloudTrail recorded of the token, AWS's outcome, the spec's verdict,
// the rule, each finding with its fix, and what could not be checked. Every value from the
// file or the spec is printed with its hidden characters escaped (printable.Line), so a
// crafted record cannot forge or hide a line.
func WriteTrailText(w io.Writer, t Trail) error {
	var b strings.Builder
	line := func(label, format string, args ...any) {
		fmt.Fprintf(&b, "  %-12s %s\n", label, printable.Line(fmt.Sprintf(format, args...)))
	}
	fmt.Fprintf(&b, "%s: %d AssumeRoleWithWebIdentity record(s) among %d event(s) (%s)\n",
		printable.Line(t.File), len(t.Records), t.Events, t.Shape)
	b.WriteString("CloudTrail records the token's sub, aud and issuer only; the subject shows its repository and\n" +
		"ref or environment. Conditions on other claims are listed under Not checked.\n")
	for i, e := range t.Records {
		fmt.Fprintf(&b, "\nRecord %d at %s", i+1, printable.Line(e.Position))
		if e.EventTime != "" {
			fmt.Fprintf(&b, ", %s", printable.Line(e.EventTime))
		}
		if e.EventID != "" {
			fmt.Fprintf(&b, ", event %s", printable.Line(e.EventID))
		}
		b.WriteString("\n")
		if e.Role != "" {
			line("Role:", "%s (role %s of the spec)", e.RoleARN, e.Role)
		} else {
			line("Role:", "%s", e.RoleARN)
		}
		for j, c := range e.Token {
			label := ""
			if j == 0 {
				label = "Token:"
			}
			line(label, "%s %s (%s)", c.Name, c.Value, c.From)
		}
		if e.Outcome == "allowed" {
			line("AWS:", "allowed")
		} else {
			line("AWS:", "denied: %s: %s", e.ErrorCode, e.ErrorMessage)
		}
		line("Spec:", "%s", e.Verdict)
		line("", "%s", e.Summary)
		if e.Rule != nil {
			line("Rule:", "%d at %s: %s", e.Rule.Number, e.Rule.Position, e.Rule.Text)
		}
		for _, f := range e.Findings {
			line("Why:", "%s: %s", f.Check, f.Text)
			switch {
			case f.Right && f.Fix == "":
				line("", "the refusal is right: no spec change")
			case f.Fix != "":
				line("", "fix: %s", f.Fix)
			}
		}
		for j, n := range e.NotChecked {
			label := ""
			if j == 0 {
				label = "Not checked:"
			}
			line(label, "%s (%s)", n, notRecorded)
		}
		if e.IAM != "" {
			line("IAM:", "%s", e.IAM)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteTrailJSON prints the explanations as indented JSON.
func WriteTrailJSON(w io.Writer, t Trail) error { return writeJSON(w, t) }
