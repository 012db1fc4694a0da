package model

import (
	"fmt"
	"testing"
	"time"
)

func TestSaysThanks(t *testing.T) {
	cases := []struct {
		kind Kind
		text string
		want bool
	}{
		{Card, "Holiday card", true}, // any card pays a thank-you
		{Email, "Thanks for your time today", true},
		{Message, "thank-you for the tour", true},
		{Call, "Called to say THANK YOU", true},
		{Email, "Merci pour la visite", true},
		{Email, "Sent the pricing", false},
		{Meeting, "Lunch; they thanked us", false}, // a meeting earns the thank-you
		{Note, "remember to send thanks", false},   // the customer never saw it
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s %q", c.kind, c.text), func(t *testing.T) {
			if got := SaysThanks(Interaction{Kind: c.kind, Text: c.text}); got != c.want {
				t.Errorf("SaysThanks = %v, want %v", got, c.want)
			}
		})
	}
}

func TestCardAddressPrefersHome(t *testing.T) {
	work := Address{Label: "work", Street: "1 Main St", Locality: "Austin"}
	home := Address{Label: "Home", Street: "2 Elm Rd", Locality: "Austin"}
	if a, ok := CardAddress(Contact{Addresses: []Address{work, home}}); !ok || a != home {
		t.Errorf("with a home address: %+v, %v", a, ok)
	}
	if a, ok := CardAddress(Contact{Addresses: []Address{{Label: "home"}, work}}); !ok || a != work {
		t.Errorf("an empty home address is no address: %+v, %v", a, ok)
	}
	if _, ok := CardAddress(Contact{}); ok {
		t.Error("no address gave one")
	}
}

func TestCardSent(t *testing.T) {
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, time.UTC) }
	cards := []Interaction{
		{Kind: Card, Text: "Thank-you card", At: at(12, 10)}, // not the holiday card
		{Kind: Email, Text: "Season's greetings", At: at(12, 11)},
		{Kind: Card, Text: "Holiday card", At: at(12, 3)},
		{Kind: Card, Text: "Holiday card", At: at(1, 5)},
	}
	from, to := Date{2026, 12, 1}, Date{2026, 12, 31}
	if got := CardSent(cards, from, to); got != (Date{2026, 12, 3}) {
		t.Errorf("CardSent = %v, want 2026-12-03", got)
	}
	if got := CardSent(cards[:2], from, to); !got.IsZero() {
		t.Errorf("a thank-you card and an email sent the holiday card: %v", got)
	}
}

func TestBuildBrief(t *testing.T) {
	today := Date{2026, 11, 20}
	at := func(daysAgo int) time.Time { return today.AddDays(-daysAgo).Time().Add(10 * time.Hour) }
	in := BriefInput{
		Contact: Contact{ID: 1, Name: "Ada", Birthday: Date{1985, 12, 10}, Moments: []Moment{{LabelWorkAnniversary, Date{2020, 11, 25}}}},
		Notes: []Interaction{ // newest first, as the store gives them
			{Kind: Note, Text: "private", At: at(1)},
			{Kind: Call, Text: "a", At: at(2), Topics: []Topic{Problem}},
			{Kind: Meeting, Text: "b", At: at(10)},
			{Kind: Email, Text: "c", At: at(20), Gave: "an article"},
			{Kind: Call, Text: "d", At: at(30)},
			{Kind: Call, Text: "old", At: at(200), Topics: []Topic{Strategy}},
		},
		FollowUps: []FollowUp{
			{Text: "later", Due: today.AddDays(5)},
			{Text: "sooner", Due: today.AddDays(-1)},
			{Text: "theirs", Due: today, TheyOwe: true},
			{Text: "done", Due: today, Done: today},
		},
		Questions: []Question{{Text: "q1"}, {Text: "asked", Asked: today}},
		Shares:    []Share{{Text: "s1"}, {Text: "shared", Shared: today}},
	}
	b := BuildBrief(in, today)
	if len(b.YouOwe) != 2 || b.YouOwe[0].Text != "sooner" || len(b.TheyOwe) != 1 {
		t.Errorf("promises: you owe %+v, they owe %+v", b.YouOwe, b.TheyOwe)
	}
	if len(b.Questions) != 1 || len(b.Shares) != 1 {
		t.Errorf("open questions %d, shares %d; want 1 and 1", len(b.Questions), len(b.Shares))
	}
	if len(b.LastTouches) != 3 || b.LastTouches[0].Text != "a" || b.LastTouches[2].Text != "c" {
		t.Errorf("last touches (a plain note is none): %+v", b.LastTouches)
	}
	if len(b.Topics) != 1 || b.Topics[0].Text != "a" {
		t.Errorf("topics of 180 days: %+v", b.Topics)
	}
	if len(b.Moments) != 2 || b.Moments[0].Label != LabelWorkAnniversary || b.Moments[1].Years != 41 {
		t.Errorf("moments of 30 days, soonest first: %+v", b.Moments)
	}
	if b.Figures.Interactions != 4 || b.Figures.Valued != 1 || *b.Figures.ValueShare != 25 {
		t.Errorf("figures: %+v", b.Figures)
	}
}
