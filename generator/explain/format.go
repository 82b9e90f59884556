package explain

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/printable"
)

// WriteText prints the report for a terminal.
func WriteText(w io.Writer, rep Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Spec %s: domain %s in %s; GitHub owner %s, issuer %s, audience %s, %s subjects.\n",
		line(rep.Spec), line(rep.Domain), line(rep.Region), line(rep.Owner), line(rep.Issuer), line(rep.Audience), line(rep.Subjects))
	for _, r := range rep.Roles {
		fmt.Fprintf(&b, "\nRole %s", line(r.Name))
		if r.Sensitive {
			b.WriteString(" (sensitive)")
		}
		b.WriteString("\n")
		if r.Description != "" {
			fmt.Fprintf(&b, "  %s\n", line(r.Description))
		}
		b.WriteString("  Who can assume it:\n")
		for _, who := range r.Who {
			fmt.Fprintf(&b, "    - %s\n", line(who.Plain))
			for _, s := range who.Subjects {
				fmt.Fprintf(&b, "        sub %s %s\n", who.Operator, line(s))
			}
			for _, req := range who.Require {
				fmt.Fprintf(&b, "        and %s\n", line(req))
			}
			for _, n := range who.Silenced {
				fmt.Fprintf(&b, "        accepted %s (%s): %s\n", n.ID, n.Title, line(n.Reason))
			}
		}
		fmt.Fprintf(&b, "  What it can do (%s):\n", line(strings.Join(r.Policies, ", ")))
		fmt.Fprintf(&b, "    - read %s\n", orNone(line(strings.Join(r.Read, ", "))))
		for _, g := range r.Publish {
			fmt.Fprintf(&b, "    - publish %s packages to %s: %s\n", line(g.Format), line(g.Repository), line(packages(g.Packages)))
		}
		if len(r.Publish) == 0 {
			b.WriteString("    - publish nothing\n")
		}
		fmt.Fprintf(&b, "  Trust policy: %s\n", size(r.TrustSize))
		for _, n := range r.Warnings {
			fmt.Fprintf(&b, "  warning %s: %s\n", n.ID, line(n.Summary))
		}
		if len(r.Expectations) > 0 {
			b.WriteString("  Expectations (all hold):\n")
		}
		for _, e := range r.Expectations {
			fmt.Fprintf(&b, "    - %s %s: %s\n", e.verb(), e.Token, e.Name)
		}
	}
	b.WriteString("\nManaged policies:\n")
	for _, p := range rep.Policies {
		fmt.Fprintf(&b, "  %s: %s\n", line(p.Name), size(p.Size))
		writeNotes(&b, "    ", p.Warnings)
	}
	if len(rep.Consumers) > 0 {
		b.WriteString("\nOther AWS accounts (through the domain and repository policies; their own identity\npolicies must allow the same actions and sts:GetServiceBearerToken):\n")
	}
	for _, c := range rep.Consumers {
		fmt.Fprintf(&b, "  %s: %s\n", line(c.Name), line(strings.Join(c.Principals, ", ")))
		fmt.Fprintf(&b, "    - read %s\n", orNone(line(strings.Join(c.Read, ", "))))
		for _, g := range c.Publish {
			fmt.Fprintf(&b, "    - publish %s packages to %s: %s\n", line(g.Format), line(g.Repository), line(packages(g.Packages)))
		}
		writeNotes(&b, "    ", c.Warnings)
	}
	writeOriginsText(&b, rep)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeNotes prints warnings, accepted ones with their reason.
func writeNotes(b *strings.Builder, indent string, notes []Note) {
	for _, n := range notes {
		if n.Reason != "" {
			fmt.Fprintf(b, "%saccepted %s (%s): %s\n", indent, n.ID, n.Title, line(n.Reason))
		} else {
			fmt.Fprintf(b, "%swarning %s: %s\n", indent, n.ID, line(n.Summary))
		}
	}
}

