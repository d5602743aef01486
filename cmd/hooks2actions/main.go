// Command hooks2actions audits Auth0 Hooks before their migration to
// Actions. This package only parses flags, wires tenant, analyzer and
// reports together, and decides the exit code.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/pflag"
)

const programName = "hooks2actions"

// Exit codes. Findings and failures never share a code, so that a CI gate
// can tell "the hooks need work" from "the tool could not tell".
// Code 1 (exitFindings) is check's alone: findings at or above the gate.
const (
	exitOK = 0
	// exitUsage is a usage or input error: bad flag, unknown trigger or
	// format, missing or unreadable file.
	exitUsage = 2
	// exitRuntime is a failure while running, such as an I/O error.
	exitRuntime = 3
)

func main() {
	os.Exit(run(os.Args[1:], systemStreams()))
}

// run is the whole program minus the process: tests call it directly.
func run(args []string, s *streams) int {
	fs := newFlagSet(programName)
	// Stop at the command name: the rest belongs to the command.
	fs.SetInterspersed(false)
	help := fs.BoolP("help", "h", false, "show this help")
	showVersion := fs.Bool("version", false, "print the version")
	if err := fs.Parse(args); err != nil {
		return s.usageError("", err)
	}
	switch {
	case *help:
		fmt.Fprint(s.Out, rootUsage(fs))
		return exitOK
	case *showVersion:
		return runVersion(nil, s)
	case fs.NArg() == 0:
		fmt.Fprint(s.Err, rootUsage(fs))
		return exitUsage
	}
	command, rest := fs.Arg(0), fs.Args()[1:]
	switch command {
	case "analyze":
		return runAnalyze(rest, s)
	case "fetch":
		return runFetch(rest, s)
	case "check":
		return runCheck(rest, s)
	case "migrate":
		return runMigrate(rest, s)
	case "version":
		return runVersion(rest, s)
	case "help":
		return runHelp(rest, s, fs)
	}
	return s.usageError("", fmt.Errorf("unknown command %q", command))
}

// newFlagSet returns a flag set that reports errors to its caller and
// prints nothing itself: run decides what goes to stderr.
func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	return fs
}

func runVersion(args []string, s *streams) int {
	if len(args) > 0 {
		return s.usageError("", errors.New("version takes no arguments"))
	}
	fmt.Fprintf(s.Out, "%s %s\n", programName, version())
	return exitOK
}

// version is the module version stamped by the go command, "(devel)" for
// builds from a working tree without one.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}

func runHelp(args []string, s *streams, root *pflag.FlagSet) int {
	switch {
	case len(args) == 0:
		fmt.Fprint(s.Out, rootUsage(root))
		return exitOK
	case len(args) == 1 && args[0] == "analyze":
		fmt.Fprint(s.Out, analyzeUsage(analyzeFlags(&analyzeOptions{})))
		return exitOK
	case len(args) == 1 && args[0] == "migrate":
		fmt.Fprint(s.Out, migrateUsage(migrateFlags(&migrateOptions{})))
		return exitOK
	case len(args) == 1 && args[0] == "check":
		fmt.Fprint(s.Out, checkUsage(checkFlags(&checkOptions{})))
		return exitOK
	case len(args) == 1 && args[0] == "fetch":
		fmt.Fprint(s.Out, fetchUsage(fetchFlags(&fetchOptions{})))
		return exitOK
	case len(args) == 1 && args[0] == "version":
		fmt.Fprint(s.Out, versionUsage)
		return exitOK
	}
	return s.usageError("", fmt.Errorf("no help for %q", args))
}
