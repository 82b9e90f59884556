//go:build unix

package generator

import "syscall"

// openNonBlocking makes opening a named pipe return at once instead of waiting for a
// writer; it does not change reads from a regular file.
const openNonBlocking = syscall.O_NONBLOCK
