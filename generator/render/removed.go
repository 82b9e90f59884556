package render

import (
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/model"
)

// RequiredVersion is the Terraform (and OpenTofu) version the rendered files need, and
// RemovedRequiredVersion the one they need when they hold a removed block: Terraform added
// removed blocks in 1.7. OpenTofu has them since 1.7 too, but accepts their lifecycle
// block only since 1.10 (opentofu v1.10.6 CHANGELOG, "removed blocks can now include
// lifecycle"); an older OpenTofu fails at validate, before it changes anything.
const (
	RequiredVersion        = ">= 1.5.0"
	RemovedRequiredVersion = ">= 1.7.0"
)

// requiredVersion returns the terraform block's required_version for m.
func requiredVersion(m *model.Model) string {
	for _, r := range m.Removed {
		if r.Forget {
			return RemovedRequiredVersion
		}
	}
	if importsAny(m) {
		return ImportRequiredVersion
	}
	return RequiredVersion
}

// removals appends, for each domain or repository the spec removed, a removed block with
// lifecycle { destroy = false } when the spec forgets it, and a comment saying that
// Terraform destroys it when the spec acknowledges the loss.
//
// destroy = false is always written out: without a lifecycle block Terraform destroys the
// object (its Removed.Destroy defaults to true) while OpenTofu forgets it (its default is
// false, internal/configs/removed.go of both), so only the explicit form means the same to
// both.
func removals(b *file, m *model.Model) {
	for _, r := range m.Removed {
		what := strings.ToUpper(r.Kind[:1]) + r.Kind[1:] + " " + r.Name
		if !r.Forget {
			b.comment(what + " is removed from the spec and Terraform DESTROYS it, with every package in it.\nAcknowledged in the spec: " + r.Reason)
			continue
		}
		forget(b, what+" is removed from the spec and forgotten: Terraform stops managing it and\nleaves it in AWS with every package in it, and its permissions policy for other\naccounts, if it has one.\nReason: "+r.Reason, r.Address)
		// Its resource policy for other accounts (cross_account.tf), if it had one, stays
		// as it is too; for an address that is not in the state the block does nothing.
		forget(b, "", r.PolicyAddress)
	}
}

// forget appends a removed block with lifecycle { destroy = false } for address.
func forget(b *file, comment, address string) {
	body := b.commentedBlock(comment, "removed")
	body.setAttr("from", ref(address))
	body.newline()
	lc := body.newBlock("lifecycle")
	lc.setAttr("destroy", boolean(false))
}

// comment appends comment lines that stand alone, between blocks.
func (f *file) comment(text string) {
	f.chunks = append(f.chunks, chunk{comment: text, raw: true})
}
