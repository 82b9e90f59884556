package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// MaxFileSize is the largest spec Parse reads: 4 MiB. A spec for a thousand repositories and
// a thousand roles is about 300 KiB; anything near the limit is a mistake or an attack.
const MaxFileSize = 4 << 20

// MaxSeparators bounds the lines and commas of a spec, a cheap upper bound on the number of
// YAML values counted before the parser allocates a node for each: a 3 MB flow list of a
// million items would take the parser a second on its own. A spec of 5,000 repositories
// and 5,000 roles has about 60,000.
const MaxSeparators = 200_000

// Codes of the input limits checked before parsing.
const (
	// FileTooLarge: the spec is larger than MaxFileSize (also reported by
	// generator.ReadSpec, before reading more than MaxFileSize+1 bytes).
	FileTooLarge = "SPEC001"
	// TooManySeparators: the spec has more than MaxSeparators lines and commas.
	TooManySeparators = "SPEC002"
)

// TooLarge returns the diagnostic for a spec of size bytes, more than MaxFileSize.
func TooLarge(path string, size int64) diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Error, Code: FileTooLarge, Pos: diag.Pos{File: path},
		Summary: fmt.Sprintf("the spec is %d bytes, more than the limit of %d bytes (4 MiB)", size, MaxFileSize),
		Detail:  "A spec for thousands of repositories stays far below this limit; check that this is the file you meant."}
}

// SupportedVersion is the only spec version this build reads.
const SupportedVersion = 1

// Parse reads a spec from src; path is used in diagnostics and recorded in File.Path.
// It returns every problem with the file's shape at once. When the diagnostics hold an
// error, the returned File may be incomplete and must not be rendered. Parse never panics
// on any input and never expands YAML aliases.
func Parse(path string, src []byte) (*File, diag.Diagnostics) {
	whole := diag.Pos{File: path}
	if len(src) > MaxFileSize {
		return nil, diag.Diagnostics{TooLarge(path, int64(len(src)))}
	}
	if n := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte(",")); n > MaxSeparators {
		return nil, diag.Diagnostics{{Severity: diag.Error, Code: TooManySeparators, Pos: whole,
			Summary: fmt.Sprintf("the spec has %d lines and commas, more than the limit of %d", n, MaxSeparators),
			Detail:  "A spec of thousands of repositories and roles stays far below this limit; split the spec, or check that this is the file you meant."}}
	}
	if !utf8.Valid(src) {
		return nil, diag.Diagnostics{{Severity: diag.Error, Code: "SPEC003", Pos: positionOf(path, src, firstInvalidUTF8(src)),
			Summary: "the spec is not valid UTF-8", Detail: "Save the file as UTF-8 text."}}
	}
	if i := bytes.IndexFunc(src, isAmbiguousBreak); i >= 0 {
		r, _ := utf8.DecodeRune(src[i:])
		return nil, diag.Diagnostics{{Severity: diag.Error, Code: "SPEC004", Pos: positionOf(path, src, i),
			Summary: fmt.Sprintf("the spec contains %U, a character YAML 1.1 reads as a line break", r),
			Detail:  "Editors and YAML parsers disagree on where lines end around it, so positions and even values would differ from what you see. Remove it or replace it with a space."}}
	}
	root, ds := parseSingleDocument(path, src)
	if root == nil {
		return nil, ds
	}
	f := &File{Path: path}
	// A large spec's top-level values are decoded on the cores at once.
	d := &decoder{file: path, diags: ds, fanOut: len(src) >= partsMinSize}
	if versionFirst(d, root) {
		d.value(root, reflect.ValueOf(f).Elem(), "")
	}
	return f, d.diags.Sort()
}