// WriteMarkdown prints the report for a pull-request comment.
func WriteMarkdown(w io.Writer, rep Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Who can use the CodeArtifact domain %s\n\n", printable.CodeSpan(rep.Domain))
	fmt.Fprintf(&b, "Spec %s · region %s · GitHub owner %s · issuer %s · %s subjects\n\n",
		printable.CodeSpan(rep.Spec), printable.CodeSpan(rep.Region), printable.CodeSpan(rep.Owner), printable.CodeSpan(rep.Issuer), md(rep.Subjects))
	b.WriteString("| Role | Who can assume it | Read | Publish | Trust policy |\n|---|---|---|---|---|\n")
	for _, r := range rep.Roles {
		var who, publish []string
		for _, w := range r.Who {
			who = append(who, md(w.Plain))
		}
		for _, g := range r.Publish {
			publish = append(publish, cell(g.Repository)+": "+md(packages(g.Packages)))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", cell(r.Name), strings.Join(who, "<br>"),
			orNone(code(r.Read)), orNone(strings.Join(publish, "<br>")), size(r.TrustSize))
	}
	if len(rep.Consumers) > 0 {
		b.WriteString("\n| Other AWS account | Principals | Read | Publish |\n|---|---|---|---|\n")
	}
	for _, c := range rep.Consumers {
		var publish []string
		for _, g := range c.Publish {
			publish = append(publish, cell(g.Repository)+": "+md(packages(g.Packages)))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", md(c.Name), code(c.Principals), orNone(code(c.Read)), orNone(strings.Join(publish, "<br>")))
	}
	for _, p := range rep.Policies {
		for _, n := range p.Warnings {
			fmt.Fprintf(&b, "\n> [!NOTE]\n> Policy %s, **%s**: %s%s\n", printable.CodeSpan(p.Name), n.ID, md(n.Summary), accepted(n))
		}
	}
	for _, c := range rep.Consumers {
		for _, n := range c.Warnings {
			fmt.Fprintf(&b, "\n> [!NOTE]\n> Consumer %s, **%s**: %s%s\n", printable.CodeSpan(c.Name), n.ID, md(n.Summary), accepted(n))
		}
	}
	for _, r := range rep.Roles {
		fmt.Fprintf(&b, "\n<details><summary><code>%s</code>: trust conditions</summary>\n\n", html.EscapeString(line(r.Name)))
		for _, who := range r.Who {
			fmt.Fprintf(&b, "- %s\n", md(who.Plain))
			for _, s := range who.Subjects {
				fmt.Fprintf(&b, "  - `sub` %s %s\n", who.Operator, printable.CodeSpan(s))
			}
			for _, req := range who.Require {
				fmt.Fprintf(&b, "  - and %s\n", printable.CodeSpan(req))
			}
			for _, n := range who.Silenced {
				fmt.Fprintf(&b, "  - accepted **%s** (%s): %s\n", n.ID, n.Title, md(n.Reason))
			}
		}
		for _, e := range r.Expectations {
			fmt.Fprintf(&b, "- expectation %s: %s `%s`\n", md(e.Name), e.verb(), e.Token)
		}
		b.WriteString("\n</details>\n")
		for _, n := range r.Warnings {
			fmt.Fprintf(&b, "\n> [!WARNING]\n> **%s** %s\n", n.ID, md(n.Summary))
		}
	}
	writeOriginsMarkdown(&b, rep)
	_, err := io.WriteString(w, b.String())
	return err
}

func accepted(n Note) string {
	if n.Reason == "" {
		return ""
	}
	return " (accepted: " + md(n.Reason) + ")"
}

// WriteJSON prints the report as indented JSON.
func WriteJSON(w io.Writer, rep Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

func size(s Size) string {
	return fmt.Sprintf("%s of %s characters (%d%%)", thousands(s.Characters), thousands(s.Quota), s.Characters*100/s.Quota)
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func packages(ps []string) string {
	if len(ps) == 1 && ps[0] == "*" {
		return "every package"
	}
	return strings.Join(ps, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}

// code returns items as code spans for a table cell, separated by commas.
func code(items []string) string {
	cells := make([]string, len(items))
	for i, item := range items {
		cells[i] = cell(item)
	}
	return strings.Join(cells, ", ")
}

// cell returns s as a code span inside a table cell (printable.CodeSpan, printable.TableCell).
func cell(s string) string { return printable.TableCell(printable.CodeSpan(s)) }

// md escapes text for Markdown outside code: no HTML, emphasis, links, table breaks or
// hidden characters (printable.Markdown).
func md(s string) string { return printable.Markdown(s) }

// line escapes the hidden characters of a value printed on one line of text (printable.Line).
func line(s string) string { return printable.Line(s) }
