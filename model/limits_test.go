package model

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestValidateBoundsFields(t *testing.T) {
	long := strings.Repeat("é", MaxFieldRunes+1)
	ok := strings.Repeat("é", MaxFieldRunes) // 2,000 bytes but 1,000 characters
	for _, tc := range []struct {
		name string
		c    Contact
		says string
	}{
		{"name", Contact{Name: long, Stage: Lead}, "name is longer"},
		{"company", Contact{Name: "A", Company: long, Stage: Lead}, "company is longer"},
		{"title", Contact{Name: "A", Title: long, Stage: Lead}, "title is longer"},
		{"tag", Contact{Name: "A", Tags: []string{long}, Stage: Lead}, "tag is longer"},
		{"cadence", Contact{Name: "A", Stage: Lead, Cadence: MaxCadence + 1}, "at most 3650 days"},
		{"stage spelling", Contact{Name: "A", Stage: "Lead"}, "not written as rapport writes it"},
		{"fine", Contact{Name: ok, Company: ok, Stage: Lead, Cadence: MaxCadence}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate()
			if tc.says == "" && err != nil || tc.says != "" && (err == nil || !strings.Contains(err.Error(), tc.says)) {
				t.Fatalf("Validate = %v, want %q", err, tc.says)
			}
		})
	}
}

func TestInteractionValidateBoundsAndTopics(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		in   Interaction
		says string
	}{
		{"a note of 1 MiB", Interaction{Kind: Call, Text: strings.Repeat("a", MaxNoteBytes), At: at}, ""},
		{"one byte more", Interaction{Kind: Call, Text: strings.Repeat("a", MaxNoteBytes+1), At: at}, "over the limit"},
		{"an unknown topic", Interaction{Kind: Call, Text: "x", Topics: []Topic{"gossip"}, At: at}, "unknown topic"},
		{"a topic in capitals", Interaction{Kind: Call, Text: "x", Topics: []Topic{"Problem"}, At: at}, "unknown topic"},
		{"a kind in capitals", Interaction{Kind: "Call", Text: "x", At: at}, "not written as rapport writes it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.in.Validate()
			if tc.says == "" && err != nil || tc.says != "" && (err == nil || !strings.Contains(err.Error(), tc.says)) {
				t.Fatalf("Validate = %v, want %q", err, tc.says)
			}
		})
	}
}

func TestCleanedRecordsAreCanonical(t *testing.T) {
	c := Contact{Name: "Ada\u202e\u200b Love\u0085lace", Stage: "Past Customer\u0085", Tags: []string{"vip\r\n"},
		Addresses: []Address{{Street: "1 Main St\r\nFloor 2\u202e"}}}.Cleaned()
	if c.Name != "Ada Lovelace" || c.Stage != PastCustomer || c.Tags[0] != "vip " || c.Addresses[0].Street != "1 Main St\nFloor 2" {
		t.Errorf("contact cleaned to %+v", c)
	}
	in := Interaction{Kind: " MEETING ", Topics: []Topic{"Strategy"}, Text: "a\r\nb\x1b[31m\u2066c"}.Cleaned()
	if in.Kind != Meeting || in.Topics[0] != Strategy || in.Text != "a\nbc" {
		t.Errorf("note cleaned to %+v", in)
	}
	if err := in.Validate(); err != nil {
		t.Error(err)
	}
}

func TestParseCadenceBounds(t *testing.T) {
	for s, want := range map[string]int{"10y": 3650, "520w": 3640, "121m": 3630, "3650": 3650} {
		if got, err := ParseCadence(s); err != nil || got != want {
			t.Errorf("ParseCadence(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"11y", "3651", "999999y", "9223372036854775807d", "122m"} {
		if _, err := ParseCadence(s); err == nil {
			t.Errorf("ParseCadence(%q) accepted", s)
		}
	}
}

// A word the index could not hold as a key is indexed by its first
// maxWordBytes, cut on a character boundary.
func TestLongWordsAreCappedForTheIndex(t *testing.T) {
	for _, w := range []string{strings.Repeat("a", 40_000), strings.Repeat("é", 20_000), "x" + strings.Repeat("日", 500)} {
		toks := Tokens(w)
		if len(toks) == 0 {
			continue // a run of ideographs is many words
		}
		for _, tok := range toks {
			if len(tok.Word) > maxWordBytes || !utf8.ValidString(tok.Word) {
				t.Fatalf("a %d-byte word is indexed as %d bytes (valid UTF-8: %v)", len(w), len(tok.Word), utf8.ValidString(tok.Word))
			}
		}
	}
}
