package diag

import (
	"bytes"
	"strings"
	"testing"
)

// TestHiddenCharactersInPositions checks that a file path with escape sequences, line
// breaks or bidirectional controls is printed visibly in every format that writes it
// as text, so that it can neither forge a diagnostic line nor hide one.
func TestHiddenCharactersInPositions(t *testing.T) {
	file := "specs/x\x1b[2K\rok.yaml\nspecs/y.yaml:1:1: error: forged\u202e"
	ds := Diagnostics{{Severity: Error, Code: "SAFE003", Summary: "a\nb", Detail: "line one\nline \x1b[31mtwo", Pos: Pos{File: file, Line: 3, Col: 4}}}
	var text bytes.Buffer
	if err := Write(&text, Text, ds); err != nil {
		t.Fatal(err)
	}
	want := `specs/x\u001B[2K\u000Dok.yaml\u000Aspecs/y.yaml:1:1: error: forged\u202E:3:4: error[SAFE003]: a\u000Ab` + "\n    line one\n    line \\u001B[31mtwo\n"
	if text.String() != want {
		t.Errorf("text:\n got %q\nwant %q", text.String(), want)
	}
	var gh bytes.Buffer
	if err := Write(&gh, GitHub, ds); err != nil {
		t.Fatal(err)
	}
	if strings.Count(gh.String(), "\n") != 1 || strings.ContainsAny(gh.String(), "\x1b\r\u202e") {
		t.Errorf("github: %q", gh.String())
	}
}
