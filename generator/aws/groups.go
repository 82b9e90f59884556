package aws

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// Package-group facts (CodeArtifact User Guide, "Package group definition syntax and
// matching behavior", "Package group origin controls"; restated in
// ../shared/facts/package-groups.md).

// The restriction modes of a package group's origin configuration, as the API and the
// awscc provider spell them.
const (
	ModeAllow             = "ALLOW"
	ModeBlock             = "BLOCK"
	ModeAllowSpecific     = "ALLOW_SPECIFIC_REPOSITORIES"
	ModeInherit           = "INHERIT"
	PackageGroupTextMax   = 1000 // description and contact_info [inferred: the API's 1,000 characters of a description]
	PackageGroupPatternMx = 520  // a pattern's length [unverified: CreatePackageGroup's packageGroup length limit]
)

// The kinds of pattern, from the least to the most specific.
const (
	PatternRoot            = iota // /*
	PatternFormat                 // /npm/*
	PatternNamespacePrefix        // /maven/com.acme~
	PatternNamespace              // /npm/acme/*
	PatternNamePrefix             // /npm/acme/ui~
	PatternPackage                // /maven/org.acme/core$
)

// GroupPattern is a package group's pattern, parsed: a package path /FORMAT/NAMESPACE/NAME
// prefix and how it ends. Namespace and Name hold the text before "~" or "$".
type GroupPattern struct {
	Kind      int
	Format    string
	Namespace string // the namespace, or the namespace prefix for PatternNamespacePrefix
	Name      string // the name, or the name prefix for PatternNamePrefix
}

// NamespaceMandatory reports whether a package-group pattern of the format that gives a
// name must give a namespace: maven, swift and generic (the package-group syntax page; for
// generic this is stricter than package ARNs, where a namespace is optional).
func NamespaceMandatory(format string) bool {
	return format == "maven" || format == "swift" || format == "generic"
}

// NormalizeGroupName returns a name (or name prefix) of a group pattern in the form
// CodeArtifact matches it: PyPI and NuGet as NormalizePackageName, Swift lower-cased
// (the User Guide says Swift names are matched normalised; lower-casing is the
// normalisation [inferred from the Swift package-name rules, unverified]).
func NormalizeGroupName(format, name string) string {
	if format == "swift" {
		return strings.ToLower(name)
	}
	return NormalizePackageName(format, name)
}

// String returns the pattern as CodeArtifact writes it.
func (p GroupPattern) String() string {
	switch p.Kind {
	case PatternRoot:
		return "/*"
	case PatternFormat:
		return "/" + p.Format + "/*"
	case PatternNamespacePrefix:
		return "/" + p.Format + "/" + p.Namespace + "~"
	case PatternNamespace:
		return "/" + p.Format + "/" + p.Namespace + "/*"
	case PatternNamePrefix:
		return "/" + p.Format + "/" + p.Namespace + "/" + p.Name + "~"
	}
	return "/" + p.Format + "/" + p.Namespace + "/" + p.Name + "$"
}

// URLEncoded is the pattern as it ends a package group's ARN (facts/package-groups.md:
// arn:...:package-group/DOMAIN followed by the URL-encoded pattern).
func (p GroupPattern) URLEncoded() string { return url.PathEscape(p.String()) }

// Matches reports whether the package FORMAT/NAMESPACE/NAME belongs to the pattern's set.
func (p GroupPattern) Matches(format, namespace, name string) bool {
	if p.Kind == PatternRoot {
		return true
	}
	if p.Format != format {
		return false
	}
	switch p.Kind {
	case PatternFormat:
		return true
	case PatternNamespacePrefix:
		return namespace != "" && strings.HasPrefix(namespace, p.Namespace)
	case PatternNamespace:
		return namespace == p.Namespace
	case PatternNamePrefix:
		return namespace == p.Namespace && strings.HasPrefix(name, p.Name)
	}
	return namespace == p.Namespace && name == p.Name
}

// Contains reports whether every package of q's set is in p's set.
func (p GroupPattern) Contains(q GroupPattern) bool {
	containsChecks.Add(1)
	switch {
	case p.Kind == PatternRoot:
		return true
	case q.Kind == PatternRoot || p.Format != q.Format:
		return false
	case p.Kind == PatternFormat:
		return true
	case q.Kind == PatternFormat:
		return false
	case p.Kind == PatternNamespacePrefix:
		return q.Namespace != "" && strings.HasPrefix(q.Namespace, p.Namespace)
	case q.Kind == PatternNamespacePrefix:
		return false
	case p.Namespace != q.Namespace:
		return false
	case p.Kind == PatternNamespace:
		return true
	case q.Kind == PatternNamespace:
		return false
	case p.Kind == PatternNamePrefix:
		return strings.HasPrefix(q.Name, p.Name)
	}
	return q.Kind == PatternPackage && q.Name == p.Name
}

// MoreSpecific reports whether p is more specific than q, for two patterns that both match
// one package (which then nest): the more specific kind, then the longer prefix.
func (p GroupPattern) MoreSpecific(q GroupPattern) bool {
	if p.Kind != q.Kind {
		return p.Kind > q.Kind
	}
	return len(p.Namespace)+len(p.Name) > len(q.Namespace)+len(q.Name)
}

