package render

import (
	"strconv"
)

// moved appends a moved block from the old address to the new one, with a comment.
func moved(b *file, comment, from, to string) {
	body := b.commentedBlock(comment, "moved")
	body.setAttr("from", ref(from))
	body.setAttr("to", ref(to))
}

// instance returns the address of one instance of a for_each resource.
func instance(address, key string) string {
	return address + "[" + strconv.Quote(key) + "]"
}
