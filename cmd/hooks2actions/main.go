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
	"strings"

	"github.com/spf13/pflag"
)

const programName = "hooks2actions"

// Exit codes. Findings and failures never share a code, so that a CI gate
// can tell "the hooks need work" from "the tool could not tell".
// Code 1 is check's findings at or above the gate (exitFindings), a
// preview's pending changes (exitChangesPending), and verify's drafts that
// differ from their hooks.
const (
	exitOK = 0
	// exitChangesPending is a preview (apply without --yes, migrate --into
	// --dry-run) saying it would change something, so that CI can detect
	// drift (terraform plan -detailed-exitcode, kubectl diff).
	exitChangesPending = 1
	// exitUsage is a usage or input error: bad flag, unknown trigger or
	// format, missing or unreadable file.
	exitUsage = 2
	// exitRuntime is a failure while running, such as an I/O error.
	exitRuntime = 3
)

func main() {
	stop := handleSignals(os.Exit)
	code := run(os.Args[1:], systemStreams())
	stop()
	os.Exit(code)
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
	name, rest := fs.Arg(0), fs.Args()[1:]
	if name == "help" {
		return runHelp(rest, s, fs)
	}
	if c, ok := lookupCommand(name); ok {
		return c.run(rest, s)
	}
	return s.usageError("", fmt.Errorf("unknown command %q", name))
}

// command is one subcommand: how it runs and its help.
type command struct {
	name  string
	run   func(args []string, s *streams) int
	usage func() string
}

var commands = []command{
	{"analyze", runAnalyze, func() string { return analyzeUsage(analyzeFlags(&analyzeOptions{})) }},
	{"check", runCheck, func() string { return checkUsage(checkFlags(&checkOptions{})) }},
	{"migrate", runMigrate, func() string { return migrateUsage(migrateFlags(&migrateOptions{})) }},
	{"verify", runVerify, func() string { return verifyUsage(verifyFlags(&analyzeOptions{})) }},
	{"fetch", runFetch, func() string { return fetchUsage(fetchFlags(&fetchOptions{})) }},
	{"apply", runApply, func() string { return applyUsage(applyFlags(&applyOptions{})) }},
	{"version", runVersion, func() string { return versionUsage }},
}

func lookupCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// parseCommand parses a command's flags. done is true when the command is
// over already: a usage error (code 2) or --help shown (code 0).
func (s *streams) parseCommand(name string, fs *pflag.FlagSet, args []string, help *bool, usage func(*pflag.FlagSet) string) (code int, done bool) {
	if err := fs.Parse(args); err != nil {
		return s.usageError(name, err), true
	}
	if *help {
		fmt.Fprint(s.Out, usage(fs))
		return exitOK, true
	}
	return exitOK, false
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
	fs := newFlagSet("version")
	help := fs.BoolP("help", "h", false, "show this help")
	if code, done := s.parseCommand("version", fs, args, help, func(*pflag.FlagSet) string { return versionUsage }); done {
		return code
	}
	if fs.NArg() > 0 {
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
	if len(args) == 0 {
		fmt.Fprint(s.Out, rootUsage(root))
		return exitOK
	}
	if len(args) == 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(s.Out, helpUsage)
		return exitOK
	}
	if c, ok := lookupCommand(args[0]); ok && len(args) == 1 {
		fmt.Fprint(s.Out, c.usage())
		return exitOK
	}
	if len(args) > 1 {
		return s.usageError("", fmt.Errorf("help takes one command, not %d words: %s", len(args), strings.Join(args, " ")))
	}
	return s.usageError("", fmt.Errorf("no help for %q: not a command", args[0]))
}