// parseSingleDocument returns the root node of the only YAML document in src.
func parseSingleDocument(path string, src []byte) (*yaml.Node, diag.Diagnostics) {
	if root := parseInParts(src); root != nil {
		return root, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) || (err == nil && len(doc.Content) == 0) {
		return nil, diag.Diagnostics{{Severity: diag.Error, Code: "SPEC005", Pos: diag.Pos{File: path},
			Summary: "the spec is empty", Detail: "A spec starts with \"version: 1\"; see specs/ontopix.yaml for a complete example."}}
	}
	if err != nil {
		return nil, diag.Diagnostics{yamlError(path, src, err)}
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, diag.Diagnostics{yamlError(path, src, err)}
	default:
		return nil, diag.Diagnostics{{Severity: diag.Error, Code: "SPEC007", Pos: diag.Pos{File: path, Line: extra.Line, Col: extra.Column},
			Summary: "the spec holds more than one YAML document",
			Detail:  "Remove the \"---\" separator and everything after it, or move the second document to a file of its own."}}
	}
	return doc.Content[0], nil
}

var yamlLine = aws.NewPattern(`^yaml: line (\d+): (.*)$`)

// parserProblems are the problems yaml.v3's parser (not its scanner) reports. For them
// yaml.v3 gives the 0-based line of the construct being parsed (decode.go, parser.fail),
// so the 1-based line is one more.
var parserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
	"did not find expected <document start>", "did not find expected key", "did not find expected node content",
	"found duplicate %TAG directive", "found duplicate %YAML directive", "found incompatible YAML document",
	"found undefined tag handle",
}

// yamlError turns a yaml.v3 syntax error into a diagnostic. yaml.v3 reports a line, 0- or
// 1-based depending on where the error arose, and no column; an error on the first line
// has no line at all. Control characters get their exact position.
func yamlError(path string, src []byte, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	pos := diag.Pos{File: path, Line: 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if slices.Contains(parserProblems, msg) {
			pos.Line++
			msg += " (in the block or list that starts here)"
		}
	}
	if i := bytes.IndexFunc(src, isForbiddenControl); i >= 0 && strings.Contains(msg, "control characters") {
		pos = positionOf(path, src, i)
	}
	return diag.Diagnostic{Severity: diag.Error, Code: "SPEC006", Pos: pos,
		Summary: "invalid YAML: " + msg,
		Detail:  "Fix the YAML syntax first. Indent with spaces, not tabs, and quote values that contain \": \" or start with a special character such as *, &, ! or @."}
}

// isForbiddenControl reports the control characters YAML does not allow in a stream:
// everything in C0 and C1 but tab, line feed, carriage return and NEL, and DEL.
func isForbiddenControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r <= 0x9f && r != 0x85)
}

// isAmbiguousBreak reports NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks in
// YAML 1.1 (and to yaml.v3), ordinary characters in YAML 1.2 and to most editors.
func isAmbiguousBreak(r rune) bool { return r == 0x85 || r == 0x2028 || r == 0x2029 }

// positionOf returns the line and column (in characters) of byte offset i of src, counting
// lines the way editors do, at "\n".
func positionOf(path string, src []byte, i int) diag.Pos {
	before := src[:i]
	line := bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return diag.Pos{File: path, Line: line, Col: utf8.RuneCount(before[lineStart:]) + 1}
}

// firstInvalidUTF8 returns the byte offset of the first invalid UTF-8 sequence in src.
func firstInvalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(src)
}

// versionFirst checks the version key before anything else: a spec of another version has
// other keys, and reporting them as unknown would bury the one message that matters.
func versionFirst(d *decoder, root *yaml.Node) bool {
	if root.Kind != yaml.MappingNode {
		return true // structure() reports it
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "version" {
			continue
		}
		// The first version key decides; a duplicate is reported with the other keys.
		if n, err := strconv.ParseInt(v.Value, 0, 64); v.Kind == yaml.ScalarNode && v.ShortTag() == "!!int" && err == nil && n != SupportedVersion {
			d.errorf("SPEC008", v, "This build of codeartifact-gen reads version 1 specs only.", "unsupported spec version %s", v.Value)
			return false
		}
		return true
	}
	return true
}
