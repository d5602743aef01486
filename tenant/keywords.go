package tenant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// KeywordMappingsKey is the Deploy CLI configuration key that holds the
// keyword replacement mappings.
const KeywordMappingsKey = "AUTH0_KEYWORD_REPLACE_MAPPINGS"

// LoadKeywordMappings reads Deploy CLI keyword replacement mappings from a
// JSON file: either a Deploy CLI configuration file (an object with the key
// AUTH0_KEYWORD_REPLACE_MAPPINGS, whose value is the mappings object, or a
// string holding one as an environment variable would) or, when that key is
// absent, a flat object of mappings. A Deploy CLI config without the key
// (it sets AUTH0_DOMAIN, AUTH0_CLIENT_ID...) is an error, not mappings.
//
// Each value of the returned map is the JSON text of the mapped value,
// written as the Deploy CLI's JSON.stringify writes it: `"dev"` for the
// string dev, `["https://a.example","https://b.example"]` for an array, `3`
// for a number. That one text gives both replacements: `@@KEY@@` becomes
// the JSON text itself, and `##KEY##` becomes the value as JavaScript's
// String() turns it into text (the string itself, the number, true/false,
// the elements of an array joined with commas, "[object Object]" for an
// object), which is what the Deploy CLI's literal replacement produces.
// Use KeywordString to add a plain string, such as an environment variable.
func LoadKeywordMappings(path string) (map[string]string, error) {
	data, err := inputfile.Read(path, inputfile.MaxDocument)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, bareError(err))
	}
	if err := checkJSONSyntax(data); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if err := checkJSONDuplicates(data); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	root, err := parseJSValue(data)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if root.kind != jsObject {
		return nil, fmt.Errorf("reading %s: the file holds %s, want an object of keyword mappings or a Deploy CLI config with %s",
			path, root.kindText(), KeywordMappingsKey)
	}
	mappings := root
	if _, ok := root.fields[KeywordMappingsKey]; !ok {
		if key := deployConfigKey(root); key != "" {
			return nil, fmt.Errorf("reading %s: a Deploy CLI config (it sets %s) without %s: it maps no keyword; "+
				"give the config that holds the mappings, or a flat object of them", path, key, KeywordMappingsKey)
		}
	}
	if v, ok := root.fields[KeywordMappingsKey]; ok {
		mappings = v
		if v.kind == jsString {
			// The form of the environment variable:
			// AUTH0_KEYWORD_REPLACE_MAPPINGS='{"ENVIRONMENT":"dev"}'.
			if mappings, err = parseJSValue([]byte(v.str)); err != nil {
				return nil, fmt.Errorf("reading %s: %s is a string that is not a JSON object: %w", path, KeywordMappingsKey, err)
			}
		}
		if mappings.kind != jsObject {
			return nil, fmt.Errorf("reading %s: %s is %s, want an object", path, KeywordMappingsKey, mappings.kindText())
		}
	}
	out := make(map[string]string, len(mappings.keys))
	for _, k := range mappings.keys {
		out[k] = mappings.fields[k].jsonText()
	}
	return out, nil
}

// deployConfigKeys are settings of a Deploy CLI config file
// (docs/configuring-the-deploy-cli.md), never keywords of its mappings.
var deployConfigKeys = []string{
	"AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_ACCESS_TOKEN", "AUTH0_AUDIENCE",
	"AUTH0_ALLOW_DELETE", "AUTH0_EXCLUDED", "AUTH0_INCLUDED_ONLY", "AUTH0_BASE_PATH", "AUTH0_EXPORT_IDENTIFIERS",
	"AUTH0_PRESERVE_KEYWORDS", "AUTH0_EXPORT_ORDERED", "AUTH0_EXPORT_SECRETS", "AUTH0_INPUT_FILE", "AUTH0_CLIENT_SIGNING_KEY_PATH",
}

