package cli

import (
	"bytes"
	"testing"

	"rapport/model"
)

// writeJSONArray must print what writeJSON prints for the same slice, byte
// for byte: scripts read both, and the JSON contract is one.
func TestJSONArrayIsWriteJSON(t *testing.T) {
	rows := []listEntryJSON{
		{1, "Ada <Lovelace> & co", "Analytical\u202eEngines", model.Date{Year: 2026, Month: 3, Day: 1}, model.Date{}},
		{2, "刘芳", "", model.Date{}, model.Date{Month: 12, Day: 10}},
		{3, "Zero\u200bWidth \x1b[31m", "C1 \u009b here", model.Date{}, model.Date{}},
	}
	for _, n := range []int{0, 1, len(rows)} {
		var want, got bytes.Buffer
		if err := writeJSON(&want, rows[:n]); err != nil {
			t.Fatal(err)
		}
		if err := writeJSONArray(&got, n, func(i int) any { return rows[i] }); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d rows:\nwant %q\n got %q", n, want.String(), got.String())
		}
	}
}
