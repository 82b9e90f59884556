// Package importer reads an existing, hand-written Terraform root for CodeArtifact and
// GitHub OIDC roles and maps it to a codeartifact-gen spec: the domain, repositories,
// policies, roles and OIDC provider it finds, with the address each resource has in that
// configuration (the spec's adopt section), so that the render moves every resource to
// its new address instead of replacing it. Whatever the spec renders differently from
// the configuration (a wildcard under StringEquals, a Resource "*", a missing aud
// condition, a thumbprint list) is reported per resource, with whether the render widens
// or narrows access; nothing is changed silently.
//
// The configuration is evaluated as Terraform would at plan time, as far as that is
// possible without a provider: variables (defaults, terraform.tfvars, *.auto.tfvars and
// the var files given), locals, string templates, go-cty's function library (jsonencode,
// merge, format, ...), count and for_each, dynamic blocks, and aws_iam_policy_document
// data sources. Values only AWS knows (ARNs, account IDs) are kept as placeholders that
// name the attribute they stand for, so that a policy's Resource or a trust policy's
// Federated principal can still be traced back to the resource it names.
package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Object is an evaluated block body: its arguments and its nested blocks by type, in the
// order written (dynamic blocks expanded).
type Object struct {
	Attrs  map[string]cty.Value
	Blocks map[string][]*Object
	// AttrRanges are where each argument is written.
	AttrRanges map[string]hcl.Range
	Range      hcl.Range
}

// Instance is one evaluated instance of a resource or data block.
type Instance struct {
	Mode       string // "managed" or "data"
	Type, Name string
	// Key is the instance key: cty.NilVal for a block without count or for_each, a number
	// for count, a string for for_each.
	Key cty.Value
	*Object
}

// Address returns the instance's Terraform address, for example
// aws_codeartifact_repository.this["npm"] or data.aws_iam_policy_document.read[0].
func (i *Instance) Address() string {
	a := i.Type + "." + i.Name
	if i.Mode == "data" {
		a = "data." + a
	}
	return a + keySuffix(i.Key)
}

// ResourceAddress returns the address of the block the instance belongs to.
func (i *Instance) ResourceAddress() string {
	a := i.Type + "." + i.Name
	if i.Mode == "data" {
		a = "data." + a
	}
	return a
}

func keySuffix(key cty.Value) string {
	switch {
	case key == cty.NilVal:
		return ""
	case key.Type() == cty.Number:
		bf := key.AsBigFloat()
		n, _ := bf.Int64()
		return fmt.Sprintf("[%d]", n)
	default:
		return "[" + quote(key.AsString()) + "]"
	}
}

// quote returns s as an HCL quoted string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Config is an evaluated Terraform root module.
type Config struct {
	Dir       string
	Instances []*Instance // in file order, then by key
	// Providers are the evaluated provider "aws" blocks.
	Providers []*Object
	// Ignored lists the blocks import does not read (modules, outputs are read by none).
	Modules []hcl.Range
}

// decl is a resource or data block as written.
type decl struct {
	mode, typ, name string
	block           *hclsyntax.Block
}

func (d *decl) key() string {
	if d.mode == "data" {
		return "data." + d.typ + "." + d.name
	}
	return d.typ + "." + d.name
}

// evaluator holds the module's declarations and the values evaluated so far.
type evaluator struct {
	dir     string
	vars    map[string]cty.Value
	locals  map[string]hcl.Expression
	decls   []*decl
	byKey   map[string]*decl
	done    map[string]cty.Value // local.NAME, TYPE.NAME, data.TYPE.NAME → value
	insts   map[string][]*Instance
	provs   []*hclsyntax.Block
	modules []hcl.Range
	diags   hcl.Diagnostics
}

// placeholder is the string that stands for an attribute only AWS knows; Placeholders
// finds them in evaluated strings.
func placeholder(address, attr string) string { return "\u00ab" + address + "." + attr + "\u00bb" }

