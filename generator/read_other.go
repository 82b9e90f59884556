//go:build !unix

package generator

// openNonBlocking is zero where the system has no non-blocking open; ReadSpec's stat
// before opening still refuses named pipes.
const openNonBlocking = 0
