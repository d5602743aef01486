package verify

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	_ "embed"
	"errors"
	"fmt"
	"hash"
	"math/rand"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/buffer"
	"github.com/dop251/goja_nodejs/require"
	"github.com/dop251/goja_nodejs/url"
	// util registers itself as a core module.
	_ "github.com/dop251/goja_nodejs/util"
)

var (
	//go:embed fakes.js
	fakesSource string
	//go:embed harness.js
	harnessSource string

	fakesProgram = goja.MustCompile("fakes.js", fakesSource, false)
	// bufferHelpers adds two static helpers goja_nodejs's Buffer lacks.
	bufferHelpers = goja.MustCompile("buffer-helpers.js", `(function (B) {
  if (!B.isBuffer) B.isBuffer = (b) => b instanceof B;
  if (!B.byteLength) B.byteLength = (s, enc) => (typeof s === 'string' ? B.from(s, enc) : s).length;
})`, false)
	harnessProgram = goja.MustCompile("harness.js", harnessSource, false)
)

// epoch is the instant every run starts at: both sides read the same
// clock, so a timestamp in a request body is no difference.
var epoch = time.Date(2026, time.December, 1, 12, 0, 0, 0, time.UTC)

const (
	// virtualLimit is how far the virtual clock runs: an Action has 20 s
	// at most, so a timer due later never fires in production either.
	virtualLimit = 20 * time.Second
	// maxTimerRuns bounds the timers one run fires (a setInterval never
	// cleared would otherwise run to virtualLimit in tiny steps).
	maxTimerRuns = 10000
	// maxCallStack is about Node's default depth for small frames.
	maxCallStack = 10000
)

// coreModules are the Node modules goja_nodejs provides.
var coreModules = map[string]bool{"buffer": true, "url": true, "util": true}

// registry resolves require() to fakes and goja_nodejs's core modules. Its
// loader refuses every file: a run never reads the disk.
var registry = require.NewRegistry(require.WithLoader(func(string) ([]byte, error) {
	return nil, require.ModuleFileDoesNotExistError
}))

// sandbox is one goja runtime made into the host a hook or an Action ran
// in, for one run: fakes for require, a virtual clock with timers, the
// faked network of one scenario, and a budget of real time.
type sandbox struct {
	vm      *goja.Runtime
	req     *require.RequireModule
	net     *network
	timers  []*timer
	seq     int
	clock   time.Duration
	fired   int
	missing []string
	// modules caches each module's fake, as Node caches modules.
	modules map[string]goja.Value
	// rejected are the promises rejected with no handler yet, in order.
	rejected []*goja.Promise
	// unsupported lists the members of fakes the code read that the fakes
	// do not model.
	unsupported []string
}

type timer struct {
	id    int64
	at    time.Duration
	seq   int
	every time.Duration
	fn    goja.Callable
	args  []goja.Value
}

func newSandbox(net *network) (*sandbox, error) {
	vm := goja.New()
	vm.SetFieldNameMapper(goja.TagFieldNameMapper("json", true))
	// Runaway recursion is a RangeError, as in Node, not a Go stack blow-up.
	vm.SetMaxCallStackSize(maxCallStack)
	sb := &sandbox{vm: vm, net: net, modules: map[string]goja.Value{}}
	vm.SetTimeSource(func() time.Time { return epoch.Add(sb.clock) })
	vm.SetRandSource(rand.New(rand.NewSource(1)).Float64)
	vm.SetPromiseRejectionTracker(sb.trackRejection)
	sb.req = registry.Enable(vm)
	if err := sb.lazyGlobals(); err != nil {
		return nil, err
	}
	host := vm.NewObject()
	for name, fn := range map[string]func(goja.FunctionCall) goja.Value{
		"net":         sb.netCall,
		"unsupported": sb.unsupportedCall,
		"digest":      sb.digest,
	} {
		if err := host.Set(name, fn); err != nil {
			return nil, err
		}
	}
	for name, fn := range map[string]func(goja.FunctionCall) goja.Value{
		"setTimeout":     sb.setTimer(false),
		"setInterval":    sb.setTimer(true),
		"setImmediate":   sb.setImmediate,
		"clearTimeout":   sb.clearTimer,
		"clearInterval":  sb.clearTimer,
		"clearImmediate": sb.clearTimer,
		"require":        sb.require,
	} {
		if err := vm.Set(name, fn); err != nil {
			return nil, err
		}
	}
	if err := vm.Set("__h2a", host); err != nil {
		return nil, err
	}
	for _, p := range []*goja.Program{fakesProgram, harnessProgram} {
		if _, err := vm.RunProgram(p); err != nil {
			return nil, fmt.Errorf("setting up the verification host: %w", err)
		}
	}
	return sb, nil
}

