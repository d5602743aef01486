package jsontext

import (
	"encoding/json"
	"testing"
)

// An Object keeps its members' order, writes a raw member byte for byte
// (an edited file's untouched members stay as they were) and encodes the
// others as encoding/json does.
func TestObjectKeepsOrderAndRawMembers(t *testing.T) {
	o := Object{
		{Key: "zeta", Value: 1},
		{Key: "alpha", Value: json.RawMessage(`[ {"a": "x & y"} ]`)},
		{Key: "mid", Value: map[string]any{"b": true, "a": "<"}},
	}
	got, err := o.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"zeta":1,"alpha":[ {"a": "x & y"} ],"mid":{"a":"\u003c","b":true}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, err := (Object{{Key: "f", Value: func() {}}}).MarshalJSON(); err == nil {
		t.Error("a value JSON cannot hold gave no error")
	}
}
