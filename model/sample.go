package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Sampler makes realistic, deterministic sample contacts relative to a given
// "now": the data behind `rapport demo` and the benchmarks. A big book has a
// small active core (a few hundred people with open promises and known
// birthdays) and a long dormant tail, as real books do; that keeps the
// morning agenda readable at any size.
type Sampler struct {
	rng   *rand.Rand
	beat  *rand.Rand // the recent rhythm's own stream (sample_rhythm.go)
	prng  *rand.Rand // the practice features' own stream (sample_practice.go)
	now   time.Time
	total int
	made  int
}

// activeCore is about how many contacts are actively worked in any book.
const activeCore = 300

// NewSampler prepares total contacts from seed.
func NewSampler(seed uint64, total int, now time.Time) *Sampler {
	return &Sampler{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), beat: rand.New(rand.NewPCG(seed^0x5bd1e995, seed)), prng: newPracticeRand(seed), now: now, total: total}
}

// SampleBundle is a generated contact; ReferredBy, when not -1, is the index
// of an earlier generated contact, whose id only the store knows.
type SampleBundle struct {
	Bundle
	ReferredBy int
}

// Next makes the next contact. Ids are left for the store to assign.
func (s *Sampler) Next() SampleBundle {
	i := s.made
	s.made++
	active := s.chance(float64(activeCore) / float64(max(s.total, 1)))
	c := s.contact(active)
	b := SampleBundle{Bundle: Bundle{Contact: c}, ReferredBy: -1}
	if i > 0 && s.chance(0.12) {
		b.ReferredBy = s.rng.IntN(i)
	}
	b.Notes = s.notes(&b.Contact, active)
	b.FollowUps = s.followUps(b.Notes, active)
	b.Questions = s.questions(active)
	s.rhythm(&b, active)
	s.practice(&b.Bundle, active)
	return b
}

func (s *Sampler) chance(p float64) bool { return s.rng.Float64() < p }

func pick[T any](s *Sampler, list []T) T { return list[s.rng.IntN(len(list))] }

func (s *Sampler) contact(active bool) Contact {
	given, family, order := s.name()
	name := given + " " + family
	if order == givenFirst && s.chance(0.5) {
		name = given + " " + string(rune('A'+s.rng.IntN(26))) + ". " + family
	}
	if order == familyFirst {
		name = family + given
		if !isCJK(family) {
			name = family + " " + given
		}
	}
	company := pick(s, companies)
	c := Contact{
		Name:    name,
		Company: company,
		Title:   pick(s, titles),
		Stage:   s.stage(active),
		Created: s.now.AddDate(0, 0, -30-s.rng.IntN(1400)),
	}
	user := strings.ToLower(Fold(asciiName(given)) + "." + Fold(asciiName(family)))
	c.Emails = []string{strings.ReplaceAll(user, " ", "") + "@" + domainOf(company)}
	if s.chance(0.7) {
		c.Phones = []string{fmt.Sprintf("+1 555 %03d %04d", s.rng.IntN(1000), s.rng.IntN(10000))}
	}
	for _, t := range tagPool {
		if s.chance(0.15) {
			c.Tags = append(c.Tags, t)
		}
	}
	if s.chance(0.3) {
		c.Cadence = pick(s, []int{7, 14, 30, 45, 60, 90})
	}
	if !active {
		c.Cadence = pick(s, []int{90, 180, 180, 365, 365, 365})
	}
	s.moments(&c, active)
	if s.chance(0.4) {
		c.HowWeMet = pick(s, howWeMet)
	}
	if s.chance(0.4) {
		c.Matters = pick(s, matters)
	}
	return c
}

func (s *Sampler) stage(active bool) Stage {
	if active {
		return pick(s, []Stage{Lead, Prospect, Prospect, Customer, Customer, Customer, Partner, Personal})
	}
	return pick(s, []Stage{Lead, Lead, Prospect, Customer, PastCustomer, PastCustomer, Partner})
}

func (s *Sampler) moments(c *Contact, active bool) {
	if !active && !s.chance(0.02) {
		return
	}
	if s.chance(0.75) {
		b := Date{0, time.Month(1 + s.rng.IntN(12)), 1 + s.rng.IntN(28)}
		if s.chance(0.6) {
			b.Year = s.now.Year() - 25 - s.rng.IntN(40)
		}
		if s.chance(0.01) {
			b = Date{1988, time.February, 29}
		}
		c.Birthday = b
	}
	if s.chance(0.4) {
		d := DateOf(s.now.AddDate(-1-s.rng.IntN(15), 0, -s.rng.IntN(365)))
		c.Moments = append(c.Moments, Moment{LabelWorkAnniversary, d})
	}
	if c.Stage == Customer && s.chance(0.6) {
		c.Moments = append(c.Moments, Moment{LabelCustomerSince, DateOf(c.Created)})
	}
}

