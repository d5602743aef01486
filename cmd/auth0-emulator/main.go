// Command auth0-emulator serves the emulated Auth0 Management API for
// Hooks (package tenant/mgmtapi/emulator) on a loopback port, for trying
// hooks2actions against a tenant without having one.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/hooks2actions/hooks2actions/tenant/mgmtapi/emulator"
)

const usage = `Usage: auth0-emulator [flags]

Serves the Auth0 Management API endpoints hooks2actions uses (POST
/oauth/token, GET /api/v2/hooks, /api/v2/hooks/{id}, /api/v2/hooks/{id}/secrets,
PATCH /api/v2/hooks/{id}, and the Actions endpoints apply writes through:
/api/v2/actions/actions, .../{id}, .../{id}/deploy, /api/v2/actions/triggers and
.../{triggerId}/bindings) on 127.0.0.1, under a path prefix, until interrupted. It prints the base
URL to give hooks2actions as --api-url and the client credentials it
accepts, as KEY=VALUE lines ready for a credentials file.

Flags:
%s
Seed file (--hooks): a JSON array of hooks, as the Management API shows
them plus their secrets. Unknown fields are an error.

  [
    {
      "id": "01GQN0P0E63V4RXZHGTCF0N5XJ",
      "name": "add-claims",
      "triggerId": "credentials-exchange",
      "enabled": true,
      "script": "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };",
      "dependencies": { "axios": "1.6.0" },
      "secrets": { "API_KEY": "value, masked as _VALUE_NOT_SHOWN_ by GET /secrets" }
    }
  ]

"id" may be left out (one is made up); "name" is required. triggerId is
one of credentials-exchange, pre-user-registration, post-user-registration,
post-change-password, send-phone-message (any other value is served as is,
to see how a client copes).

Exit codes: 0 stopped by a signal, 2 usage or seed file error, 3 runtime failure.
`

const (
	exitUsage   = 2
	exitRuntime = 3
)

type options struct {
	port      int
	hooksFile string
	generate  int
	clientID  string
	domain    string
	prefix    string
	burst     int
	perSecond float64
	latency   time.Duration
	scopes    []string
	echo      bool
	total     int
	list      emulator.HookList
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stdout)
	if errors.Is(err, pflag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "auth0-emulator: %v (see --help)\n", err)
		return exitUsage
	}
	hooks, err := seedHooks(o)
	if err != nil {
		fmt.Fprintf(stderr, "auth0-emulator: %v\n", err)
		return exitUsage
	}
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.port)))
	if err != nil {
		fmt.Fprintf(stderr, "auth0-emulator: %v\n", err)
		return exitRuntime
	}
	srv := emulator.New(serverOptions(o, hooks)...)
	srv.Serve(l)
	defer srv.Close()
	printBanner(stdout, srv, o, len(hooks))
	<-ctx.Done()
	fmt.Fprintln(stderr, "auth0-emulator: stopping")
	return 0
}

func parseFlags(args []string, stdout io.Writer) (options, error) {
	var o options
	fs := pflag.NewFlagSet("auth0-emulator", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.IntVar(&o.port, "port", 8089, "port to listen on, on 127.0.0.1 (0 = any free port)")
	fs.StringVar(&o.hooksFile, "hooks", "", "JSON seed file of hooks (format below)")
	fs.IntVar(&o.generate, "generate", 0, "also serve this many synthetic hooks")
	fs.StringVar(&o.clientID, "client-id", "emulator-client", "client id the token endpoint accepts (the secret is random)")
	fs.StringVar(&o.domain, "domain", "", "tenant domain whose audience https://DOMAIN/api/v2/ the token endpoint expects\n(default: the base URL's /api/v2/, what a client given only --api-url sends)")
	fs.StringVar(&o.prefix, "prefix", "", "path prefix, starting with / (default: a random /emu-...)")
	fs.IntVar(&o.burst, "rate-burst", 0, "enforce a token-bucket rate limit of this burst (0 = none)")
	fs.Float64Var(&o.perSecond, "rate-per-second", 2, "sustained rate of the limit, requests per second")
	fs.DurationVar(&o.latency, "latency", 0, "added latency per request, e.g. 20ms")
	fs.StringSliceVar(&o.scopes, "scopes", []string{"read:hooks", "read:actions"}, "scopes granted to tokens, comma-separated (apply --yes also needs\ncreate:actions,update:actions; --disable-hooks update:hooks)")
	fs.BoolVar(&o.echo, "echo-credentials", false, "misbehave: quote the client secret and the token in every error body")
	fs.IntVar(&o.total, "reported-total", -1, "misbehave: the hook list's total says this, whatever the truth (-1 = the truth)")
	fs.BoolVar(&o.list.Bare, "bare-list", false, "misbehave: the hook list is a plain array even with include_totals=true")
	fs.IntVar(&o.list.PageCap, "page-cap", 0, "misbehave: the hook list serves at most this many hooks a page, whatever per_page asks (0 = no cap)")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case *help:
		fmt.Fprintf(stdout, usage, fs.FlagUsages())
		return o, pflag.ErrHelp
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case o.port < 0 || o.port > 65535:
		return o, fmt.Errorf("--port %d is out of range", o.port)
	case o.generate < 0:
		return o, fmt.Errorf("--generate must not be negative")
	case o.list.PageCap < 0:
		return o, fmt.Errorf("--page-cap must not be negative")
	case o.prefix != "" && (o.prefix[0] != '/' || len(o.prefix) < 2):
		return o, fmt.Errorf("--prefix must start with / and name something")
	case o.burst < 0 || (o.burst > 0 && o.perSecond <= 0):
		return o, fmt.Errorf("--rate-burst and --rate-per-second must be positive")
	}
	return o, nil
}

