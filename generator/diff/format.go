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
	case c.Kind == "lint.finding":
		return "NEW WARNING"
	}
	return "changed"
}

// WriteText prints each report grouped by subject, destructive changes first; with more
// than one report, a first line counts the destructive and widened changes of all.
func WriteText(w io.Writer, rs Reports) error {
	var b strings.Builder
	if len(rs) > 1 {
		fmt.Fprintf(&b, "%d specs compared: %s\n\n", len(rs), counts(rs))
	}
	if len(rs) == 0 {
		b.WriteString("no spec on either side\n")
	}
	for i, r := range rs {
		if i > 0 {
			b.WriteString("\n")
		}
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
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// counts says how many destructive and widened changes the reports hold.
func counts(rs Reports) string {
	destructive, widened := 0, 0
	for _, r := range rs {
		for _, c := range r.Changes {
			switch {
			case c.Destructive:
				destructive++
			case c.Widened:
				widened++
			}
		}
	}
	return fmt.Sprintf("%d destructive, %d widened", destructive, widened)
}

// WriteMarkdown prints the reports for a pull-request comment: every destructive change
// first, then every widened one (each a callout), then the other changes by spec and
// subject.
func WriteMarkdown(w io.Writer, rs Reports) error {
	var b strings.Builder
	b.WriteString("## codeartifact-gen: what this change means\n\n")
	changes := 0
	for _, r := range rs {
		fmt.Fprintf(&b, "%s → %s\n", printable.CodeSpan(orNone(r.Old)), printable.CodeSpan(orNone(r.New)))
		changes += len(r.Changes)
	}
	if changes == 0 {
		b.WriteString("\nNo change in what is rendered.\n")
	}
	where := func(r Report) string {
		if len(rs) == 1 {
			return ""
		}
		if r.New == "" {
			return " (" + printable.CodeSpan(r.Old) + ")"
		}
		return " (" + printable.CodeSpan(r.New) + ")"
	}
	for _, pass := range []struct {
		pick   func(Change) bool
		alert  string
		marker string
	}{
		{func(c Change) bool { return c.Destructive }, "CAUTION", "DESTRUCTIVE"},
		{func(c Change) bool { return !c.Destructive && c.Widened }, "WARNING", "WIDENED"},
	} {
		for _, r := range rs {
			for _, c := range r.Changes {
				if !pass.pick(c) {
					continue
				}
				fmt.Fprintf(&b, "\n> [!%s]\n> **%s**%s: %s\n", pass.alert, pass.marker, where(r), printable.Markdown(c.Summary))
				writeDetails(&b, "> ", c.Details)
			}
		}
	}
	for _, r := range rs {
		last := ""
		for _, c := range r.Changes {
			if c.Destructive || c.Widened {
				continue
			}
			if c.Subject != last {
				fmt.Fprintf(&b, "\n### %s%s\n\n", printable.Markdown(c.Subject), where(r))
				last = c.Subject
			}
			label := ""
			if m := c.marker(); m != "changed" {
				label = "**" + m + "** "
			}
			fmt.Fprintf(&b, "- %s%s\n", label, printable.Markdown(c.Summary))
			writeDetails(&b, "  ", c.Details)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the reports as indented JSON: {"destructive", "widened", "reports"}.
func WriteJSON(w io.Writer, rs Reports) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if rs == nil {
		rs = Reports{}
	}
	return enc.Encode(struct {
		Destructive bool    `json:"destructive"`
		Widened     bool    `json:"widened"`
		Reports     Reports `json:"reports"`
	}{rs.HasDestructive(), rs.HasWidened(), rs})
}

// WriteGitHub prints one workflow command per change, at its line of the new spec:
// ::error for destructive changes, ::warning for widened and replaced ones and new lint
// warnings,
// ::notice otherwise.
func WriteGitHub(w io.Writer, rs Reports) error {
	for _, r := range rs {
		for _, c := range r.Changes {
			level := "notice"
			switch {
			case c.Destructive:
				level = "error"
			case c.Widened, c.Replaced, c.Kind == "lint.finding":
				level = "warning"
			}
			var props []string
			msg := printable.Text(strings.Join(append([]string{c.Summary}, c.Details...), "\n"))
			if c.Pos.File != "" && c.Pos.File == r.Old && strings.Contains(r.Old, ":") {
				// A position in the spec as it was at a git revision ("REV:path"): no file
				// of the work tree to annotate, so the message says where.
				msg = printable.Line(c.Pos.String()) + ": " + msg
			} else if c.Pos.File != "" {
				props = append(props, "file="+diag.EscapeProperty(printable.Line(c.Pos.File)))
				if c.Pos.Line > 0 {
					props = append(props, fmt.Sprintf("line=%d", c.Pos.Line), fmt.Sprintf("col=%d", c.Pos.Col))
				}
			}
			props = append(props, "title="+diag.EscapeProperty(printable.Line("codeartifact-gen diff: "+c.marker()+" "+c.Subject)))
			if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), diag.EscapeData(msg)); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeDetails writes a change's detail lines as a fenced diff block, each line after
// prefix (a callout's "> " or a list item's indent); it writes nothing without details.
func writeDetails(b *strings.Builder, prefix string, details []string) {
	if len(details) == 0 {
		return
	}
	fence := printable.Fence(details)
	b.WriteString(prefix + fence + "diff\n")
	for _, d := range details {
		fmt.Fprintf(b, "%s%s\n", prefix, printable.Line(d))
	}
	b.WriteString(prefix + fence + "\n")
}