// Load reads every *.tf file of dir (not *.tf.json: reported), evaluates it with the
// variable values of dir's terraform.tfvars and *.auto.tfvars, then of varFiles in order
// (later ones win, as in Terraform), and returns the instances of every resource and
// data block. Errors (syntax, a variable without a value, a reference that cannot be
// evaluated) are returned as HCL diagnostics with their ranges; Load then returns a nil
// Config.
func Load(dir string, varFiles []string) (*Config, hcl.Diagnostics) {
	ev := &evaluator{dir: dir, vars: map[string]cty.Value{}, locals: map[string]hcl.Expression{},
		byKey: map[string]*decl{}, done: map[string]cty.Value{}, insts: map[string][]*Instance{}}
	parser := hclparse.NewParser()
	names, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(names) == 0 {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "no Terraform files",
			Detail: fmt.Sprintf("%s holds no *.tf file; give the directory of the Terraform root to import.", dir)}}
	}
	sort.Strings(names)
	var files []*hcl.File
	for _, n := range names {
		f, ds := parser.ParseHCLFile(n)
		ev.diags = append(ev.diags, ds...)
		if f != nil {
			files = append(files, f)
		}
	}
	if ev.diags.HasErrors() {
		return nil, ev.diags
	}
	varDecls := map[string]*hclsyntax.Block{}
	for _, f := range files {
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			ev.declare(b, varDecls)
		}
	}
	ev.setVariables(varDecls, varFiles)
	if ev.diags.HasErrors() {
		return nil, ev.diags
	}
	ev.run()
	if ev.diags.HasErrors() {
		return nil, ev.diags
	}
	c := &Config{Dir: dir, Modules: ev.modules}
	for _, d := range ev.decls {
		c.Instances = append(c.Instances, ev.insts[d.key()]...)
	}
	for _, p := range ev.provs {
		o, ds := ev.evalBody(p.Body, ev.context(nil))
		ev.diags = append(ev.diags, ds...)
		if o != nil {
			c.Providers = append(c.Providers, o)
		}
	}
	return c, ev.diags
}

// declare records one top-level block.
func (ev *evaluator) declare(b *hclsyntax.Block, varDecls map[string]*hclsyntax.Block) {
	switch b.Type {
	case "variable":
		varDecls[b.Labels[0]] = b
	case "locals":
		for name, a := range b.Body.Attributes {
			ev.locals[name] = a.Expr
		}
	case "resource", "data":
		mode := "managed"
		if b.Type == "data" {
			mode = "data"
		}
		d := &decl{mode: mode, typ: b.Labels[0], name: b.Labels[1], block: b}
		ev.decls = append(ev.decls, d)
		ev.byKey[d.key()] = d
	case "provider":
		if b.Labels[0] == "aws" {
			ev.provs = append(ev.provs, b)
		}
	case "module":
		ev.modules = append(ev.modules, b.DefRange())
	}
}