// seedHooks reads the seed file, strictly, and adds the synthetic hooks.
func seedHooks(o options) ([]emulator.Hook, error) {
	var hooks []emulator.Hook
	if o.hooksFile != "" {
		data, err := os.ReadFile(o.hooksFile)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&hooks); err != nil {
			return nil, fmt.Errorf("reading %s: %v", o.hooksFile, err)
		}
		if err := checkSeed(hooks); err != nil {
			return nil, fmt.Errorf("reading %s: %v", o.hooksFile, err)
		}
	}
	return append(hooks, emulator.SyntheticHooks(o.generate)...), nil
}

func checkSeed(hooks []emulator.Hook) error {
	ids := make(map[string]int)
	for i, h := range hooks {
		if h.Name == "" {
			return fmt.Errorf("hook %d has no name", i+1)
		}
		if first, dup := ids[h.ID]; dup && h.ID != "" {
			return fmt.Errorf("hooks %d and %d have the same id %q", first, i+1, h.ID)
		}
		ids[h.ID] = i + 1
	}
	return nil
}

func serverOptions(o options, hooks []emulator.Hook) []emulator.Option {
	opts := []emulator.Option{
		emulator.WithHooks(hooks...),
		emulator.WithClient(o.clientID, ""),
		emulator.WithLatency(o.latency),
		emulator.WithScopes(o.scopes...),
	}
	if o.domain != "" {
		opts = append(opts, emulator.WithDomain(o.domain))
	}
	if o.prefix != "" {
		opts = append(opts, emulator.WithPrefix(o.prefix))
	}
	if o.burst > 0 {
		opts = append(opts, emulator.WithRateLimit(o.burst, o.perSecond))
	}
	if o.echo {
		opts = append(opts, emulator.WithEchoCredentials())
	}
	if o.total >= 0 {
		opts = append(opts, emulator.WithReportedTotal(o.total))
	}
	if o.list != (emulator.HookList{}) {
		opts = append(opts, emulator.WithHookList(o.list))
	}
	return opts
}

// printBanner says how to point hooks2actions at the emulator. Printing
// the secret is the point: it is the emulator's own, made up at start.
func printBanner(w io.Writer, srv *emulator.Server, o options, n int) {
	hooks := "hooks"
	if n == 1 {
		hooks = "hook"
	}
	fmt.Fprintf(w, "auth0-emulator: serving %d %s at %s\n", n, hooks, srv.URL())
	fmt.Fprintf(w, "audience: %s\n", srv.Audience())
	if o.burst > 0 {
		fmt.Fprintf(w, "rate limit: burst %d, %g requests per second\n", o.burst, o.perSecond)
	}
	fmt.Fprintln(w, "credentials (save as a credentials file, or export):")
	if o.domain != "" {
		fmt.Fprintf(w, "AUTH0_DOMAIN=%s\n", o.domain)
	}
	fmt.Fprintf(w, "AUTH0_CLIENT_ID=%s\nAUTH0_CLIENT_SECRET=%s\n", srv.ClientID(), srv.ClientSecret())
	fmt.Fprintf(w, "then: hooks2actions ... --api-url %s\n", srv.URL())
	fmt.Fprintln(w, "Ctrl-C stops it.")
}
