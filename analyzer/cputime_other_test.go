//go:build !unix

package analyzer

import "time"

// cpuTime falls back to wall time where the process' CPU time is not at hand.
func cpuTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