// lazyGlobals defines Buffer, URL and URLSearchParams as Node has them,
// loading goja_nodejs's modules on first use: most runs never touch them,
// and loading Buffer was a fifth of the cost of a run.
func (sb *sandbox) lazyGlobals() error {
	for name, module := range map[string]string{"Buffer": buffer.ModuleName, "URL": url.ModuleName, "URLSearchParams": url.ModuleName} {
		err := sb.lazyGlobal(name, func() goja.Value {
			mod, err := sb.req.Require(module)
			if err != nil {
				panic(err)
			}
			v := mod.ToObject(sb.vm).Get(name)
			if name == "Buffer" {
				sb.addBufferHelpers(v)
			}
			return v
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (sb *sandbox) addBufferHelpers(b goja.Value) {
	helpers, err := sb.vm.RunProgram(bufferHelpers)
	if err != nil {
		panic(err)
	}
	add, _ := goja.AssertFunction(helpers)
	if _, err := add(goja.Undefined(), b); err != nil {
		panic(err)
	}
}

// lazyGlobal defines a global whose value load gives on first read; code
// may also assign it first.
func (sb *sandbox) lazyGlobal(name string, load func() goja.Value) error {
	global := sb.vm.GlobalObject()
	get := func(goja.FunctionCall) goja.Value {
		v := load()
		_ = global.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return v
	}
	set := func(call goja.FunctionCall) goja.Value {
		_ = global.DefineDataProperty(name, call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return goja.Undefined()
	}
	return global.DefineAccessorProperty(name, sb.vm.ToValue(get), sb.vm.ToValue(set), goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// magicModules are the modules the Node 12 hook runtime gave hooks as
// globals, without require (domain facts §3.5): the global's name and the
// module behind it. A hook written for it reads them; without a fake, the
// run is not verified.
var magicModules = map[string]string{
	"_": "lodash", "async": "async", "Auth0": "auth0", "azure_storage": "azure-storage", "bcrypt": "bcrypt",
	"crypto": "crypto", "couchbase": "couchbase", "cql": "cassandra-driver", "ip": "ip", "jwt": "jsonwebtoken",
	"Knex": "knex", "mongo": "mongodb", "mysql": "mysql", "mysql_pool": "mysql", "ObjectID": "mongodb",
	"pbkdf2": "pbkdf2", "pg": "pg", "postgres": "pg", "Pubnub": "pubnub", "q": "q", "querystring": "querystring",
	"sqlserver": "tedious", "uuid": "uuid", "xml2js": "xml2js", "xmldom": "xmldom", "xpath": "xpath", "xtend": "xtend",
}

// unmodelledHookGlobals are globals the hooks runtime gave hooks that no
// fake stands for: a hook that reads one is not verified. Left undefined,
// both sides would fail on it alike and pass for equivalent, where the
// real hook worked.
var unmodelledHookGlobals = []string{"auth0"}

// hookGlobals gives the hook what its platform gave it as globals: the
// hook error classes and the magic modules, loaded on first use.
func (sb *sandbox) hookGlobals() error {
	global := sb.vm.GlobalObject()
	classes := sb.vm.Get("__h2a").ToObject(sb.vm).Get("hookGlobals").ToObject(sb.vm)
	for _, k := range classes.Keys() {
		if err := global.Set(k, classes.Get(k)); err != nil {
			return err
		}
	}
	for name, module := range magicModules {
		err := sb.lazyGlobal(name, func() goja.Value {
			return sb.require(goja.FunctionCall{Arguments: []goja.Value{sb.vm.ToValue(module)}})
		})
		if err != nil {
			return err
		}
	}
	for _, name := range unmodelledHookGlobals {
		err := sb.lazyGlobal(name, func() goja.Value {
			sb.unsupported = appendUnique(sb.unsupported, "the hooks runtime's global "+name)
			return goja.Undefined()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// hostFunc returns a function of the __h2a object set up by the harness.
func (sb *sandbox) hostFunc(name string) goja.Callable {
	fn, _ := goja.AssertFunction(sb.vm.Get("__h2a").ToObject(sb.vm).Get(name))
	return fn
}

var versionSuffix = regexp.MustCompile(`^((?:@[^/@]+/)?[^/@]+)@[^/]*$`)

// moduleName is the package a require() names: hooks could pin a version
// (`require('axios@0.21.1')`) and Node accepts a "node:" prefix.
func moduleName(spec string) string {
	spec = strings.TrimPrefix(spec, "node:")
	if m := versionSuffix.FindStringSubmatch(spec); m != nil {
		return m[1]
	}
	return spec
}

// require resolves a module to its fake; a module without one is recorded
// and throws as Node would: the run is then not verified, never sent to a
// real module or a real network.
func (sb *sandbox) require(call goja.FunctionCall) goja.Value {
	name := moduleName(call.Argument(0).String())
	if v, ok := sb.modules[name]; ok {
		return v
	}
	fakes := sb.vm.Get("__h2a").ToObject(sb.vm).Get("modules").ToObject(sb.vm)
	var factory goja.Value
	switch {
	case strings.HasPrefix(name, "@aws-sdk/client-"):
		factory = fakes.Get("awsV3")
	case coreModules[name]:
		v, err := sb.req.Require(name)
		if err != nil {
			panic(sb.vm.NewGoError(err))
		}
		return v
	default:
		factory = fakes.Get(name)
	}
	fn, ok := goja.AssertFunction(factory)
	if !ok || name == "awsV3" {
		sb.missing = appendUnique(sb.missing, name)
		err := sb.jsError("Cannot find module '" + name + "'")
		_ = err.Set("code", "MODULE_NOT_FOUND")
		panic(err)
	}
	v, err := fn(goja.Undefined(), sb.vm.ToValue(name))
	if err != nil {
		panic(err)
	}
	sb.modules[name] = v
	return v
}

func (sb *sandbox) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	if op == goja.PromiseRejectionReject {
		sb.rejected = append(sb.rejected, p)
		return
	}
	for i, r := range sb.rejected {
		if r == p {
			sb.rejected = append(sb.rejected[:i], sb.rejected[i+1:]...)
			return
		}
	}
}

// unhandledRejections says what each promise rejected and never handled
// was rejected with: Node 22 ends the process on the first one.
func (sb *sandbox) unhandledRejections() []string {
	var out []string
	for _, p := range sb.rejected {
		out = append(out, valueMessage(p.Result()))
	}
	return out
}

// valueMessage is what a thrown or rejected value says: an Error's
// message, or the value itself.
func valueMessage(v goja.Value) string {
	if obj, ok := v.(*goja.Object); ok {
		if m := obj.Get("message"); m != nil && !goja.IsUndefined(m) {
			return m.String()
		}
	}
	if v == nil {
		return "undefined"
	}
	return v.String()
}

// jsError is a JavaScript Error with Node's wording, thrown to the code.
func (sb *sandbox) jsError(msg string) *goja.Object {
	obj, err := sb.vm.New(sb.vm.Get("Error"), sb.vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return obj
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func (sb *sandbox) unsupportedCall(call goja.FunctionCall) goja.Value {
	sb.unsupported = appendUnique(sb.unsupported, call.Argument(0).String())
	return goja.Undefined()
}

func (sb *sandbox) netCall(call goja.FunctionCall) goja.Value {
	return sb.vm.ToValue(sb.net.handle(call.Argument(0).String()))
}

func (sb *sandbox) setTimer(repeat bool) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(sb.vm.NewTypeError("The \"callback\" argument must be of type function"))
		}
		delay := time.Duration(call.Argument(1).ToFloat() * float64(time.Millisecond))
		if delay < time.Millisecond {
			delay = time.Millisecond
		}
		var args []goja.Value
		if len(call.Arguments) > 2 {
			args = call.Arguments[2:]
		}
		t := sb.addTimer(fn, delay, args)
		if repeat {
			t.every = delay
		}
		return sb.vm.ToValue(t.id)
	}
}

func (sb *sandbox) setImmediate(call goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(sb.vm.NewTypeError("The \"callback\" argument must be of type function"))
	}
	var args []goja.Value
	if len(call.Arguments) > 1 {
		args = call.Arguments[1:]
	}
	return sb.vm.ToValue(sb.addTimer(fn, 0, args).id)
}

func (sb *sandbox) addTimer(fn goja.Callable, delay time.Duration, args []goja.Value) *timer {
	sb.seq++
	t := &timer{id: int64(sb.seq), at: sb.clock + delay, seq: sb.seq, fn: fn, args: args}
	sb.timers = append(sb.timers, t)
	return t
}

func (sb *sandbox) clearTimer(call goja.FunctionCall) goja.Value {
	id := call.Argument(0).ToInteger()
	for i, t := range sb.timers {
		if t.id == id {
			sb.timers = append(sb.timers[:i], sb.timers[i+1:]...)
			break
		}
	}
	return goja.Undefined()
}

// drain runs the timers in the order of the virtual clock until none is
// left, or none is due before virtualLimit: the execution is over by then.
// goja runs the promise jobs after every call, as Node does after every
// macrotask.
func (sb *sandbox) drain() error {
	for len(sb.timers) > 0 && sb.fired < maxTimerRuns {
		sort.SliceStable(sb.timers, func(i, j int) bool {
			a, b := sb.timers[i], sb.timers[j]
			return a.at < b.at || a.at == b.at && a.seq < b.seq
		})
		t := sb.timers[0]
		if t.at > virtualLimit {
			return nil
		}
		sb.clock = t.at
		sb.fired++
		if t.every > 0 {
			sb.seq++
			t.at, t.seq = t.at+t.every, sb.seq
		} else {
			sb.timers = sb.timers[1:]
		}
		if _, err := t.fn(goja.Undefined(), t.args...); err != nil {
			var interrupted *goja.InterruptedError
			if errors.As(err, &interrupted) {
				return err
			}
			// An exception in a timer is an uncaught exception: the
			// process of the hook or Action would die with it.
			return &uncaughtError{err: err}
		}
	}
	return nil
}

// uncaughtError is an exception nothing caught, thrown from a timer.
type uncaughtError struct{ err error }

func (e *uncaughtError) Error() string { return "uncaught exception: " + exceptionMessage(e.err) }

// exceptionMessage is what a thrown value says, without the stack.
func exceptionMessage(err error) string {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return valueMessage(ex.Value())
	}
	return err.Error()
}

// digest computes crypto's hashes and HMACs for the crypto fake.
func (sb *sandbox) digest(call goja.FunctionCall) goja.Value {
	alg := strings.ToLower(call.Argument(0).String())
	newHash := map[string]func() hash.Hash{"md5": md5.New, "sha1": sha1.New, "sha256": sha256.New, "sha384": sha512.New384, "sha512": sha512.New}[alg]
	if newHash == nil {
		panic(sb.jsError("Digest method not supported: " + alg))
	}
	h := newHash()
	if key := call.Argument(1); !goja.IsNull(key) {
		h = hmac.New(newHash, buffer.Bytes(sb.vm, key))
	}
	var parts []goja.Value
	if err := sb.vm.ExportTo(call.Argument(2), &parts); err != nil {
		panic(sb.vm.NewGoError(err))
	}
	for _, p := range parts {
		h.Write(buffer.Bytes(sb.vm, p))
	}
	sum := h.Sum(nil)
	enc := call.Argument(3)
	if goja.IsNull(enc) {
		return buffer.WrapBytes(sb.vm, sum)
	}
	return buffer.EncodeBytes(sb.vm, sum, enc)
}