// setVariables gives every declared variable its value: the default, then
// terraform.tfvars, *.auto.tfvars (in name order) and the var files, each overriding the
// ones before, converted to the variable's type with its optional-attribute defaults.
func (ev *evaluator) setVariables(decls map[string]*hclsyntax.Block, varFiles []string) {
	given := map[string]cty.Value{}
	auto, _ := filepath.Glob(filepath.Join(ev.dir, "*.auto.tfvars"))
	sort.Strings(auto)
	files := []string{}
	if _, err := os.Stat(filepath.Join(ev.dir, "terraform.tfvars")); err == nil {
		files = append(files, filepath.Join(ev.dir, "terraform.tfvars"))
	}
	files = append(append(files, auto...), varFiles...)
	parser := hclparse.NewParser()
	for _, name := range files {
		var f *hcl.File
		var ds hcl.Diagnostics
		if strings.HasSuffix(name, ".json") {
			f, ds = parser.ParseJSONFile(name)
		} else {
			f, ds = parser.ParseHCLFile(name)
		}
		ev.diags = append(ev.diags, ds...)
		if f == nil {
			continue
		}
		attrs, ds := f.Body.JustAttributes()
		ev.diags = append(ev.diags, ds...)
		for n, a := range attrs {
			v, ds := a.Expr.Value(nil)
			ev.diags = append(ev.diags, ds...)
			if _, ok := decls[n]; !ok {
				ev.diags = append(ev.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "value for undeclared variable " + n,
					Detail: "The configuration declares no variable " + n + "; Terraform refuses it too.", Subject: a.NameRange.Ptr()})
				continue
			}
			given[n] = v
		}
	}
	for name, b := range decls {
		ty, defaults := cty.DynamicPseudoType, (*typeexpr.Defaults)(nil)
		if a, ok := b.Body.Attributes["type"]; ok {
			var ds hcl.Diagnostics
			ty, defaults, ds = typeexpr.TypeConstraintWithDefaults(a.Expr)
			ev.diags = append(ev.diags, ds...)
		}
		v, ok := given[name]
		if !ok {
			a, has := b.Body.Attributes["default"]
			if !has {
				ev.diags = append(ev.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "variable " + name + " has no value",
					Detail: "It has no default and no var file sets it. Give the var file the configuration is applied with: -var-file FILE.", Subject: b.DefRange().Ptr()})
				continue
			}
			var ds hcl.Diagnostics
			v, ds = a.Expr.Value(nil)
			ev.diags = append(ev.diags, ds...)
		}
		if defaults != nil && !v.IsNull() {
			v = defaults.Apply(v)
		}
		cv, err := convert.Convert(v, ty)
		if err != nil {
			ev.diags = append(ev.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "variable " + name + " does not have its declared type",
				Detail: err.Error(), Subject: b.DefRange().Ptr()})
			continue
		}
		ev.vars[name] = cv
	}
}

// run evaluates locals and blocks in rounds, each round everything whose references are
// all known, until nothing is left; what is left is a cycle or a reference to something
// the configuration does not declare.
func (ev *evaluator) run() {
	pending := map[string]bool{}
	for n := range ev.locals {
		pending["local."+n] = true
	}
	for _, d := range ev.decls {
		pending[d.key()] = true
	}
	for len(pending) > 0 {
		progress := false
		keys := make([]string, 0, len(pending))
		for k := range pending {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !ev.ready(k, pending) {
				continue
			}
			ev.evaluate(k)
			delete(pending, k)
			progress = true
		}
		if !progress {
			for _, k := range keys {
				ev.diags = append(ev.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "cannot evaluate " + k,
					Detail:  "It depends on itself or on something the configuration does not declare: " + strings.Join(ev.missing(k, pending), ", ") + ".",
					Subject: ev.rangeOf(k)})
			}
			return
		}
	}
}

func (ev *evaluator) rangeOf(k string) *hcl.Range {
	if strings.HasPrefix(k, "local.") {
		r := ev.locals[strings.TrimPrefix(k, "local.")].Range()
		return &r
	}
	r := ev.byKey[k].block.DefRange()
	return &r
}

// deps returns the keys of the locals and blocks that k refers to.
func (ev *evaluator) deps(k string) []string {
	var travs []hcl.Traversal
	if strings.HasPrefix(k, "local.") {
		travs = ev.locals[strings.TrimPrefix(k, "local.")].Variables()
	} else {
		travs = bodyVariables(ev.byKey[k].block.Body)
	}
	var out []string
	for _, t := range travs {
		root := t.RootName()
		switch root {
		case "local":
			if a, ok := t[1].(hcl.TraverseAttr); ok && len(t) > 1 {
				out = append(out, "local."+a.Name)
			}
		case "data":
			if len(t) > 2 {
				a1, ok1 := t[1].(hcl.TraverseAttr)
				a2, ok2 := t[2].(hcl.TraverseAttr)
				if ok1 && ok2 {
					out = append(out, "data."+a1.Name+"."+a2.Name)
				}
			}
		case "var", "each", "count", "path", "terraform", "self":
		default:
			if len(t) > 1 {
				if a, ok := t[1].(hcl.TraverseAttr); ok {
					if _, declared := ev.byKey[root+"."+a.Name]; declared {
						out = append(out, root+"."+a.Name)
					}
				}
			}
		}
	}
	return out
}

