package aws

import "sync/atomic"

// containsChecks counts GroupPattern.Contains calls, for the work-counter tests of package
// groups (a pass over every group per pattern shows as n² checks).
var containsChecks atomic.Uint64

// GroupContainsChecks returns the number of GroupPattern.Contains calls made so far.
func GroupContainsChecks() uint64 { return containsChecks.Load() }
