package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// MaxFileSize is the largest spec Parse reads: 4 MiB. A spec for a thousand repositories and
// a thousand roles is about 300 KiB; anything near the limit is a mistake or an attack.
const MaxFileSize = 4 << 20

// SupportedVersion is the only spec version this build reads.
const SupportedVersion = 1

// Parse reads a spec from src; path is used in diagnostics and recorded in File.Path.
// It returns every problem with the file's shape at once. When the diagnostics hold an
// error, the returned File may be incomplete and must not be rendered. Parse never panics
// on any input and never expands YAML aliases.
func Parse(path string, src []byte) (*File, diag.Diagnostics) {
	whole := diag.Pos{File: path}
	if len(src) > MaxFileSize {
		return nil, diag.Diagnostics{{Severity: diag.Error, Pos: whole,
			Summary: fmt.Sprintf("the spec is %d bytes, more than the limit of %d bytes (4 MiB)", len(src), MaxFileSize),
			Detail:  "A spec for thousands of repositories stays far below this limit; check that this is the file you meant."}}
	}
	if !utf8.Valid(src) {
		return nil, diag.Diagnostics{{Severity: diag.Error, Pos: whole,
			Summary: "the spec is not valid UTF-8", Detail: "Save the file as UTF-8 text."}}
	}
	root, ds := parseSingleDocument(path, src)
	if root == nil {
		return nil, ds
	}
	f := &File{Path: path}
	d := &decoder{file: path, diags: ds}
	if versionFirst(d, root) {
		d.value(root, reflect.ValueOf(f).Elem(), "")
	}
	return f, d.diags.Sort()
}

// parseSingleDocument returns the root node of the only YAML document in src.
func parseSingleDocument(path string, src []byte) (*yaml.Node, diag.Diagnostics) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) || (err == nil && len(doc.Content) == 0) {
		return nil, diag.Diagnostics{{Severity: diag.Error, Pos: diag.Pos{File: path},
			Summary: "the spec is empty", Detail: "A spec starts with \"version: 1\"; see specs/ontopix.yaml for a complete example."}}
	}
	if err != nil {
		return nil, diag.Diagnostics{yamlError(path, err)}
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, diag.Diagnostics{yamlError(path, err)}
	default:
		return nil, diag.Diagnostics{{Severity: diag.Error, Pos: diag.Pos{File: path, Line: extra.Line, Col: extra.Column},
			Summary: "the spec holds more than one YAML document",
			Detail:  "Remove the \"---\" separator and everything after it, or move the second document to a file of its own."}}
	}
	return doc.Content[0], nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 syntax error into a diagnostic. yaml.v3 reports a line but no
// column, so the column is 1.
func yamlError(path string, err error) diag.Diagnostic {
	msg := err.Error()
	pos := diag.Pos{File: path}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		pos.Col = 1
		msg = m[2]
	}
	return diag.Diagnostic{Severity: diag.Error, Pos: pos,
		Summary: "invalid YAML: " + msg,
		Detail:  "Fix the YAML syntax first. Indent with spaces, not tabs, and quote values that contain \": \" or start with a special character such as *, &, ! or @."}
}

// versionFirst checks the version key before anything else: a spec of another version has
// other keys, and reporting them as unknown would bury the one message that matters.
func versionFirst(d *decoder, root *yaml.Node) bool {
	if root.Kind != yaml.MappingNode {
		return true // structure() reports it
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "version" || v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" {
			continue
		}
		if v.Value != strconv.Itoa(SupportedVersion) {
			d.errorf(v, "This build of codeartifact-gen reads version 1 specs only.", "unsupported spec version %s", v.Value)
			return false
		}
	}
	return true
}
