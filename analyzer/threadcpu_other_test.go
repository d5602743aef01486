//go:build !linux

package analyzer

import "time"

// threadCPUTime falls back to the process' time where a thread's is not at hand.
func threadCPUTime() time.Duration { return cpuTime() }
