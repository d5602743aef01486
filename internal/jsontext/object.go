package jsontext

import (
	"bytes"
	"encoding/json"
)

// Object is a JSON object whose members keep the order they were added in,
// where encoding/json sorts a map's keys: a file edited in place keeps its
// order, and a value built in a documented order is shown in it.
type Object []Member

// Member is one member of an Object.
type Member struct {
	Key   string
	Value any
}

// MarshalJSON writes the members in order. A json.RawMessage value is
// written as it is, so that a member read from a file and put back is not
// re-encoded.
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(m.Key)
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		if raw, ok := m.Value.(json.RawMessage); ok {
			b.Write(raw)
			continue
		}
		value, err := json.Marshal(m.Value)
		if err != nil {
			return nil, err
		}
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
