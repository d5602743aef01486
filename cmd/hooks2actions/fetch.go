package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/tenant"
)

type fetchOptions struct {
	help   bool
	out    string
	source sourceOptions
}

func fetchFlags(o *fetchOptions) *pflag.FlagSet {
	fs := newFlagSet("fetch")
	o.source.registerLive(fs)
	fs.StringVarP(&o.out, "out", "o", "", "write the snapshot to `FILE` (required)")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

func runFetch(args []string, s *streams) int {
	var o fetchOptions
	fs := fetchFlags(&o)
	if code, done := s.parseCommand("fetch", fs, args, &o.help, fetchUsage); done {
		return code
	}
	switch {
	case fs.NArg() > 0:
		return s.usageError("fetch", fmt.Errorf("fetch takes no paths (got %q): it reads the live tenant", fs.Args()))
	case o.out == "":
		return s.usageError("fetch", errors.New("fetch needs --out FILE, where the snapshot goes"))
	}
	if o.source.domain == "" && o.source.apiURL == "" {
		o.source.domain = s.Getenv("AUTH0_DOMAIN")
	}
	if o.source.domain == "" && o.source.apiURL == "" {
		return s.usageError("fetch", errors.New("no tenant: give --domain, --api-url or set AUTH0_DOMAIN"))
	}
	inv, code, err := o.source.fetch(context.Background(), s)
	if err != nil {
		return s.fail(code, err)
	}
	var buf bytes.Buffer
	snapshot := tenant.NewSnapshot(inv, time.Now(), programName+" "+version())
	if err := snapshot.Encode(&buf); err != nil {
		return s.fail(exitRuntime, fmt.Errorf("encoding the snapshot: %w", err))
	}
	if err := writeFileAtomic(o.out, buf.Bytes(), modePrivate); err != nil {
		return s.fail(exitRuntime, err)
	}
	for _, p := range inv.Problems {
		fmt.Fprintf(s.Err, "%s: warning: %v\n", programName, p)
	}
	left := ""
	if without := len(inv.Hooks) - len(snapshot.Hooks); without > 0 {
		// A hook without a script is left out of the snapshot, which keeps
		// its warning above as a problem.
		left = fmt.Sprintf("; %s without a script left out, each kept as its problem above", plural(without, "hook", "hooks"))
	}
	fmt.Fprintf(s.Err, "%s: saved %s of %s to %s%s\n", programName, plural(len(snapshot.Hooks), "hook", "hooks"), inv.Tenant, o.out, left)
	return o.source.finish(s, exitOK)
}
