// Package templates holds the text templates of the files that are not Terraform: the
// workflows, Taskfile and tool configuration `codeartifact-gen kit` renders for an
// application repository, and the workflow of the infrastructure repository itself.
//
// The templates use [[ and ]] as delimiters, so that the {{ }} of Task variables and the
// ${{ }} of GitHub Actions expressions pass through as text. They are executed by
// generator/kit, which owns their data; nothing here has logic worth testing.
package templates

import "embed"

// Kit holds the templates of `codeartifact-gen kit`, under kit/.
//
//go:embed kit/*.tmpl
var Kit embed.FS

// Delims are the action delimiters of every template in this package.
var Delims = [2]string{"[[", "]]"}
