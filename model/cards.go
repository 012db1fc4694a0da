package model

import "strings"

// HolidayCardTag is the tag `rapport cards` lists when no other is named.
const HolidayCardTag = "holiday-card"

// CardAddress picks the address a card goes to: a home address when the
// contact has one (cards are personal), else the first one given.
func CardAddress(c Contact) (Address, bool) {
	var first *Address
	for i, a := range c.Addresses {
		if a.IsZero() {
			continue
		}
		if strings.EqualFold(strings.TrimSpace(a.Label), "home") {
			return a, true
		}
		if first == nil {
			first = &c.Addresses[i]
		}
	}
	if first == nil {
		return Address{}, false
	}
	return *first, true
}

// CardSent finds the day a card was sent from the cards logged between
// from and to (inclusive): the latest card that is not a thank-you, since
// a thank-you card after a meeting is not the holiday or birthday card.
// Zero when none was.
func CardSent(cards []Interaction, from, to Date) Date {
	var sent Date
	for _, in := range cards {
		day := DateOf(in.At)
		if in.Kind != Card || IsThankYouText(in.Text) || day.Before(from) || day.After(to) {
			continue
		}
		if day.After(sent) {
			sent = day
		}
	}
	return sent
}

// BirthdayCardWindow is how many days before a birthday a card may be
// sent and still count as that birthday's card.
const BirthdayCardWindow = 30