// deployConfigKey returns a Deploy CLI setting the object sets, "" if none:
// such an object is a config file, not a flat object of mappings.
func deployConfigKey(obj jsValue) string {
	for _, k := range deployConfigKeys {
		if _, ok := obj.fields[k]; ok {
			return k
		}
	}
	return ""
}

// KeywordString returns the mapping value that maps a keyword to the plain
// string s (its JSON text), for DeployOptions.Mappings.
func KeywordString(s string) string {
	return jsValue{kind: jsString, str: s}.jsonText()
}

// keywordReplacer does the Deploy CLI's keyword replacement
// (src/tools/utils.ts keywordReplace): first every @@KEY@@, with the
// quotes around it when it is written '@@KEY@@' or "@@KEY@@", becomes the
// JSON text of the value; then every ##KEY## becomes the value's string
// form. Keys are matched literally (the Deploy CLI builds a regular
// expression from each key; keys are environment-variable-like names, for
// which the two agree), and a replaced value is not searched again for
// markers of its own phase (the Deploy CLI replaces key by key, so whether
// it is depends on the order of the keys).
type keywordReplacer struct {
	jsonText map[string]string // for @@KEY@@
	str      map[string]string // for ##KEY##
}

// newKeywordReplacer checks mappings as DeployOptions.Mappings describes
// them. Nil or empty mappings give a nil replacer, which leaves every
// marker in place, as the Deploy CLI does without mappings.
func newKeywordReplacer(mappings map[string]string) (*keywordReplacer, error) {
	if len(mappings) == 0 {
		return nil, nil
	}
	r := &keywordReplacer{jsonText: make(map[string]string, len(mappings)), str: make(map[string]string, len(mappings))}
	keys := make([]string, 0, len(mappings))
	for k := range mappings {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the first bad key in the message is always the same one
	for _, k := range keys {
		v, err := parseJSValue([]byte(mappings[k]))
		if err != nil {
			return nil, fmt.Errorf("keyword mapping %q: the value is not JSON text (use KeywordString for a plain string): %w", k, err)
		}
		r.jsonText[k] = v.jsonText()
		r.str[k] = v.stringForm()
	}
	return r, nil
}

// replace returns text with the markers of known keys replaced. A nil
// replacer returns text as it is. The result may not grow past limit
// bytes: large values used many times would otherwise make a small file
// fill the memory.
func (r *keywordReplacer) replace(text []byte, limit int) ([]byte, error) {
	if r == nil {
		return text, nil
	}
	out, ok := replaceMarkers(text, "@@", r.jsonText, true, limit)
	if ok {
		out, ok = replaceMarkers(out, "##", r.str, false, limit)
	}
	if !ok {
		return nil, fmt.Errorf("with the keyword mappings replaced it grows past %d MiB; it is not read", limit>>20)
	}
	return out, nil
}

// replaceMarkers replaces delim+KEY+delim by values[KEY] in one pass from
// left to right; with swallowQuotes, a marker between two equal quotes
// ('…' or "…") is replaced together with them.
func replaceMarkers(text []byte, delim string, values map[string]string, swallowQuotes bool, limit int) ([]byte, bool) {
	if !bytes.Contains(text, []byte(delim)) {
		return text, true
	}
	var out bytes.Buffer
	out.Grow(len(text))
	for i := 0; i < len(text); {
		if out.Len() > limit {
			return nil, false
		}
		c := text[i]
		if swallowQuotes && (c == '"' || c == '\'') {
			if v, end, ok := markerAt(text, i+1, delim, values); ok && end < len(text) && text[end] == c {
				out.WriteString(v)
				i = end + 1
				continue
			}
		}
		if v, end, ok := markerAt(text, i, delim, values); ok {
			out.WriteString(v)
			i = end
			continue
		}
		out.WriteByte(c)
		i++
	}
	return out.Bytes(), out.Len() <= limit
}

// markerAt reports whether a marker of a known key starts at text[i], and
// returns its value and the offset just past it.
func markerAt(text []byte, i int, delim string, values map[string]string) (value string, end int, ok bool) {
	if !bytes.HasPrefix(text[i:], []byte(delim)) {
		return "", 0, false
	}
	start := i + len(delim)
	n := bytes.Index(text[start:], []byte(delim))
	if n < 0 {
		return "", 0, false
	}
	value, ok = values[string(text[start:start+n])]
	return value, start + n + len(delim), ok
}

// bareMarker is a keyword marker as the Deploy CLI docs write them.
var bareMarker = regexp.MustCompile(`@@[A-Za-z0-9_]+@@|##[A-Za-z0-9_]+##`)

// quoteBareMarkers puts double quotes around each marker left unreplaced
// where it stands alone as a YAML or JSON value (`allowed_origins:
// @@ORIGINS@@`, `[ "a", ##MORE## ]`), as the Deploy CLI docs write them.
// Unquoted, such a marker is a syntax error (@), or starts a YAML comment
// (#), and one marker without a mapping would make the whole file
// unreadable; quoted, it is a string that says what it stands for. The
// Deploy CLI quotes @@ markers the same way when it exports with
// AUTH0_PRESERVE_KEYWORDS (wrapArrayReplaceMarkersInQuotes). Markers
// inside strings, and markers already quoted, are left alone.
func quoteBareMarkers(text []byte) []byte {
	matches := bareMarker.FindAllIndex(text, -1)
	if matches == nil {
		return text
	}
	var out bytes.Buffer
	last := 0
	for _, m := range matches {
		if !standsAlone(text, m[0], m[1]) {
			continue
		}
		out.Write(text[last:m[0]])
		out.WriteByte('"')
		out.Write(text[m[0]:m[1]])
		out.WriteByte('"')
		last = m[1]
	}
	if last == 0 {
		return text
	}
	out.Write(text[last:])
	return out.Bytes()
}

// standsAlone reports whether text[start:end] is a whole value: after a
// key's colon, a list dash, an opening bracket or brace or a comma on the
// same line, and before a comma, closing bracket or brace, a comment or
// the end of the line.
func standsAlone(text []byte, start, end int) bool {
	i := start - 1
	for i >= 0 && (text[i] == ' ' || text[i] == '\t') {
		i--
	}
	if i < 0 || !strings.ContainsRune(":-[{,", rune(text[i])) {
		return false
	}
	j := end
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	return j == len(text) || strings.ContainsRune(",]}#\r\n", rune(text[j]))
}

// jsValue is a JSON value as JavaScript's JSON.parse makes it: numbers are
// doubles, and an object's keys are in JavaScript property order.
type jsValue struct {
	kind   jsKind
	str    string
	num    float64
	b      bool
	items  []jsValue
	keys   []string // object keys in property order
	fields map[string]jsValue
}

type jsKind int

const (
	jsNull jsKind = iota
	jsBool
	jsNumber
	jsString
	jsArray
	jsObject
)

func (v jsValue) kindText() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[v.kind]
}

