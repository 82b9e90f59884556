package tofuverify

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// scrubBackends blanks every `backend` and `cloud` block inside
// `terraform` blocks of the copied *.tf files, keeping every newline so
// that line numbers still match the source. A backend would make plan
// demand `tofu init`, which needs the network. Files that do not parse are
// left for validate to report.
func (r *run) scrubBackends() error {
	for name := range r.files {
		if !strings.HasSuffix(name, ".tf") {
			continue
		}
		path := filepath.Join(r.m.workDir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if out, changed := scrubBackendBlocks(src, name); changed {
			if err := os.WriteFile(path, out, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// scrubBackendBlocks returns src with backend and cloud blocks replaced by
// spaces (newlines kept), and whether it changed anything.
func scrubBackendBlocks(src []byte, filename string) ([]byte, bool) {
	f, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return src, false
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return src, false
	}
	out, changed := src, false
	for _, tb := range body.Blocks {
		if tb.Type != "terraform" {
			continue
		}
		for _, b := range tb.Body.Blocks {
			if b.Type != "backend" && b.Type != "cloud" {
				continue
			}
			if !changed {
				out, changed = append([]byte(nil), src...), true
			}
			rng := b.Range()
			for i := rng.Start.Byte; i < rng.End.Byte && i < len(out); i++ {
				if out[i] != '\n' {
					out[i] = ' '
				}
			}
		}
	}
	return out, changed
}
