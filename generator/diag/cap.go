package diag

import "fmt"

// MaxPerFile is how many diagnostics Write prints for one file. Like a compiler's error
// limit, it keeps one mistake repeated a hundred thousand times (unknown keys, a
// duplicated name) from printing megabytes: the rest are counted in one line.
const MaxPerFile = 100

// MoreProblems is the code of the diagnostic that stands for those not shown.
const MoreProblems = "LIMIT002"

// Capped returns ds with at most max diagnostics per file, in their order. The others of
// a file are replaced by one MoreProblems diagnostic at the position of the first of
// them, counting them; it is an error when any of them is. Capped does not modify ds;
// callers count errors and warnings on ds itself.
func Capped(ds Diagnostics, max int) Diagnostics {
	perFile := map[string]int{}
	over := false
	for _, d := range ds {
		perFile[d.Pos.File]++
		over = over || perFile[d.Pos.File] > max
	}
	if !over {
		return ds
	}
	type hidden struct {
		at               int // index in out of the line that counts them
		pos              Pos
		errors, warnings int
	}
	hiddenIn := map[string]*hidden{}
	var out Diagnostics
	shown := map[string]int{}
	for _, d := range ds {
		file := d.Pos.File
		if shown[file] < max {
			shown[file]++
			out = append(out, d)
			continue
		}
		h := hiddenIn[file]
		if h == nil {
			h = &hidden{at: len(out), pos: d.Pos}
			hiddenIn[file] = h
			out = append(out, Diagnostic{})
		}
		if d.Severity == Error {
			h.errors++
		} else {
			h.warnings++
		}
	}
	for _, h := range hiddenIn {
		out[h.at] = moreProblems(h.pos, h.errors, h.warnings)
	}
	return out
}

func moreProblems(at Pos, errors, warnings int) Diagnostic {
	sev := Warning
	if errors > 0 {
		sev = Error
	}
	return Diagnostic{Severity: sev, Code: MoreProblems, Pos: at,
		Summary: fmt.Sprintf("%d more problems in this file are not shown (%d errors, %d warnings), from here on", errors+warnings, errors, warnings),
		Detail:  fmt.Sprintf("codeartifact-gen prints the first %d problems of a file. Fix those (often one mistake, repeated) and run it again.", MaxPerFile)}
}
