// Package jsontext is what encoding/json leaves to us about JSON text: its
// decoding errors worded in the terms of the file a user wrote (JSON kinds
// and field names, never the Go types the file was decoded into: "cannot
// unmarshal number into Go struct field SnapshotHook.name of type string"
// means nothing to its reader), and objects that keep their members' order.
package jsontext

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// Problem is err in the file's terms: for a type error, `"name": a
// number where a string is wanted` (the field is the one holding the value:
// a value inside a map is named by the map's field); any other error as
// it is.
func Problem(err error) string {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) {
		return err.Error()
	}
	where := "the top level"
	if typeErr.Field != "" {
		where = fmt.Sprintf("%q", typeErr.Field)
	}
	return fmt.Sprintf("%s: %s where %s is wanted", where, article(typeErr.Value), want(typeErr.Type))
}

// want names the JSON kind a Go type decodes from.
func want(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return want(t.Elem())
	}
	return "another kind of value"
}

// article puts "a" or "an" before encoding/json's name of a JSON value
// ("number", "array", "object", "bool", "string"; "number 1.5" for a
// number that does not fit).
func article(value string) string {
	switch value {
	case "array":
		return "a list"
	case "bool":
		return "a boolean"
	case "object":
		return "an object"
	}
	if len(value) > 0 && value[0] == 'n' {
		return "a number"
	}
	return "a " + value
}