// parseJSValue parses one JSON value and nothing after it.
func parseJSValue(text []byte) (jsValue, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	v, err := decodeJSValue(dec)
	if err != nil {
		return jsValue{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return jsValue{}, errors.New("more than one JSON value")
	}
	return v, nil
}

func decodeJSValue(dec *json.Decoder) (jsValue, error) {
	tok, err := dec.Token()
	if err == io.EOF {
		return jsValue{}, errors.New("no JSON value")
	}
	if err != nil {
		return jsValue{}, err
	}
	switch t := tok.(type) {
	case nil:
		return jsValue{kind: jsNull}, nil
	case bool:
		return jsValue{kind: jsBool, b: t}, nil
	case string:
		return jsValue{kind: jsString, str: t}, nil
	case json.Number:
		// JSON.parse gives the nearest double, Infinity past the range.
		f, err := strconv.ParseFloat(string(t), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return jsValue{}, err
		}
		return jsValue{kind: jsNumber, num: f}, nil
	case json.Delim:
		if t == '[' {
			v := jsValue{kind: jsArray, items: []jsValue{}}
			for dec.More() {
				item, err := decodeJSValue(dec)
				if err != nil {
					return jsValue{}, err
				}
				v.items = append(v.items, item)
			}
			_, err := dec.Token()
			return v, err
		}
		v := jsValue{kind: jsObject, fields: map[string]jsValue{}}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return jsValue{}, err
			}
			k := key.(string)
			field, err := decodeJSValue(dec)
			if err != nil {
				return jsValue{}, err
			}
			// A repeated key keeps its first place and takes the last value.
			if _, seen := v.fields[k]; !seen {
				v.keys = append(v.keys, k)
			}
			v.fields[k] = field
		}
		_, err := dec.Token()
		// JavaScript orders integer-like keys first, ascending.
		sort.SliceStable(v.keys, func(i, j int) bool {
			a, aIndex := arrayIndex(v.keys[i])
			b, bIndex := arrayIndex(v.keys[j])
			return aIndex && (!bIndex || a < b)
		})
		return v, err
	}
	return jsValue{}, fmt.Errorf("unexpected JSON token %v", tok)
}

