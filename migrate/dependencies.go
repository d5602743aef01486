package migrate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hooks2actions/hooks2actions/finding"
)

// Dependency is one npm package the Action needs.
type Dependency struct {
	Name string
	// Version is as the hook pins it; "latest" when it pins none.
	Version string
	// From says where the need comes from: "dependencies" (the hook's map)
	// and/or "require at line N".
	From []string
}

// builtins are Node's core modules, which an Action has without asking.
var builtins = map[string]bool{
	"assert": true, "async_hooks": true, "buffer": true, "child_process": true, "cluster": true,
	"console": true, "constants": true, "crypto": true, "dgram": true, "diagnostics_channel": true,
	"dns": true, "domain": true, "events": true, "fs": true, "http": true, "http2": true, "https": true,
	"inspector": true, "module": true, "net": true, "os": true, "path": true, "perf_hooks": true,
	"process": true, "punycode": true, "querystring": true, "readline": true, "repl": true,
	"stream": true, "string_decoder": true, "sys": true, "timers": true, "tls": true, "trace_events": true,
	"tty": true, "url": true, "util": true, "v8": true, "vm": true, "wasi": true, "worker_threads": true, "zlib": true,
}

// IsBuiltin reports whether a require specifier names a Node core module.
func IsBuiltin(spec string) bool {
	if strings.HasPrefix(spec, "node:") {
		return true
	}
	name, _ := ParseSpecifier(spec)
	root, _, _ := strings.Cut(name, "/")
	return builtins[root]
}

// ParseSpecifier splits a webtask-style require specifier into package
// name and pinned version: request@2.88.0, @sendgrid/mail@7.4.0 and
// lodash@4.17.21/fp (a path after the version stays out of both).
func ParseSpecifier(spec string) (name, version string) {
	scope := ""
	rest := spec
	if strings.HasPrefix(spec, "@") {
		i := strings.Index(spec, "/")
		if i < 0 {
			return spec, ""
		}
		scope, rest = spec[:i+1], spec[i+1:]
	}
	pkg, ver, found := strings.Cut(rest, "@")
	if !found {
		pkg, _, _ = strings.Cut(rest, "/")
		return scope + pkg, ""
	}
	ver, _, _ = strings.Cut(ver, "/")
	return scope + pkg, ver
}

// planDependencies merges the hook's dependencies map with the packages
// its script requires. A version declared in the map wins over one pinned
// in a require; a disagreement is reported.
func planDependencies(in HookInput) ([]Dependency, []finding.Finding) {
	h := in.Hook
	byName := map[string]*Dependency{}
	for name, version := range h.Dependencies {
		byName[name] = &Dependency{Name: name, Version: version, From: []string{"dependencies"}}
	}
	var out []finding.Finding
	if in.Result != nil {
		for _, r := range in.Result.Requires {
			if IsBuiltin(r.Specifier) || isRelative(r.Specifier) {
				continue
			}
			name, version := ParseSpecifier(r.Specifier)
			from := fmt.Sprintf("require at line %d", r.Line)
			d, seen := byName[name]
			if !seen {
				d = &Dependency{Name: name, Version: version}
				byName[name] = d
			}
			d.From = append(d.From, from)
			switch {
			case version == "" || version == d.Version:
			case d.Version == "" || d.Version == "latest":
				d.Version = version
			default:
				out = append(out, newFinding(finding.RuleDependencyConflict, h, "",
					finding.Location{File: in.Result.File, Line: r.Line, Column: r.Column},
					fmt.Sprintf("%s is required as version %s here but the hook asks for %s; the plan keeps %s", name, version, d.Version, d.Version)))
			}
		}
	}
	if in.Result != nil {
		for _, g := range runtimeGlobals(in.Result.Detail) {
			if IsBuiltin(g.Module) {
				continue
			}
			if d, seen := byName[g.Module]; seen {
				d.From = append(d.From, runtimeGlobalFrom(g))
				continue
			}
			byName[g.Module] = &Dependency{Name: g.Module, From: []string{runtimeGlobalFrom(g)}}
		}
	}
	deps := make([]Dependency, 0, len(byName))
	for _, d := range byName {
		if d.Version == "" {
			d.Version = "latest"
		}
		deps = append(deps, *d)
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	if len(deps) > MaxDependencies {
		out = append(out, newFinding(finding.RuleTooManyDependencies, h, "", h.Origin.Where(), fmt.Sprintf(
			"the Action would need %d npm dependencies; an Action may have at most %d", len(deps), MaxDependencies)))
	}
	return deps, out
}

func isRelative(spec string) bool {
	return strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || strings.HasPrefix(spec, "/")
}
