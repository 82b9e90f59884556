package cli

import (
	"io"

	"github.com/ontopix/codeartifact-gen/generator/schema"
)

// runSchema prints the JSON Schema (draft-07) of the spec, the same bytes as the committed
// schema/codeartifact-gen.schema.json, for editors whose YAML language server reads the
// modeline "# yaml-language-server: $schema=...".
func runSchema(args []string, out, errOut io.Writer) error {
	fs := newFlags("schema", "> codeartifact-gen.schema.json", out)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if _, err := out.Write(schema.Generate()); err != nil {
		return ioError(err)
	}
	return nil
}