// arrayIndex reports whether k is a canonical array index, which
// JavaScript orders before the other keys of an object.
func arrayIndex(k string) (uint64, bool) {
	if k == "" || (k[0] == '0' && k != "0") {
		return 0, false
	}
	n, err := strconv.ParseUint(k, 10, 32)
	return n, err == nil && n < math.MaxUint32
}

// jsonText is JSON.stringify(v).
func (v jsValue) jsonText() string {
	var b strings.Builder
	v.writeJSON(&b)
	return b.String()
}

func (v jsValue) writeJSON(b *strings.Builder) {
	switch v.kind {
	case jsNull:
		b.WriteString("null")
	case jsBool:
		b.WriteString(strconv.FormatBool(v.b))
	case jsNumber:
		if math.IsInf(v.num, 0) || math.IsNaN(v.num) {
			b.WriteString("null")
		} else {
			b.WriteString(jsNumberText(v.num))
		}
	case jsString:
		writeJSString(b, v.str)
	case jsArray:
		b.WriteByte('[')
		for i, item := range v.items {
			if i > 0 {
				b.WriteByte(',')
			}
			item.writeJSON(b)
		}
		b.WriteByte(']')
	case jsObject:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSString(b, k)
			b.WriteByte(':')
			v.fields[k].writeJSON(b)
		}
		b.WriteByte('}')
	}
}

// stringForm is String(v): what the Deploy CLI's ##KEY## replacement
// writes, since it returns the mapped value from a replace callback.
func (v jsValue) stringForm() string {
	switch v.kind {
	case jsNull:
		return "null"
	case jsBool:
		return strconv.FormatBool(v.b)
	case jsNumber:
		switch {
		case math.IsNaN(v.num):
			return "NaN"
		case math.IsInf(v.num, 1):
			return "Infinity"
		case math.IsInf(v.num, -1):
			return "-Infinity"
		}
		return jsNumberText(v.num)
	case jsString:
		return v.str
	case jsArray:
		// Array.prototype.join: null elements are empty.
		parts := make([]string, len(v.items))
		for i, item := range v.items {
			if item.kind != jsNull {
				parts[i] = item.stringForm()
			}
		}
		return strings.Join(parts, ",")
	}
	return "[object Object]"
}

// jsNumberText formats a finite double as JavaScript's Number#toString.
func jsNumberText(f float64) string {
	if f == 0 {
		return "0" // also -0
	}
	if abs := math.Abs(f); abs >= 1e-6 && abs < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // 1e+21, 1.5e-07
	mant, exp, _ := strings.Cut(s, "e")
	sign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
	return mant + "e" + sign + digits
}

// writeJSString writes s as JSON.stringify quotes a string: only the
// quote, the backslash and control characters are escaped.
func writeJSString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}