// ParseGroupPattern parses a package-group pattern, normalising PyPI, NuGet and Swift
// names. It returns a problem in plain words, or "", for the shapes of the syntax page:
// /*, /F/*, /F/NS~, /F/NS/*, /F/NS/P~ and /F/NS/N$, with an empty NS for formats without
// namespaces and a non-empty one for maven, swift and generic.
func ParseGroupPattern(text string) (GroupPattern, string) {
	if text == "/*" {
		return GroupPattern{Kind: PatternRoot}, ""
	}
	if len(text) > PackageGroupPatternMx {
		return GroupPattern{}, "is longer than " + strconv.Itoa(PackageGroupPatternMx) + " characters"
	}
	rest, ok := strings.CutPrefix(text, "/")
	if !ok {
		return GroupPattern{}, "does not start with \"/\" (a pattern is /FORMAT/NAMESPACE/NAME ending in $, ~ or *)"
	}
	format, rest, ok := strings.Cut(rest, "/")
	f, known := LookupFormat(format)
	switch {
	case !ok && format == "*":
		return GroupPattern{Kind: PatternRoot}, ""
	case !known:
		return GroupPattern{}, "names the unknown format \"" + format + "\" (one of " + strings.Join(Formats, ", ") + ")"
	case !ok:
		return GroupPattern{}, "ends after the format; write /" + format + "/* for every " + format + " package"
	case rest == "*":
		return GroupPattern{Kind: PatternFormat, Format: format}, ""
	}
	ns, name, hasName := strings.Cut(rest, "/")
	p := GroupPattern{Format: format, Namespace: ns}
	if !hasName {
		prefix, isPrefix := strings.CutSuffix(ns, "~")
		if !isPrefix || prefix == "" {
			return GroupPattern{}, "has a namespace \"" + ns + "\" without a name; end it with ~ for a namespace prefix, or add /* for every package of the namespace"
		}
		p.Kind, p.Namespace = PatternNamespacePrefix, prefix
	} else {
		switch {
		case name == "*":
			p.Kind = PatternNamespace
		case strings.HasSuffix(name, "~") && len(name) > 1:
			p.Kind, p.Name = PatternNamePrefix, strings.TrimSuffix(name, "~")
		case strings.HasSuffix(name, "$") && len(name) > 1:
			p.Kind, p.Name = PatternPackage, strings.TrimSuffix(name, "$")
		default:
			return GroupPattern{}, "has a name \"" + name + "\" that does not end in $ (one package), ~ (a name prefix) or * (every name)"
		}
	}
	if problem := patternText(p.Namespace, "namespace"); problem != "" {
		return GroupPattern{}, problem
	}
	if problem := patternText(p.Name, "name"); problem != "" {
		return GroupPattern{}, problem
	}
	switch {
	case f.Namespace == "" && p.Namespace != "":
		return GroupPattern{}, "gives the namespace \"" + p.Namespace + "\", but " + format + " packages have no namespace; leave it empty: /" + format + "//NAME$"
	case p.Namespace == "" && (p.Kind == PatternNamespace && NamespaceMandatory(format)):
		return GroupPattern{}, "gives no namespace, which every " + format + " package has; write /" + format + "/* for every package"
	case p.Namespace == "" && p.Kind >= PatternNamePrefix && NamespaceMandatory(format):
		return GroupPattern{}, "gives a name without a namespace, which every " + format + " package has"
	case f.NamespaceSigil != "" && strings.HasPrefix(p.Namespace, f.NamespaceSigil):
		return GroupPattern{}, "writes the " + format + " " + f.Namespace + " with \"" + f.NamespaceSigil + "\", which CodeArtifact does not store; write \"" + strings.TrimPrefix(p.Namespace, f.NamespaceSigil) + "\""
	}
	if format == "swift" {
		p.Namespace = strings.ToLower(p.Namespace)
	}
	p.Name = NormalizeGroupName(format, p.Name)
	return p, ""
}

// patternText checks a namespace or name of a pattern: no "/", "*", "~", "$", "#", white
// space or control characters, at most 255 characters.
func patternText(s, what string) string {
	if len(s) > 255 {
		return "has a " + what + " longer than 255 characters"
	}
	for _, r := range s {
		if strings.ContainsRune("/*~$#?", r) || unicode.IsSpace(r) || unicode.Is(unicode.C, r) {
			return "has a " + what + " \"" + s + "\" with the character " + quoteRune(r) + ", which a pattern cannot hold there"
		}
	}
	return ""
}

func quoteRune(r rune) string {
	if unicode.IsPrint(r) {
		return strconv.QuoteRune(r)
	}
	return fmt.Sprintf("%U", r)
}

// GroupPatternText writes the pattern of a package group given in the spec's readable form:
// a format and at most one of a namespace prefix, or a namespace with at most one of a
// name prefix and a package name. It does not check the parts (ParseGroupPattern does).
func GroupPatternText(format, namespace, namespacePrefix, prefix, pkg string) string {
	switch {
	case namespacePrefix != "":
		return "/" + format + "/" + namespacePrefix + "~"
	case prefix != "":
		return "/" + format + "/" + namespace + "/" + prefix + "~"
	case pkg != "":
		return "/" + format + "/" + namespace + "/" + pkg + "$"
	case namespace != "":
		return "/" + format + "/" + namespace + "/*"
	}
	return "/" + format + "/*"
}

// Label returns words that name the pattern in a Terraform address: "npm_acme" for
// /npm/acme/*, "npm_acme_ui_prefix" for /npm/acme/ui~, "all_formats" for /*. Callers make an
// identifier of it and report collisions.
func (p GroupPattern) Label() string {
	switch p.Kind {
	case PatternRoot:
		return "all_formats"
	case PatternFormat:
		return p.Format
	case PatternNamespacePrefix:
		return p.Format + "_" + p.Namespace + "_prefix"
	case PatternNamespace:
		return p.Format + "_" + p.Namespace
	case PatternNamePrefix:
		return p.Format + "_" + p.Namespace + "_" + p.Name + "_prefix"
	}
	return p.Format + "_" + p.Namespace + "_" + p.Name
}
