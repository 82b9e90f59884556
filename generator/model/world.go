package model

import (
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
	"github.com/ontopix/codeartifact-gen/generator/tfname"
)

// Resource types of the domain and its repositories, which removals name.
const (
	DomainType     = "aws_codeartifact_domain"
	RepositoryType = "aws_codeartifact_repository"
)

// Removal is a domain or repository the spec no longer has, with what Terraform is to do
// with it (the spec's removed section).
type Removal struct {
	// Kind is "domain" or "repository".
	Kind string
	Name string
	// Address is the Terraform address it had: DomainType or RepositoryType, ".", and
	// the identifier made from Name.
	Address string
	// PolicyAddress is the address its permissions policy for other accounts had (see
	// cross_account.tf), whether or not it had one.
	PolicyAddress string
	// Forget is true when Terraform is to stop managing it and leave it in AWS; false
	// when it is to be destroyed.
	Forget bool
	// Reason is the spec's forget or acknowledge_package_loss text.
	Reason string
	// Pos is where the spec's entry for the removal starts.
	Pos diag.Pos
}

// HandWritten is a Terraform file in the output directory that the spec declares.
type HandWritten struct {
	File   string
	Reason string
	// FilePos is where the spec gives the file's name.
	FilePos diag.Pos
}

// buildWorld resolves the spec's hand_written and removed sections, in the order written
// (the renderer sorts what it writes).
func buildWorld(m *Model, f *spec.File) {
	m.RepositoriesPos = f.Keys.At("repositories", diag.Pos{File: f.Path})
	for i := range f.HandWritten {
		h := &f.HandWritten[i]
		m.HandWritten = append(m.HandWritten, &HandWritten{File: h.File.Value, Reason: h.Reason.Value, FilePos: h.File.Pos})
	}
	for i := range f.Removed {
		r := &f.Removed[i]
		rm := &Removal{Kind: "repository", Name: r.Repository.Value, Pos: r.Pos}
		typ := RepositoryType
		if r.Domain.Set {
			rm.Kind, rm.Name, typ = "domain", r.Domain.Value, DomainType
		}
		rm.Address = typ + "." + tfname.Identifier(rm.Name)
		rm.PolicyAddress = typ + "_permissions_policy." + tfname.Identifier(rm.Name)
		rm.Forget = r.Forget.Set
		rm.Reason = r.Forget.Value
		if !rm.Forget {
			rm.Reason = r.AcknowledgePackageLoss.Value
		}
		m.Removed = append(m.Removed, rm)
	}
	sortByName(m.Removed, func(r *Removal) string { return r.Address })
}