func (ev *evaluator) ready(k string, pending map[string]bool) bool {
	for _, d := range ev.deps(k) {
		if d != k && pending[d] {
			return false
		}
		if d == k {
			return false
		}
	}
	return true
}

func (ev *evaluator) missing(k string, pending map[string]bool) []string {
	var out []string
	for _, d := range ev.deps(k) {
		if pending[d] {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bodyVariables returns every traversal of a body, nested and dynamic blocks included.
func bodyVariables(b *hclsyntax.Body) []hcl.Traversal {
	var out []hcl.Traversal
	for _, a := range b.Attributes {
		out = append(out, a.Expr.Variables()...)
	}
	for _, blk := range b.Blocks {
		out = append(out, bodyVariables(blk.Body)...)
	}
	return out
}

// context returns the evaluation context with everything evaluated so far, and the
// extra variables (each, count, a dynamic block's iterator).
func (ev *evaluator) context(extra map[string]cty.Value) *hcl.EvalContext {
	vars := map[string]cty.Value{
		"var":       cty.ObjectVal(ev.vars),
		"path":      cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal("."), "root": cty.StringVal("."), "cwd": cty.StringVal(".")}),
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
	}
	if len(ev.vars) == 0 {
		vars["var"] = cty.EmptyObjectVal
	}
	locals := map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	managed := map[string]map[string]cty.Value{}
	for k, v := range ev.done {
		parts := strings.Split(k, ".")
		switch {
		case parts[0] == "local":
			locals[parts[1]] = v
		case parts[0] == "data":
			if data[parts[1]] == nil {
				data[parts[1]] = map[string]cty.Value{}
			}
			data[parts[1]][parts[2]] = v
		default:
			if managed[parts[0]] == nil {
				managed[parts[0]] = map[string]cty.Value{}
			}
			managed[parts[0]][parts[1]] = v
		}
	}
	vars["local"] = objectOr(locals)
	dataTypes := map[string]cty.Value{}
	for t, m := range data {
		dataTypes[t] = cty.ObjectVal(m)
	}
	vars["data"] = objectOr(dataTypes)
	for t, m := range managed {
		vars[t] = cty.ObjectVal(m)
	}
	for k, v := range extra {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: vars, Functions: functions()}
}

func objectOr(m map[string]cty.Value) cty.Value {
	if len(m) == 0 {
		return cty.EmptyObjectVal
	}
	return cty.ObjectVal(m)
}

// evaluate evaluates one local or block, all of whose references are known.
func (ev *evaluator) evaluate(k string) {
	if strings.HasPrefix(k, "local.") {
		v, ds := ev.locals[strings.TrimPrefix(k, "local.")].Value(ev.context(nil))
		ev.diags = append(ev.diags, ds...)
		ev.done[k] = v
		return
	}
	d := ev.byKey[k]
	body := d.block.Body
	ctx := ev.context(nil)
	var insts []*Instance
	switch {
	case body.Attributes["for_each"] != nil:
		fe, ds := body.Attributes["for_each"].Expr.Value(ctx)
		ev.diags = append(ev.diags, ds...)
		if ds.HasErrors() || !fe.IsKnown() || fe.IsNull() {
			break
		}
		if fe.Type().IsSetType() || fe.Type().IsListType() || fe.Type().IsTupleType() {
			// A set of strings: each.key and each.value are the element.
			for _, e := range fe.AsValueSlice() {
				insts = append(insts, ev.instance(d, e, e, ctx))
			}
		} else {
			m := fe.AsValueMap()
			keys := make([]string, 0, len(m))
			for key := range m {
				keys = append(keys, key)
			}
			sort.Strings(keys)
			for _, key := range keys {
				insts = append(insts, ev.instance(d, cty.StringVal(key), m[key], ctx))
			}
		}
		obj := map[string]cty.Value{}
		for _, in := range insts {
			obj[in.Key.AsString()] = ev.value(in)
		}
		ev.done[k] = objectOr(obj)
	case body.Attributes["count"] != nil:
		cv, ds := body.Attributes["count"].Expr.Value(ctx)
		ev.diags = append(ev.diags, ds...)
		n := 0
		if !ds.HasErrors() && cv.IsKnown() && !cv.IsNull() {
			if nv, err := convert.Convert(cv, cty.Number); err == nil {
				i, _ := nv.AsBigFloat().Int64()
				n = int(i)
			}
		}
		var vals []cty.Value
		for i := range n {
			in := ev.instance(d, cty.NumberIntVal(int64(i)), cty.NilVal, ctx)
			insts = append(insts, in)
			vals = append(vals, ev.value(in))
		}
		if len(vals) == 0 {
			ev.done[k] = cty.EmptyTupleVal
		} else {
			ev.done[k] = cty.TupleVal(vals)
		}
	default:
		in := ev.instance(d, cty.NilVal, cty.NilVal, ctx)
		insts = append(insts, in)
		ev.done[k] = ev.value(in)
	}
	ev.insts[k] = insts
}

// instance evaluates one instance of d.
func (ev *evaluator) instance(d *decl, key, value cty.Value, base *hcl.EvalContext) *Instance {
	extra := map[string]cty.Value{}
	switch {
	case key == cty.NilVal:
	case key.Type() == cty.Number:
		extra["count"] = cty.ObjectVal(map[string]cty.Value{"index": key})
	default:
		extra["each"] = cty.ObjectVal(map[string]cty.Value{"key": key, "value": value})
	}
	ctx := base
	if len(extra) > 0 {
		ctx = base.NewChild()
		ctx.Variables = extra
	}
	o, ds := ev.evalBody(d.block.Body, ctx)
	ev.diags = append(ev.diags, ds...)
	in := &Instance{Mode: d.mode, Type: d.typ, Name: d.name, Key: key, Object: o}
	delete(o.Attrs, "for_each")
	delete(o.Attrs, "count")
	delete(o.Attrs, "depends_on")
	delete(o.Attrs, "provider")
	if d.typ == "aws_iam_policy_document" && d.mode == "data" {
		o.Attrs["json"] = cty.StringVal(policyDocumentJSON(o))
	}
	return in
}

// evalBody evaluates a block body: its arguments and nested blocks, dynamic blocks
// expanded. Meta blocks (lifecycle, provisioner, connection) are left out.
func (ev *evaluator) evalBody(b *hclsyntax.Body, ctx *hcl.EvalContext) (*Object, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	o := &Object{Attrs: map[string]cty.Value{}, Blocks: map[string][]*Object{}, AttrRanges: map[string]hcl.Range{}, Range: b.SrcRange}
	for name, a := range b.Attributes {
		v, ds := a.Expr.Value(ctx)
		diags = append(diags, ds...)
		o.Attrs[name] = v
		o.AttrRanges[name] = a.SrcRange
	}
	for _, blk := range b.Blocks {
		switch blk.Type {
		case "lifecycle", "provisioner", "connection":
			continue
		case "dynamic":
			name := blk.Labels[0]
			iter := name
			if a, ok := blk.Body.Attributes["iterator"]; ok {
				iter = hcl.ExprAsKeyword(a.Expr)
			}
			fe, ds := blk.Body.Attributes["for_each"].Expr.Value(ctx)
			diags = append(diags, ds...)
			if ds.HasErrors() || fe.IsNull() || !fe.IsKnown() {
				continue
			}
			var content *hclsyntax.Block
			for _, c := range blk.Body.Blocks {
				if c.Type == "content" {
					content = c
				}
			}
			if content == nil {
				continue
			}
			it := fe.ElementIterator()
			for it.Next() {
				k, v := it.Element()
				child := ctx.NewChild()
				child.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})}
				co, ds := ev.evalBody(content.Body, child)
				diags = append(diags, ds...)
				o.Blocks[name] = append(o.Blocks[name], co)
			}
		default:
			co, ds := ev.evalBody(blk.Body, ctx)
			diags = append(diags, ds...)
			o.Blocks[blk.Type] = append(o.Blocks[blk.Type], co)
		}
	}
	return o, diags
}

