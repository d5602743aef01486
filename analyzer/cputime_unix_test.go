//go:build unix

package analyzer

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, garbage collection
// included. Benchmarks compare it rather than wall time: on a machine
// shared with other work, wall time counts the waits for a core too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
