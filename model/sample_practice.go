package model

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// The practice features of the sample data (addresses, cards, what touches
// gave, things to share, fresh thank-yous) draw from their own random
// stream, so adding them left every earlier sample book as it was.

func newPracticeRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed^0x5bd1e995, seed+0x27d4eb2f165667c5))
}

func (s *Sampler) maybe(p float64) bool { return s.prng.Float64() < p }

func pickP[T any](s *Sampler, list []T) T { return list[s.prng.IntN(len(list))] }

// practice adds the practice features to a generated bundle.
func (s *Sampler) practice(b *Bundle, active bool) {
	c := &b.Contact
	wantsCard := c.HasTag(HolidayCardTag)
	if (wantsCard && s.maybe(0.75)) || (active && s.maybe(0.4)) {
		c.Addresses = append(c.Addresses, s.address(c.Company))
		if s.maybe(0.3) {
			home := s.address("")
			home.Label = "home"
			c.Addresses = append(c.Addresses, home)
		}
	}
	for i := range b.Notes {
		if b.Notes[i].Kind.IsTouch() && s.maybe(0.35) {
			b.Notes[i].Gave = pickP(s, gaveTexts)
		}
	}
	if active && s.maybe(0.4) {
		for k := 0; k < 1+s.prng.IntN(2); k++ {
			b.Shares = append(b.Shares, Share{Text: pickP(s, shareTexts), Created: s.now.AddDate(0, 0, -s.prng.IntN(45))})
		}
	}
	if wantsCard && s.maybe(0.5) {
		last := time.Date(s.now.Year()-1, 12, 5+s.prng.IntN(15), 10, 0, 0, 0, s.now.Location())
		if last.After(c.Created) {
			b.Notes = append(b.Notes, Interaction{Kind: Card, Text: "Holiday card", At: last})
		}
	}
	if active && s.maybe(0.04) {
		s.freshThankYou(b)
	}
	for _, in := range b.Notes {
		if in.Kind.IsTouch() && in.At.After(c.LastTouch) {
			c.LastTouch = in.At
		}
	}
}

// freshThankYou logs a meeting yesterday whose thank-you is still owed,
// and sometimes an older one already paid with a card.
func (s *Sampler) freshThankYou(b *Bundle) {
	day := s.now.AddDate(0, 0, -1)
	meeting := Interaction{Kind: Meeting, Text: pickP(s, noteTexts), At: time.Date(day.Year(), day.Month(), day.Day(), 11, 0, 0, 0, day.Location())}
	if f, ok := ThankYou(meeting); ok {
		b.FollowUps = append(b.FollowUps, f)
	}
	b.Notes = append(b.Notes, meeting)
	if old := day.AddDate(0, 0, -20); old.After(b.Contact.Created) && s.maybe(0.5) {
		met := Interaction{Kind: Meeting, Text: "Site visit", At: old}
		card := Interaction{Kind: Card, Text: "Thank-you card for the site visit", At: old.AddDate(0, 0, 1), Gave: "a handwritten note"}
		f, _ := ThankYou(met)
		f.Done = DateOf(card.At)
		b.Notes = append(b.Notes, met, card)
		b.FollowUps = append(b.FollowUps, f)
	}
}

func (s *Sampler) address(company string) Address {
	city := pickP(s, sampleCities)
	street := pickP(s, streetNames)
	a := Address{Label: "work", Locality: city.locality, Region: city.region, PostalCode: city.postal, Country: city.country}
	a.Street = strings.TrimSpace(strconv.Itoa(1+s.prng.IntN(240)) + " " + street)
	if company != "" && s.maybe(0.3) {
		a.Street += "\nSuite " + strconv.Itoa(100+s.prng.IntN(800))
	}
	return a
}

type sampleCity struct{ locality, region, postal, country string }

var sampleCities = []sampleCity{
	{"Chicago", "IL", "60601", "USA"}, {"Austin", "TX", "78701", "USA"}, {"Boston", "MA", "02108", "USA"},
	{"München", "", "80331", "Germany"}, {"Lyon", "", "69002", "France"}, {"Bilbao", "", "48001", "Spain"},
	{"Toronto", "ON", "M5H 2N2", "Canada"}, {"Osaka", "", "530-0001", "Japan"}, {"Leeds", "", "LS1 4AP", "United Kingdom"},
}

var streetNames = []string{"Main Street", "Harbour Road", "Industrieweg", "Rue de la République", "Calle Mayor", "Elm Avenue", "Mill Lane"}

var gaveTexts = []string{
	"sent the packaging-line case study", "introduced them to a logistics partner", "lunch at the trade show",
	"shared a benchmark of their competitors", "a book on lean operations", "an invite to the customer round table",
	"the article on energy costs they asked about", "a referral to a good recruiter",
}

var shareTexts = []string{
	"The packaging-line case study", "Introduce them to our reference customer in their region",
	"Article on 2027 freight rates", "Invite to the spring customer day", "The uptime report from Q3",
	"A podcast episode on supply-chain risk",
}