// computed are the attributes every instance has beside its arguments, as placeholders:
// what AWS assigns (ARNs, IDs, owners) or a data source reads.
var computed = []string{"arn", "id", "name", "unique_id", "owner", "domain_owner", "administrator_account",
	"repository_endpoint", "account_id", "partition", "region", "dns_suffix", "url", "user_id",
	"policy_id", "create_date", "minified_json", "authorization_token", "tags_all", "asset_size_bytes", "repository_count"}

// value returns the object an expression sees for the instance: its arguments, its
// nested blocks as lists of objects, and placeholders for computed attributes.
func (ev *evaluator) value(in *Instance) cty.Value {
	m := objectValue(in.Object)
	for _, c := range computed {
		if _, ok := m[c]; !ok {
			m[c] = cty.StringVal(placeholder(in.Address(), c))
		}
	}
	// CodeArtifact ARNs are built from the names they hold, so that a policy that edits
	// one (replace(repo.arn, ":repository/", ":package/")) still names the repository.
	arn := "arn:" + placeholder("aws", "partition") + ":codeartifact:" + placeholder("aws", "region") + ":" + placeholder("aws", "account_id") + ":"
	if in.Mode == "managed" && in.Type == "aws_codeartifact_domain" && in.String("domain") != "" {
		m["arn"] = cty.StringVal(arn + "domain/" + in.String("domain"))
	}
	if in.Mode == "managed" && in.Type == "aws_codeartifact_repository" && in.String("domain") != "" && in.String("repository") != "" {
		m["arn"] = cty.StringVal(arn + "repository/" + in.String("domain") + "/" + in.String("repository"))
	}
	return cty.ObjectVal(m)
}

