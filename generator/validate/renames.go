package validate

import (
	"fmt"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/aws"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// repositoryRenames checks previous_name and acknowledge_package_loss on repositories. AWS
// has no API to rename a repository, so a rename replaces it and deletes its packages.
func (c *checker) repositoryRenames(repos []spec.Repository) {
	previous := map[string]spec.String{}
	for i := range repos {
		r := &repos[i]
		prev, ack := r.PreviousName, r.AcknowledgePackageLoss
		if ack.Set && !prev.Set {
			c.errorf("VALID056", ack.Pos, "acknowledge_package_loss goes with previous_name; remove it.", "acknowledge_package_loss without previous_name")
		}
		if !prev.Set {
			continue
		}
		c.renameTarget(prev, r.Name, "repository", exact, func(name string) bool { _, ok := c.repos[name]; return ok })
		if !aws.RepositoryName.MatchString(prev.Value) {
			c.errorf("VALID057", prev.Pos, "previous_name is the name the repository has in AWS today.", "invalid previous repository name %q", prev.Value)
		}
		if first, dup := previous[prev.Value]; dup {
			c.errorf("VALID058", prev.Pos, fmt.Sprintf("Line %d renames %s already.", first.Pos.Line, prev.Value), "repository %s is renamed twice", prev.Value)
		}
		previous[prev.Value] = prev
		if len(strings.Fields(ack.Value)) < 3 {
			c.errorf("VALID059", prev.Pos, fmt.Sprintf("AWS cannot rename a CodeArtifact repository: Terraform would delete %s with every package in it and create %s empty. "+
				"To keep the packages, keep the old name, or create %s with %s as an upstream and copy the packages (aws codeartifact copy-package-versions) before removing %s. "+
				"If losing them is acceptable, say why in acknowledge_package_loss.", prev.Value, r.Name.Value, r.Name.Value, prev.Value, prev.Value),
				"renaming repository %s to %s deletes every package in it", prev.Value, r.Name.Value)
		}
		if r.PreventDestroy.Or(true) {
			c.errorf("VALID060", prev.Pos, "prevent_destroy (the default) stops Terraform from replacing the repository, so the rename would fail at plan. Set prevent_destroy: false for the rename.",
				"repository %s is renamed but protected from destruction", r.Name.Value)
		}
	}
}

// iamRenames checks previous_name on roles or policies.
func (c *checker) iamRenames(items []spec.String, previous []spec.String, what string, max int, exists func(string) bool) {
	seen := map[string]spec.String{}
	for i, prev := range previous {
		if !prev.Set {
			continue
		}
		c.iamName(prev, what, max)
		c.renameTarget(prev, items[i], what, lower, exists)
		if first, dup := seen[lower(prev.Value)]; dup {
			c.errorf("VALID058", prev.Pos, fmt.Sprintf("Line %d renames %s already.", first.Pos.Line, prev.Value), "%s %s is renamed twice", what, prev.Value)
		}
		seen[lower(prev.Value)] = prev
	}
}

// renameTarget reports a previous name that is the current name or another item's name.
func (c *checker) renameTarget(prev, name spec.String, what string, key func(string) string, exists func(string) bool) {
	switch {
	case key(prev.Value) == key(name.Value):
		c.errorf("VALID061", prev.Pos, "previous_name is the old name; remove it when the name has not changed.", "%s %s: previous_name is its current name", what, name.Value)
	case exists(prev.Value):
		c.errorf("VALID061", prev.Pos, fmt.Sprintf("A %s named %s is still in the spec, so it cannot also be the old name of %s.", what, prev.Value, name.Value), "previous_name %s is the name of another %s", prev.Value, what)
	}
}
