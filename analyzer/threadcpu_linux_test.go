//go:build linux

package analyzer

import (
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTime is Linux's CLOCK_THREAD_CPUTIME_ID.
const clockThreadCPUTime = 3

// threadCPUTime is the CPU time of the calling OS thread alone, to the
// nanosecond: unlike cpuTime, it leaves out the runtime's background work
// (sweeping, returning memory to the OS) that a measure before may have
// left behind. The caller must hold its thread (runtime.LockOSThread).
// (getrusage's per-thread figure counts whole clock ticks, too coarse for
// a measure of a few milliseconds.)
func threadCPUTime() time.Duration {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return cpuTime()
	}
	return time.Duration(ts.Nano())
}
