package tofuverify

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
)

// parseFmtDiff turns `tofu fmt -check -diff` output into one diagnostic per
// file, positioned at the first line that formatting would change, with
// the diff as detail. files holds the names of the copied files: a line
// naming one of them starts that file's section.
func (m pathMapper) parseFmtDiff(out []byte, files map[string]bool) []Diagnostic {
	var ds []Diagnostic
	var cur *Diagnostic
	oldLine, found := 0, false
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if files[line] {
			ds = append(ds, Diagnostic{
				Severity: "error", Summary: "file is not formatted as `tofu fmt` would format it",
				File: m.source(line), Line: 1, Column: 1,
			})
			cur, found = &ds[len(ds)-1], false
			continue
		}
		if cur == nil {
			continue
		}
		cur.Detail += line + "\n"
		switch {
		case found || strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "+++ "):
		case strings.HasPrefix(line, "@@ "):
			oldLine = hunkStart(line)
		case strings.HasPrefix(line, "-") || strings.HasPrefix(line, "+"):
			cur.Line, found = max(oldLine, 1), true
		default: // a context line
			oldLine++
		}
	}
	return ds
}

// hunkStart returns the old-file start line of a unified diff hunk header
// "@@ -l,s +l,s @@", or 0 if it cannot be read.
func hunkStart(header string) int {
	f := strings.Fields(header)
	if len(f) < 2 || !strings.HasPrefix(f[1], "-") {
		return 0
	}
	n, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(f[1], "-"), ",", 2)[0])
	if err != nil {
		return 0
	}
	return n
}
