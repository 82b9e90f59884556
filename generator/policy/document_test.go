package policy

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteStringMatchesJSONMarshal checks the direct path of writeString against
// encoding/json for every byte on its own and inside text, and for multi-byte text.
func TestWriteStringMatchesJSONMarshal(t *testing.T) {
	inputs := []string{"", "repo:o/r:ref:refs/heads/main", "a<b>&c", "é", "\u2028", "\xff", "tab\there", `q"b\s`}
	for c := 0; c < 256; c++ {
		inputs = append(inputs, string([]byte{byte(c)}), "x"+string([]byte{byte(c)})+"y")
	}
	for _, s := range inputs {
		var b bytes.Buffer
		writeString(&b, s)
		want, _ := json.Marshal(s)
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("writeString(%q) = %s, json.Marshal = %s", s, b.Bytes(), want)
		}
	}
}
