package validate

import (
	"fmt"
	"path"
	"reflect"
	"strings"
	"sync"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/printable"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// The codes of the checks in this file: hostile names and values.
const (
	// CodeHiddenCharacter: a spec value holds a character printable.Hidden reports.
	CodeHiddenCharacter = "SAFE001"
	// CodeSpecFileName: the spec's file name does not follow the name grammar.
	CodeSpecFileName = "SAFE002"
	// CodeSpecPath: the spec's path holds a hidden character.
	CodeSpecPath = "SAFE003"
	// CodeKMSAlias: encryption_key is a KMS alias ARN, not a key ARN.
	CodeKMSAlias = "SAFE005"
)

// SafeCodes lists the SAFE codes this package emits, for the table of every code
// (testdata/diagnostic-codes.md). SAFE004 is not used: integers are checked by the parser
// (SPEC013).
var SafeCodes = []diag.CodeInfo{
	{Code: CodeHiddenCharacter, Severity: diag.Error, Meaning: "a value or key of the spec holds a control character, a line break, an invisible character or a bidirectional control",
		Fix: "Remove it; values reach terminals, logs, pull-request comments and generated files. Write text on one line (>- for a folded block)."},
	{Code: CodeSpecFileName, Severity: diag.Error, Meaning: "the spec's file name (without extension) is not 1 to 100 letters, digits, \".\", \"_\" and \"-\" starting with a letter or digit",
		Fix: "Rename the file; the name becomes out/<name>/ and goes into every generated header."},
	{Code: CodeSpecPath, Severity: diag.Error, Meaning: "the spec's path holds a hidden character", Fix: "Rename the file or the directory."},
	{Code: CodeKMSAlias, Severity: diag.Error, Meaning: "encryption_key is a KMS alias ARN; CodeArtifact reports the key ARN, so every plan would replace the domain",
		Fix: "Give the key ARN: aws kms describe-key --key-id ALIAS --query KeyMetadata.Arn --output text."},
}

// specName is the grammar of the name of a spec file without its extension, the name of
// the directory it renders into (out/<name>/) and part of the header of every generated
// file: the rule of CodeArtifact repository and GitHub repository names (letters, digits,
// ".", "_" and "-", starting with a letter or digit), at most 100 characters, and not ending
// with "." (Windows drops a trailing dot from directory names).
var specName = aws.NewMatcher(`^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9_-])?$`,
	aws.Bounded(1, 100, aws.IsAlnum, aws.IsNameChar,
		func(c byte) bool { return aws.IsNameChar(c) && c != '.' }))

// OutputName returns the name of the directory the spec at specPath renders into: its file
// name without the extension ("ontopix" for specs/ontopix.yaml).
func OutputName(specPath string) string {
	base := path.Base(strings.ReplaceAll(specPath, `\`, "/"))
	return strings.TrimSuffix(base, path.Ext(base))
}

// SpecPath checks the path of a spec before anything else is done with it: the name
// OutputName returns must follow the name grammar (SAFE002), and the path as a whole must
// hold no hidden character (SAFE003), because both are written into directory names and
// the header of every generated file. The diagnostics are positioned at the file as a
// whole; an empty result means the path is safe to use.
func SpecPath(specPath string) diag.Diagnostics {
	var ds diag.Diagnostics
	at := diag.Pos{File: specPath}
	if r, found := printable.First(specPath); found {
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Code: CodeSpecPath, Pos: at,
			Summary: fmt.Sprintf("the spec's path contains %s", printable.Describe(r)),
			Detail:  "The path is written into the header of every generated file and printed in every message, where the character would be invisible or change the text around it. Rename the file or the directory."})
	}
	if name := OutputName(specPath); !specName.MatchString(name) {
		ds = append(ds, diag.Diagnostic{Severity: diag.Error, Code: CodeSpecFileName, Pos: at,
			Summary: fmt.Sprintf("spec file name %q is not a valid spec name", name),
			Detail: "The file name without its extension names the directory the spec renders into (out/<name>/) and goes into the header of every generated file, so it follows the rule of repository names: " +
				"1 to 100 letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit and not ending with \".\". Rename the file, for example to specs/acme.yaml."})
	}
	return ds
}

// hiddenCharacters reports every string value and mapping key of f that holds a hidden
// character (printable.Hidden), once per value.
func (c *checker) hiddenCharacters(f *spec.File) {
	hidden := func(s *spec.String) bool {
		_, found := printable.First(s.Value)
		return found
	}
	walkStrings(reflect.ValueOf(f).Elem(), hidden, func(s *spec.String, where *valuePath) {
		r, _ := printable.First(s.Value)
		detail := "Spec values reach terminals, CI logs, pull-request comments and generated files, where this character is invisible or changes the text around it (a terminal escape sequence, a forged line, reversed text). Remove it."
		if strings.HasPrefix(printable.Describe(r), "the line break") {
			detail += " Write the value on one line; a folded block scalar needs the strip indicator (>-) to drop its final line break."
		}
		c.diags = append(c.diags, diag.Diagnostic{Severity: diag.Error, Code: CodeHiddenCharacter, Pos: s.Pos,
			Summary: fmt.Sprintf("%s %s contains %s", where, quoteShort(s.Value), printable.Describe(r)), Detail: detail})
	})
}

// quoteShort quotes s with its hidden characters escaped, shortened to about 40
// characters.
func quoteShort(s string) string {
	if r := []rune(s); len(r) > 40 {
		return fmt.Sprintf("%q...", string(r[:40]))
	}
	return fmt.Sprintf("%q", s)
}

var (
	stringType    = reflect.TypeFor[spec.String]()
	stringMapType = reflect.TypeFor[spec.StringMap]()
	claimMapType  = reflect.TypeFor[spec.ClaimMap]()
)

// valuePath is where a value is in the spec, built only when a message needs it: a key, an
// index, or (keyOf) the keys of a mapping, below parent.
type valuePath struct {
	parent *valuePath
	key    string
	index  int // used when key is ""
	keyOf  bool
}

// String returns the path as the decoder's messages write it: "roles[0].trust[1].require.ref",
// or "a key of domain.tags".
func (p *valuePath) String() string {
	if p == nil {
		return ""
	}
	if p.keyOf {
		return "a key of " + p.parent.String()
	}
	if p.key == "" {
		return fmt.Sprintf("%s[%d]", p.parent, p.index)
	}
	return join(p.parent.String(), p.key)
}

// walkStrings calls each for every set spec.String under v, which must be addressable,
// and for every key of a mapping, for which hit reports true, with where it is. The path
// is built only for those: the walk itself allocates nothing per value.
func walkStrings(v reflect.Value, hit func(*spec.String) bool, each func(*spec.String, *valuePath)) {
	w := stringWalker{hit: hit, each: each}
	w.walk(v)
}

// stringWalker holds the steps from the root to the value being visited; a valuePath is
// made of them only when a value is reported.
type stringWalker struct {
	steps []valuePath // each without its parent
	hit   func(*spec.String) bool
	each  func(*spec.String, *valuePath)
}

func (w *stringWalker) visit(s *spec.String, last ...valuePath) {
	if !w.hit(s) {
		return
	}
	var where *valuePath
	for _, st := range append(w.steps[:len(w.steps):len(w.steps)], last...) {
		st.parent = where
		where = &st
	}
	w.each(s, where)
}

func (w *stringWalker) push(p valuePath) { w.steps = append(w.steps, p) }
func (w *stringWalker) pop()             { w.steps = w.steps[:len(w.steps)-1] }

func (w *stringWalker) walk(v reflect.Value) {
	switch t := v.Type(); {
	case t == stringType:
		if s := v.Addr().Interface().(*spec.String); s.Set {
			w.visit(s)
		}
	case t == stringMapType:
		m := v.Addr().Interface().(*spec.StringMap)
		for i := range m.Entries {
			e := &m.Entries[i]
			w.visit(&e.Key, valuePath{keyOf: true})
			if e.Value.Set {
				w.visit(&e.Value, valuePath{key: e.Key.Value})
			}
		}
	case t == claimMapType:
		m := v.Addr().Interface().(*spec.ClaimMap)
		for i := range m.Entries {
			e := &m.Entries[i]
			w.visit(&e.Key, valuePath{keyOf: true})
			for j := range e.Values {
				if e.Values[j].Set {
					w.visit(&e.Values[j], valuePath{key: e.Key.Value}, valuePath{index: j})
				}
			}
		}
	case t.Kind() == reflect.Slice:
		for i := range v.Len() {
			w.push(valuePath{index: i})
			w.walk(v.Index(i))
			w.pop()
		}
	case t.Kind() == reflect.Struct:
		for _, f := range yamlFields(t) {
			w.push(valuePath{key: f.key})
			w.walk(v.Field(f.index))
			w.pop()
		}
	}
}

type yamlField struct {
	index int
	key   string
}

var yamlFieldCache sync.Map // reflect.Type → []yamlField

// yamlFields returns the fields of a struct type that the spec reads, with their keys.
func yamlFields(t reflect.Type) []yamlField {
	if fs, ok := yamlFieldCache.Load(t); ok {
		return fs.([]yamlField)
	}
	var fs []yamlField
	for i := range t.NumField() {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if key != "" && key != "-" {
			fs = append(fs, yamlField{index: i, key: key})
		}
	}
	yamlFieldCache.Store(t, fs)
	return fs
}

// join appends a key to a path; a key that is not a plain word is quoted, escaped.
func join(where, key string) string {
	if !plainKey.MatchString(key) {
		key = fmt.Sprintf("%q", key)
	}
	if where == "" {
		return key
	}
	return where + "." + key
}

var plainKey = aws.NewPattern(`^[A-Za-z0-9_-]+$`)

// supersedeHidden drops the other diagnostics of a value that holds a hidden character:
// the SAFE001 error names the cause, and the checks of the value's grammar would only
// repeat it less clearly.
func supersedeHidden(ds diag.Diagnostics) diag.Diagnostics {
	hidden := map[diag.Pos]bool{}
	for _, d := range ds {
		if d.Code == CodeHiddenCharacter {
			hidden[d.Pos] = true
		}
	}
	if len(hidden) == 0 {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Code == CodeHiddenCharacter || !hidden[d.Pos] {
			out = append(out, d)
		}
	}
	return out
}

// kmsAlias refuses a KMS alias ARN as the domain's encryption_key. CreateDomain accepts
// one, but DescribeDomain reports the ARN of the key the alias pointed to, so every later
// plan shows a difference on a ForceNew argument and proposes replacing the domain, which
// deletes every package in it (prevent_destroy stops the plan; with it off, the packages are
// lost). The behaviour is the AWS provider's and CodeArtifact's as reported in issue 12; it
// is not in ../shared/facts.
func (c *checker) kmsAlias(k spec.String) {
	c.diags = append(c.diags, diag.Diagnostic{Severity: diag.Error, Code: CodeKMSAlias, Pos: k.Pos,
		Summary: fmt.Sprintf("encryption_key %q is a KMS alias, not a key", k.Value),
		Detail: "CodeArtifact reports the ARN of the key an alias points to, not the alias, so every later terraform plan would propose replacing the domain (encryption_key forces a new one), deleting every package in it. " +
			"Give the key's ARN: aws kms describe-key --key-id " + k.Value + " --query KeyMetadata.Arn --output text prints it."})
}
