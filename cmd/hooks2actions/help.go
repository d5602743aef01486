package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// exitCodes is the table every help text ends with; CI gates rely on it.
const exitCodes = `Exit codes:
  0  success (analyze: the report was written, whatever it found)
  1  findings at or above the threshold (reserved for the coming check command)
  2  usage or input error: bad flag, unknown trigger or format,
     missing or unreadable file
  3  runtime failure, such as an I/O error writing the report
`

func rootUsage(fs *pflag.FlagSet) string {
	return `hooks2actions audits Auth0 Hooks before their migration to Actions: it
finds every secret each hook reads and what stands in the way of moving it.

Usage:
  hooks2actions <command> [flags]

Commands:
  analyze   report the secrets each hook script reads, and its findings
  version   print the version
  help      show the help of a command

Flags:
` + flagUsages(fs) + `
` + exitCodes + `
Run 'hooks2actions help <command>' for the flags of a command.
`
}

func analyzeUsage(fs *pflag.FlagSet) string {
	return `Usage:
  hooks2actions analyze [--trigger ID] [--format text|json] [--output FILE] FILE.js...

Analyze reads each hook script, finds every read of a hook secret
(context.webtask.secrets.KEY, however it is reached) and reports the keys,
each usage and the findings. The hook is named after its file. A script that
does not parse is reported with a parse-error finding and a lower-confidence
text scan; the other files are still analyzed.

Flags:
` + flagUsages(fs) + `
Text output is coloured on a terminal; NO_COLOR=1 turns colour off and
CLICOLOR_FORCE=1 turns it on through a pipe. A report written with
--output is always plain.

` + exitCodes
}

const versionUsage = `Usage:
  hooks2actions version

Version prints the version of hooks2actions (also: hooks2actions --version).
`

// flagUsages lists the flags of fs, one per line with continuation lines
// aligned. pflag's own listing marks every bool as --flag[=true|false],
// which reads as if the value were required.
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ name, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		varname, usage := pflag.UnquoteUsage(f)
		name := "    --" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		if varname != "" {
			name += " " + varname
		}
		// A usage that explains its own default keeps its wording.
		if f.DefValue != "" && f.DefValue != "false" && !strings.Contains(usage, "(default") {
			usage += " (default " + f.DefValue + ")"
		}
		rows = append(rows, row{name, usage})
		width = max(width, len(name))
	})
	var b strings.Builder
	column := 2 + width + 2
	for _, r := range rows {
		usage := wrap(r.usage, max(30, 80-column))
		indent := "\n" + strings.Repeat(" ", column)
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.name, strings.ReplaceAll(usage, "\n", indent))
	}
	return b.String()
}

// wrap breaks text into lines of at most width bytes where it can, keeping
// the line breaks it already has.
func wrap(text string, width int) string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && len(line)+1+len(word) > width {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// quoteList renders ids for flag help: "a, b or c".
func quoteList(ids []string) string {
	if len(ids) < 2 {
		return strings.Join(ids, "")
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " or " + ids[len(ids)-1]
}
