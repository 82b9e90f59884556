package tfname

import "testing"

func TestConfigFiles(t *testing.T) {
	tests := []struct {
		name     string
		ext      string
		override bool
	}{
		{"main.tf", ".tf", false},
		{"main.tf.json", ".tf.json", false},
		{"main.tofu", ".tofu", false},
		{"main.tofu.json", ".tofu.json", false},
		{"override.tf", ".tf", true},
		{"override.tf.json", ".tf.json", true},
		{"iam_override.tf", ".tf", true},
		{"iam_override.tofu.json", ".tofu.json", true},
		{"overrides.tf", ".tf", false},
		{"my-override.tf", ".tf", false},
		{".hidden.tf", "", false},
		{"main.tf~", "", false},
		{"#main.tf#", "", false},
		{"notes.md", "", false},
		{"terraform.tfvars", "", false},
		{"x.tftest.hcl", "", false},
	}
	for _, tt := range tests {
		if got := ConfigExt(tt.name); got != tt.ext {
			t.Errorf("ConfigExt(%q) = %q, want %q", tt.name, got, tt.ext)
		}
		if got := IsOverrideFile(tt.name); got != tt.override {
			t.Errorf("IsOverrideFile(%q) = %v, want %v", tt.name, got, tt.override)
		}
	}
}
