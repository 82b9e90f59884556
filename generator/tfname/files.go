package tfname

import "strings"

// Configuration file extensions, as OpenTofu 1.10 reads them from a module directory
// (internal/configs/parser_config_dir.go of opentofu v1.10.6). OpenTofu prefers a .tofu
// (.tofu.json) file over the .tf (.tf.json) file of the same base name and ignores the
// latter; Terraform reads .tf and .tf.json only.
var configExts = []string{".tf.json", ".tofu.json", ".tf", ".tofu"}

// ConfigExt returns the configuration extension of a file name (".tf", ".tf.json", ".tofu"
// or ".tofu.json"), or "" when Terraform and OpenTofu do not read the file as
// configuration: other extensions, and names they ignore (hidden files starting with ".",
// editor backups ending in "~", and "#...#").
func ConfigExt(name string) string {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || (strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")) {
		return ""
	}
	for _, ext := range configExts {
		if strings.HasSuffix(name, ext) {
			return ext
		}
	}
	return ""
}

// ConfigBase returns name without its configuration extension (name itself when it has
// none): "main" for main.tf and main.tofu.json.
func ConfigBase(name string) string {
	return strings.TrimSuffix(name, ConfigExt(name))
}

// IsOverrideFile reports whether Terraform and OpenTofu read name as an override file:
// override.tf, NAME_override.tf and their .tf.json, .tofu and .tofu.json forms. An
// override file's blocks replace the arguments of blocks of the same address in the other
// files, so it can rewrite a generated resource without touching the file that defines it.
func IsOverrideFile(name string) bool {
	if ConfigExt(name) == "" {
		return false
	}
	base := ConfigBase(name)
	return base == "override" || strings.HasSuffix(base, "_override")
}