// notes makes a history: active contacts are mostly within their cadence,
// dormant ones were last touched long ago.
func (s *Sampler) notes(c *Contact, active bool) []Interaction {
	n := 10 + s.rng.IntN(21) // about 20 on average
	span := int(s.now.Sub(c.Created).Hours() / 24)
	latest := 1 + s.rng.IntN(max(1, c.CadenceDays()*5/4))
	if !active {
		latest = 30 + s.rng.IntN(max(1, min(span, 400)))
	}
	latest = min(latest, span) // no note before the contact was added
	out := make([]Interaction, 0, n)
	for k := 0; k < n; k++ {
		ago := latest + s.rng.IntN(max(1, span-latest+1))
		if k == 0 {
			ago = latest
		}
		day := s.now.AddDate(0, 0, -ago) // in office hours, 8:00 to 17:00
		at := time.Date(day.Year(), day.Month(), day.Day(), 8+s.rng.IntN(10), 0, 0, 0, day.Location())
		out = append(out, s.note(at))
	}
	for _, in := range out {
		if in.Kind.IsTouch() && in.At.After(c.LastTouch) {
			c.LastTouch = in.At
		}
	}
	return out
}

func (s *Sampler) note(at time.Time) Interaction {
	in := Interaction{Kind: pick(s, []Kind{Call, Call, Call, Meeting, Meeting, Email, Email, Message, Note}), At: at}
	in.Inbound = in.Kind != Note && s.chance(0.35)
	text := pick(s, noteTexts)
	if s.chance(0.25) {
		t := pick(s, Topics)
		in.Topics = []Topic{t}
		text += " " + pick(s, topicTexts[t])
	}
	in.Text = text
	return in
}

// followUps: done promises in the past (mostly on time) for everyone, open
// ones only for the active core.
func (s *Sampler) followUps(notes []Interaction, active bool) []FollowUp {
	var out []FollowUp
	today := DateOf(s.now)
	for _, in := range notes {
		if !s.chance(0.15) {
			continue
		}
		due := DateOf(in.At).AddDays(1 + s.rng.IntN(10))
		if !due.Before(today) {
			continue
		}
		f := FollowUp{Text: pick(s, promiseTexts), Due: due, Promised: due, TheyOwe: s.chance(0.15)}
		f.Done = due.AddDays(s.rng.IntN(3) - 2)
		if s.chance(0.2) {
			f.Done = due.AddDays(1 + s.rng.IntN(7))
		}
		if f.Done.After(today) {
			f.Done = today
		}
		out = append(out, f)
	}
	if active && s.chance(0.2) {
		due := today.AddDays(s.rng.IntN(33) - 3)
		f := FollowUp{Text: pick(s, promiseTexts), Due: due, Promised: due}
		if s.chance(0.2) {
			f.Promised = due.AddDays(-3)
			f.Snoozes = 1
		}
		out = append(out, f)
	}
	return out
}

func (s *Sampler) questions(active bool) []Question {
	if !active || !s.chance(0.6) {
		return nil
	}
	var out []Question
	for k := 0; k < 1+s.rng.IntN(3); k++ {
		q := Question{Text: pick(s, questionTexts), Created: s.now.AddDate(0, 0, -s.rng.IntN(60))}
		if !slices.ContainsFunc(out, func(o Question) bool { return o.Text == q.Text }) {
			out = append(out, q) // the same question twice would be noise
		}
	}
	return out
}

type nameOrder int

const (
	givenFirst nameOrder = iota
	familyFirst
)

func (s *Sampler) name() (string, string, nameOrder) {
	p := pick(s, namePools)
	return pick(s, p.given), pick(s, p.family), p.order
}

func isCJK(s string) bool {
	for _, r := range s {
		if r >= 0x3040 {
			return true
		}
	}
	return false
}

// pinyin romanizes the Chinese names of the sample pools, as people with
// those names write them in their email addresses.
var pinyin = map[string]string{
	"伟": "wei", "芳": "fang", "娜": "na", "敏": "min", "静": "jing", "磊": "lei",
	"王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang",
}

// asciiName turns a name into something usable in an email address.
func asciiName(s string) string {
	if p, ok := pinyin[s]; ok {
		return p
	}
	if isCJK(s) {
		return fmt.Sprintf("u%x", []rune(s)[0])
	}
	return s
}

func domainOf(company string) string {
	d := strings.ToLower(strings.Fields(Fold(company))[0])
	return strings.Trim(d, ",.&") + ".example"
}
