package model

import (
	"fmt"
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Walked through PRICING, twice.", []string{"walked", "through", "pricing", "twice"}},
		{"José met Weiß at the Café", []string{"jose", "met", "weiss", "at", "the", "cafe"}},
		{"e-mail: don't 3.5%", []string{"e", "mail", "don't", "3.5"}},
		// single ideographs; folding drops the voicing mark as it drops accents
		{"東京で会議", []string{"東", "京", "て", "会", "議"}},
		{";;  —  … ", nil},
		{"pricing pricing Pricing", []string{"pricing"}},
	}
	for _, tc := range tests {
		if got := Words(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestQueryMatch(t *testing.T) {
	text := "Budget is FROZEN until March; José wants a pilot at 東京 office."
	tests := []struct {
		query string
		want  bool
	}{
		{"budget", true},
		{"BUDG", true},          // a prefix
		{"udget", false},        // not the inside of a word
		{"frozen march", true},  // every word, any order
		{"frozen april", false}, // every word must be there
		{`"until march"`, true}, // a phrase: in order, side by side
		{`"march until"`, false},
		{`"budget frozen"`, false},
		{"jose", true},
		{"東京", true}, // ideographs in order
		{"京東", false},
		{`"wants a pil"`, true}, // each phrase word is a prefix too
		{"", true},
		{`"`, true},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			if got := ParseQuery(tc.query).Match(text); got != tc.want {
				t.Errorf("%q matches: %v, want %v (terms %q)", tc.query, got, tc.want, ParseQuery(tc.query).Terms)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	long := "Start. " + fmt.Sprint(slices.Repeat([]string{"filler"}, 30)) + " the pricing sheet\x1b]0;evil\x07 arrived\r\nlate"
	ex := MakeExcerpt(long, ParseQuery("pric"), 40)
	if len(ex.Marks) != 1 || ex.Text[ex.Marks[0][0]:ex.Marks[0][1]] != "pricing" {
		t.Fatalf("marks %v in %q", ex.Marks, ex.Text)
	}
	if ex.Text[:len("…")] != "…" {
		t.Errorf("a cut start shows …: %q", ex.Text)
	}
	for _, r := range ex.Text {
		if r < 0x20 || r == 0x7f {
			t.Fatalf("control character %U in %q", r, ex.Text)
		}
	}
	if short := MakeExcerpt("Talked pricing.", ParseQuery("talk"), 40); short.Text != "Talked pricing." || len(short.Marks) != 1 {
		t.Errorf("a short note is whole: %+v", short)
	}
}