func objectValue(o *Object) map[string]cty.Value {
	m := map[string]cty.Value{}
	for k, v := range o.Attrs {
		m[k] = v
	}
	for k, bs := range o.Blocks {
		var vals []cty.Value
		for _, b := range bs {
			vals = append(vals, cty.ObjectVal(objectValue(b)))
		}
		m[k] = cty.TupleVal(vals)
	}
	return m
}

// String returns the string value of attribute name, "" when absent, null or not a
// known string.
func (o *Object) String(name string) string {
	v, ok := o.Attrs[name]
	if !ok || v.IsNull() || !v.IsKnown() {
		return ""
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		return ""
	}
	return s.AsString()
}

// Strings returns the list or set of strings of attribute name.
func (o *Object) Strings(name string) []string {
	v, ok := o.Attrs[name]
	if !ok {
		return nil
	}
	return valueStrings(v)
}

func valueStrings(v cty.Value) []string {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	if v.Type() == cty.String {
		return []string{v.AsString()}
	}
	if !v.CanIterateElements() {
		return nil
	}
	var out []string
	for _, e := range v.AsValueSlice() {
		if s, err := convert.Convert(e, cty.String); err == nil && !s.IsNull() && s.IsKnown() {
			out = append(out, s.AsString())
		}
	}
	return out
}

// StringMap returns the map of strings of attribute name (tags), sorted by key.
func (o *Object) StringMap(name string) [][2]string {
	v, ok := o.Attrs[name]
	if !ok || v.IsNull() || !v.IsKnown() || !(v.Type().IsMapType() || v.Type().IsObjectType()) {
		return nil
	}
	var out [][2]string
	for k, e := range v.AsValueMap() {
		if s, err := convert.Convert(e, cty.String); err == nil && !s.IsNull() {
			out = append(out, [2]string{k, s.AsString()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
