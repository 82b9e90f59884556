package cli

import (
	"io"

	"github.com/ontopix/codeartifact-gen/generator/explain"
)

func runExplain(args []string, out, errOut io.Writer) error {
	var specs specList
	fs := newFlags("explain", "[--spec FILE] [--format text|markdown|json]", out)
	fs.Var(&specs, "spec", "spec `file` (default: the only "+DefaultSpecGlob+")")
	format := fs.String("format", "text", "output `format`: text, markdown (for a pull-request comment) or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	write := map[string]func(io.Writer, explain.Report) error{
		"text": explain.WriteText, "markdown": explain.WriteMarkdown, "json": explain.WriteJSON,
	}[*format]
	if write == nil {
		return usageError(CodeBadFlagValue, "unknown format %q: use text, markdown or json", *format)
	}
	l, err := loadOne(specs, errOut)
	if err != nil {
		return err
	}
	if err := write(out, explain.Build(l.Model, l.Lint.Findings)); err != nil {
		return ioError(err)
	}
	return nil
}
