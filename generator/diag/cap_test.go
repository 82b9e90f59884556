package diag

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func many(file string, n int, sev Severity) Diagnostics {
	var ds Diagnostics
	for i := range n {
		ds = append(ds, Diagnostic{Severity: sev, Summary: fmt.Sprintf("problem %d", i), Pos: Pos{File: file, Line: i + 1, Col: 1}})
	}
	return ds
}

// TestCapped: each file keeps its first max diagnostics and one line that counts the
// rest, at the first hidden one's position; files under the cap are untouched.
func TestCapped(t *testing.T) {
	ds := append(many("a.yaml", 5, Error), many("b.yaml", 2, Warning)...)
	ds = append(ds, Diagnostic{Severity: Warning, Summary: "w", Pos: Pos{File: "a.yaml", Line: 9, Col: 1}})
	got := Capped(ds, 3)
	var lines []string
	for _, d := range got {
		lines = append(lines, fmt.Sprintf("%s %s %s %s", d.Pos, d.Severity, d.Code, d.Summary))
	}
	want := []string{
		"a.yaml:1:1 error  problem 0",
		"a.yaml:2:1 error  problem 1",
		"a.yaml:3:1 error  problem 2",
		"a.yaml:4:1 error LIMIT002 3 more problems in this file are not shown (2 errors, 1 warnings), from here on",
		"b.yaml:1:1 warning  problem 0",
		"b.yaml:2:1 warning  problem 1",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if short := many("a.yaml", 3, Error); len(Capped(short, 3)) != 3 {
		t.Fatal("a list at the cap was changed")
	}
}

// TestWriteIsBounded: a hundred thousand diagnostics print as MaxPerFile and one line, in
// every format.
func TestWriteIsBounded(t *testing.T) {
	ds := many("spec.yaml", 100_000, Error)
	for _, f := range []Format{Text, JSON, GitHub} {
		var b bytes.Buffer
		if err := Write(&b, f, ds); err != nil {
			t.Fatal(err)
		}
		if b.Len() > 100_000 {
			t.Errorf("%s: %d bytes for 100,000 diagnostics", f, b.Len())
		}
		if !strings.Contains(b.String(), "99900 more problems in this file are not shown") {
			t.Errorf("%s: no count of the hidden diagnostics", f)
		}
	}
}
