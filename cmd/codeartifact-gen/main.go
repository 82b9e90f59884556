// Command codeartifact-gen renders a reviewed YAML spec of an AWS CodeArtifact registry and
// the GitHub Actions roles that use it into Terraform. See README.md.
package main

import (
	"os"

	"github.com/ontopix/codeartifact-gen/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
