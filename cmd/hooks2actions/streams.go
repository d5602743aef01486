package main

import (
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// streams is where the program writes, and whether standard output takes
// colour. Like gh's IOStreams, the colour decision is made once, here,
// from the environment; renderers are only told the answer.
type streams struct {
	Out io.Writer
	Err io.Writer
	// ColorOut is true when styled text may be written to Out.
	ColorOut bool
	// Getenv reads the environment: credentials come only from there (or
	// a file), never from flags.
	Getenv func(string) string
	// ProgressErr is true when Err is a terminal that may show progress;
	// progress never goes to a pipe or a log.
	ProgressErr bool
}

// progress shows "label done/total" on one terminal line, redrawn in place.
func (s *streams) progress(label string) func(done, total int) {
	if !s.ProgressErr {
		return nil
	}
	return func(done, total int) { fmt.Fprintf(s.Err, "\r%s %d/%d\x1b[K", label, done, total) }
}

// endProgress clears the progress line.
func (s *streams) endProgress() {
	if s.ProgressErr {
		fmt.Fprint(s.Err, "\r\x1b[K")
	}
}

func systemStreams() *streams {
	return &streams{
		Out:      os.Stdout,
		Err:      os.Stderr,
		ColorOut: colorEnabled(os.Getenv, isTerminal(os.Stdout)),
		Getenv:   os.Getenv,
		// NO_COLOR users asked for plain output; spare them redraws too.
		ProgressErr: isTerminal(os.Stderr) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb",
	}
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// colorEnabled follows the common conventions: NO_COLOR (no-color.org)
// turns colour off and wins over everything, CLICOLOR_FORCE turns it on
// even through a pipe, CLICOLOR=0 and TERM=dumb turn it off; otherwise
// colour goes to terminals only.
func colorEnabled(getenv func(string) string, terminal bool) bool {
	switch {
	case getenv("NO_COLOR") != "":
		return false
	case getenv("CLICOLOR_FORCE") != "" && getenv("CLICOLOR_FORCE") != "0":
		return true
	case getenv("CLICOLOR") == "0", getenv("TERM") == "dumb":
		return false
	}
	return terminal
}

// usageError reports a mistake in the command line, with a pointer to the
// help of the command (or of the program when command is "").
func (s *streams) usageError(command string, err error) int {
	helpArgs := "--help"
	if command != "" {
		helpArgs = command + " --help"
	}
	fmt.Fprintf(s.Err, "%s: %v\nRun '%s %s' for usage.\n", programName, err, programName, helpArgs)
	return exitUsage
}

// fail reports an error that is not about the command line and returns code.
func (s *streams) fail(code int, err error) int {
	fmt.Fprintf(s.Err, "%s: %v\n", programName, err)
	return code
}
