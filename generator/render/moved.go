package render

import (
	"strconv"

	"github.com/hashicorp/hcl/v2/hclwrite"
)

// moved appends a moved block from the old address to the new one, with a comment.
func moved(b *hclwrite.Body, comment, from, to string) {
	body := commentedBlock(b, comment, "moved")
	body.SetAttributeRaw("from", ref(from))
	body.SetAttributeRaw("to", ref(to))
}

// instance returns the address of one instance of a for_each resource.
func instance(address, key string) string {
	return address + "[" + strconv.Quote(key) + "]"
}
