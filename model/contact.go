package model

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"
)

// Stage is where a contact stands in the relationship.
type Stage string

// The stages, from first contact to beyond the close.
const (
	Lead         Stage = "lead"
	Prospect     Stage = "prospect"
	Customer     Stage = "customer"
	PastCustomer Stage = "past-customer"
	Partner      Stage = "partner"
	Personal     Stage = "personal"
)

// DefaultStage is the stage of a contact added without one, from the
// command line and the form alike: someone a rep adds by hand has usually
// already talked with them, which is what makes a prospect.
const DefaultStage = Prospect

// DefaultKind is the kind of an interaction logged without one, from the
// command line and the note form alike: rapport's moment is the minute
// after a call. A note written without talking is --kind note.
const DefaultKind = Call

// Stages lists every stage in pipeline order.
var Stages = []Stage{Lead, Prospect, Customer, PastCustomer, Partner, Personal}

// ParseStage accepts a stage name, with "past customer" spelled either way.
func ParseStage(s string) (Stage, error) {
	norm := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "-")
	norm = strings.ReplaceAll(norm, "_", "-")
	for _, st := range Stages {
		if string(st) == norm {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown stage %q (use %s)", s, stageList())
}

func stageList() string {
	names := make([]string, len(Stages))
	for i, st := range Stages {
		names[i] = string(st)
	}
	return strings.Join(names, ", ")
}

// DefaultCadence is how often a contact at this stage should hear from us
// when the contact has no cadence of its own, in days.
func (s Stage) DefaultCadence() int {
	switch s {
	case Lead, Prospect:
		return 14
	case Customer:
		return 30
	case Partner:
		return 60
	case PastCustomer:
		return 180
	case Personal:
		return 90
	}
	return 30
}

// Moment is a yearly date worth remembering, such as a work anniversary.
type Moment struct {
	Label string `json:"label"`
	Date  Date   `json:"date"`
}

// The labels rapport itself understands; any other label is kept as typed.
const (
	LabelBirthday        = "birthday"
	LabelWorkAnniversary = "work anniversary"
	LabelAnniversary     = "anniversary"
	LabelCustomerSince   = "customer since"
)

// MaxMoments bounds a contact's moments (the store numbers them in a byte).
const MaxMoments = 100

// Contact is a person in the rep's book.
type Contact struct {
	ID         uint64    `json:"id"`
	UID        string    `json:"uid,omitempty"`
	Name       string    `json:"name"`
	Company    string    `json:"company,omitempty"`
	Title      string    `json:"title,omitempty"`
	Emails     []string  `json:"emails,omitempty"`
	Phones     []string  `json:"phones,omitempty"`
	Addresses  []Address `json:"addresses,omitempty"`
	Tags       []string  `json:"tags,omitempty"`
	Stage      Stage     `json:"stage"`
	Birthday   Date      `json:"birthday,omitzero"`
	Moments    []Moment  `json:"moments,omitempty"`
	HowWeMet   string    `json:"how_we_met,omitempty"`
	ReferredBy uint64    `json:"referred_by,omitempty"`
	Matters    string    `json:"matters,omitempty"`
	Cadence    int       `json:"cadence_days,omitempty"`
	Created    time.Time `json:"created"`
	LastTouch  time.Time `json:"last_touch,omitzero"`
	// NextTouchAfter, when set, is the day the next touch falls due instead
	// of one cadence after the last: `rapport later` puts a cold contact
	// off with it, and an import spreads first touches with it. The next
	// real touch clears it.
	NextTouchAfter Date `json:"next_touch_after,omitzero"`
	// Nicknames, URLs and Background (a card's NOTE: who they are, kept
	// apart from the timeline of notes) come from imports and travel back
	// out as NICKNAME, URL and NOTE.
	Nicknames  []string `json:"nicknames,omitempty"`
	URLs       []string `json:"urls,omitempty"`
	Background string   `json:"background,omitempty"`
	// NameParts is the structured name a source gave (vCard N), written
	// back as it came; nil when rapport would have to guess it.
	NameParts *NameParts `json:"name_parts,omitempty"`
	// Kept holds vCard properties rapport has no field for (X-MS-SPOUSE,
	// IMPP, RELATED ...), as content lines, written back on vCard export
	// so an import never drops a field in silence.
	Kept []string `json:"vcard_kept,omitempty"`
}

// CadenceDays is the contact's own cadence, or its stage's default.
func (c Contact) CadenceDays() int {
	if c.Cadence > 0 {
		return c.Cadence
	}
	return c.Stage.DefaultCadence()
}

// Touched is the day of the last real contact (a call, meeting, email,
// message or card), or the zero Date when there has been none: adding or
// importing a contact is not a touch.
func (c Contact) Touched() Date {
	if c.LastTouch.IsZero() {
		return Date{}
	}
	return DateOf(c.LastTouch)
}

// NextTouch is the day by which the contact should hear from us again: the
// day it was put off to, else one cadence after the last touch, or after
// the day it was added when it was never touched.
func (c Contact) NextTouch() Date {
	if !c.NextTouchAfter.IsZero() {
		return c.NextTouchAfter
	}
	base := DateOf(c.LastTouch)
	if c.LastTouch.IsZero() {
		base = DateOf(c.Created)
	}
	return base.AddDays(c.CadenceDays())
}

// SpreadFirstTouch puts the first touch of an imported contact on a day
// within its first cadence, chosen from key (its name, say), so a big
// import does not fall due on one day. It leaves a touched contact alone.
func SpreadFirstTouch(c Contact, key string) Contact {
	if !c.LastTouch.IsZero() || !c.NextTouchAfter.IsZero() {
		return c
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	c.NextTouchAfter = DateOf(c.Created).AddDays(1 + int(h.Sum32()%uint32(c.CadenceDays())))
	return c
}

// AllMoments lists the birthday (when known) and the other moments.
func (c Contact) AllMoments() []Moment {
	out := make([]Moment, 0, len(c.Moments)+1)
	if !c.Birthday.IsZero() {
		out = append(out, Moment{LabelBirthday, c.Birthday})
	}
	return append(out, c.Moments...)
}

// HasTag reports whether the contact carries tag t (case-insensitive).
func (c Contact) HasTag(t string) bool {
	for _, have := range c.Tags {
		if strings.EqualFold(have, t) {
			return true
		}
	}
	return false
}

// Validate reports the first thing wrong with a contact about to be saved.
func (c Contact) Validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return fmt.Errorf("a contact needs a name")
	}
	if st, err := ParseStage(string(c.Stage)); err != nil {
		return err
	} else if st != c.Stage {
		return fmt.Errorf("the stage %q is not written as rapport writes it (%q)", c.Stage, st)
	}
	if c.Cadence < 0 {
		return fmt.Errorf("cadence cannot be negative")
	}
	if c.Cadence > MaxCadence {
		return fmt.Errorf("a cadence can be at most %d days (10 years)", MaxCadence)
	}
	if err := c.CheckLengths(); err != nil {
		return err
	}
	for _, e := range c.Emails {
		if !strings.Contains(e, "@") || strings.ContainsAny(e, " \t") {
			return fmt.Errorf("%q is not an email address", e)
		}
	}
	if len(c.Moments) > MaxMoments {
		return fmt.Errorf("a contact can have at most %d moments", MaxMoments)
	}
	for _, m := range c.Moments {
		if strings.TrimSpace(m.Label) == "" || m.Date.IsZero() {
			return fmt.Errorf("a moment needs a label and a date")
		}
	}
	for _, m := range c.AllMoments() {
		if err := m.Date.valid(); err != nil {
			return fmt.Errorf("the %s date %s is impossible: %v", m.Label, m.Date, err)
		}
	}
	return nil
}

// ParseCadence reads "30", "30d", "2w", "3m" (30-day months) or "1y".
func ParseCadence(s string) (int, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	n, unit, err := splitAmount(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a cadence (use a number of days, or e.g. 30d, 2w, 3m)", s)
	}
	days := map[string]int{"": 1, "d": 1, "w": 7, "m": 30, "y": 365}[unit]
	switch {
	case days == 0:
		return 0, fmt.Errorf("%q is not a cadence (use a number of days, or e.g. 30d, 2w, 3m)", s)
	case n > MaxCadence/days:
		return 0, fmt.Errorf("a cadence can be at most 10 years (%d days), not %q", MaxCadence, s)
	}
	return n * days, nil
}
