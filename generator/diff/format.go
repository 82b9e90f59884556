package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/printable"
)

// marker is the label a change is printed with.
func (c Change) marker() string {
	switch {
	case c.Destructive:
		return "DESTRUCTIVE"
	case c.Widened:
		return "WIDENED"
	case c.Replaced:
		return "REPLACED"
	}
	return "changed"
}

// WriteText prints the report grouped by subject, destructive changes first.
func WriteText(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Changes from %s to %s:\n", printable.Line(orNone(r.Old)), printable.Line(orNone(r.New)))
	if len(r.Changes) == 0 {
		b.WriteString("\nno change in what is rendered\n")
	}
	last := ""
	for _, c := range r.Changes {
		if c.Subject != last {
			fmt.Fprintf(&b, "\n%s\n", printable.Line(c.Subject))
			last = c.Subject
		}
		fmt.Fprintf(&b, "  %-11s %s\n", c.marker(), printable.Line(c.Summary))
		for _, d := range c.Details {
			fmt.Fprintf(&b, "              %s\n", printable.Line(d))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown prints the report for a pull-request comment.
func WriteMarkdown(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## codeartifact-gen: what this change means\n\n%s → %s\n", printable.CodeSpan(orNone(r.Old)), printable.CodeSpan(orNone(r.New)))
	if len(r.Changes) == 0 {
		b.WriteString("\nNo change in what is rendered.\n")
	}
	for _, c := range r.Changes {
		if c.Destructive {
			fmt.Fprintf(&b, "\n> [!CAUTION]\n> **DESTRUCTIVE**: %s\n", printable.Markdown(c.Summary))
			for _, d := range c.Details {
				fmt.Fprintf(&b, "> - %s\n", printable.Markdown(d))
			}
		}
	}
	last := ""
	for _, c := range r.Changes {
		if c.Destructive {
			continue
		}
		if c.Subject != last {
			fmt.Fprintf(&b, "\n### %s\n\n", printable.Markdown(c.Subject))
			last = c.Subject
		}
		label := ""
		if c.Widened {
			label = "**WIDENED** "
		}
		fmt.Fprintf(&b, "- %s%s\n", label, printable.Markdown(c.Summary))
		if len(c.Details) > 0 {
			fence := printable.Fence(c.Details)
			b.WriteString("  " + fence + "diff\n")
			for _, d := range c.Details {
				fmt.Fprintf(&b, "  %s\n", printable.Line(d))
			}
			b.WriteString("  " + fence + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the report as indented JSON.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteGitHub prints one workflow command per change, at its line of the new spec:
// ::error for destructive changes, ::warning for widened ones, ::notice otherwise.
func WriteGitHub(w io.Writer, r Report) error {
	for _, c := range r.Changes {
		level := "notice"
		switch {
		case c.Destructive:
			level = "error"
		case c.Widened:
			level = "warning"
		}
		var props []string
		if c.Pos.File != "" {
			props = append(props, "file="+diag.EscapeProperty(printable.Line(c.Pos.File)))
			if c.Pos.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", c.Pos.Line), fmt.Sprintf("col=%d", c.Pos.Col))
			}
		}
		props = append(props, "title="+diag.EscapeProperty(printable.Line("codeartifact-gen diff: "+c.marker()+" "+c.Subject)))
		msg := printable.Text(strings.Join(append([]string{c.Summary}, c.Details...), "\n"))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), diag.EscapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}
