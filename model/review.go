package model

import (
	"sort"
	"time"
)

// ReviewWeeks is how many earlier weeks the weekly review compares against.
const ReviewWeeks = 4

// reviewMovers is how many warming and cooling relationships it names.
const reviewMovers = 3

// WeekCounts is what one week (Monday to Sunday) added up to.
type WeekCounts struct {
	Start        Date `json:"start"` // the Monday
	Days         int  `json:"days"`  // days counted from Monday: 7, or fewer while the week runs
	Meetings     int  `json:"meetings"`
	Calls        int  `json:"calls"`
	Touches      int  `json:"touches"`       // every touch, meetings and calls included
	Inbound      int  `json:"inbound"`       // touches the contact started
	ThankYous    int  `json:"thank_yous"`    // meetings thanked for within a day
	PromisesMade int  `json:"promises_made"` // the rep's, logged with a note of the week
	PromisesKept int  `json:"promises_kept_on_time"`
	PromisesLate int  `json:"promises_late"` // first due in the week, done late or still open
	Cards        int  `json:"cards"`
	NewContacts  int  `json:"new_contacts"`
	GoingCold    int  `json:"going_cold"` // past their cadence on the week's last day (or today)
}

// DayTouches is one day of the reviewed week.
type DayTouches struct {
	Day      Date `json:"day"`
	Meetings int  `json:"meetings"`
	Other    int  `json:"other_touches"`
}

// Mover is a relationship that warmed or cooled: this week's touches
// against the contact's own average of the weeks before.
type Mover struct {
	ContactID uint64  `json:"contact_id"`
	Name      string  `json:"name"`
	ThisWeek  int     `json:"this_week"`
	Usual     float64 `json:"usual_per_week"`
}

// Review is the Friday ritual: the week against the four before it.
type Review struct {
	Week      WeekCounts   `json:"week"`
	Previous  []WeekCounts `json:"previous"` // the four weeks before, latest first
	Days      []DayTouches `json:"days"`     // Monday to Sunday
	GoingCold int          `json:"going_cold"`
	Warmed    []Mover      `json:"warmed"`
	Cooled    []Mover      `json:"cooled"`
}

// ReviewInput is what the review is computed from. Notes must hold at
// least every note from four weeks before Start to the day after the week
// (a Sunday meeting may be thanked for on Monday); FollowUps at least those
// that came from these notes; Promises the rep's promises of those days,
// counted by promised day; Contacts at least every contact touched or
// added in those days; GoingCold how many were past their cadence at the
// end of the week and of each of the four before (or today, if earlier).
type ReviewInput struct {
	Start     Date
	Today     Date // later days are left out
	Notes     []Interaction
	FollowUps []FollowUp
	Promises  []PromiseDay
	Contacts  []ReviewContact
	GoingCold []int
}

// ReviewContact is what the review needs of a contact: a name for the
// movers, a day for the new contacts. A whole Contact is ten times the
// size, and an old week of a big book names tens of thousands.
type ReviewContact struct {
	ID      uint64
	Name    string
	Created time.Time
}

// ReviewSpan is how many days of the week from start the review counts:
// all seven once it is over; while it runs, Monday to today, and then the
// weeks before are counted over the same days, so that a Wednesday is
// held against Mondays to Wednesdays, not against whole weeks.
func ReviewSpan(start, today Date) int {
	return max(min(start.DaysUntil(today)+1, 7), 1)
}

// PromiseDay counts the rep's promises first due on one day by where they
// stand: still open, kept on time, or done late.
type PromiseDay struct {
	Day              Date
	Open, Kept, Late int
}

// PromiseDays tallies promises the way the store's per-day counts do; the
// others' promises (they owe) are left out.
func PromiseDays(follows []FollowUp) []PromiseDay {
	byDay := map[Date]*PromiseDay{}
	var out []PromiseDay
	for _, f := range follows {
		if f.TheyOwe {
			continue
		}
		p := byDay[f.Promised]
		if p == nil {
			p = &PromiseDay{Day: f.Promised}
			byDay[f.Promised] = p
		}
		switch {
		case f.Open():
			p.Open++
		case f.KeptOnTime():
			p.Kept++
		default:
			p.Late++
		}
	}
	for _, p := range byDay {
		out = append(out, *p)
	}
	return out
}

// WeekStart is the Monday on or before d.
func WeekStart(d Date) Date {
	back := (int(d.Weekday()) + 6) % 7
	return d.AddDays(-back)
}

// ComputeReview adds up the week that starts on in.Start and the four
// weeks before it.
func ComputeReview(in ReviewInput) Review {
	noteDay := map[uint64]Date{}
	for _, n := range in.Notes {
		noteDay[n.ID] = DateOf(n.At)
	}
	thanked := thankedMeetings(in)
	span := ReviewSpan(in.Start, in.Today)
	count := func(i int) WeekCounts {
		w := weekCounts(in, in.Start.AddDays(-7*i), span, noteDay, thanked)
		if i < len(in.GoingCold) {
			w.GoingCold = in.GoingCold[i]
		}
		return w
	}
	r := Review{Week: count(0), Previous: make([]WeekCounts, ReviewWeeks)}
	for i := range r.Previous {
		r.Previous[i] = count(i + 1)
	}
	r.Days = dayTouches(in)
	r.GoingCold = r.Week.GoingCold
	r.Warmed, r.Cooled = movers(in, span)
	return r
}

// dayTouches counts the reviewed week's touches day by day.
func dayTouches(in ReviewInput) []DayTouches {
	days := make([]DayTouches, 7)
	for i := range days {
		days[i].Day = in.Start.AddDays(i)
	}
	for _, n := range in.Notes {
		day := DateOf(n.At)
		if !n.Kind.IsTouch() || !inSpan(day, in.Start, 7) || day.After(in.Today) {
			continue
		}
		if d := &days[in.Start.DaysUntil(day)]; n.Kind == Meeting {
			d.Meetings++
		} else {
			d.Other++
		}
	}
	return days
}

func weekCounts(in ReviewInput, start Date, span int, noteDay map[uint64]Date, thanked map[uint64]bool) WeekCounts {
	w := WeekCounts{Start: start, Days: span}
	inWeek := func(day, start Date) bool { return inSpan(day, start, span) }
	for _, n := range in.Notes {
		day := DateOf(n.At)
		if !n.Kind.IsTouch() || !inWeek(day, start) || day.After(in.Today) {
			continue
		}
		w.Touches++
		switch n.Kind {
		case Meeting:
			w.Meetings++
			if thanked[n.ID] {
				w.ThankYous++
			}
		case Call:
			w.Calls++
		case Card:
			w.Cards++
		}
		if n.Inbound {
			w.Inbound++
		}
	}
	for _, f := range in.FollowUps {
		if f.TheyOwe {
			continue
		}
		if day, ok := noteDay[f.NoteID]; ok && f.NoteID != 0 && inWeek(day, start) && !day.After(in.Today) {
			w.PromisesMade++
		}
	}
	// A promise still open on its own day can yet be kept: it waits.
	for _, p := range in.Promises {
		if !inWeek(p.Day, start) || p.Day.After(in.Today) {
			continue
		}
		w.PromisesKept += p.Kept
		w.PromisesLate += p.Late
		if p.Day.Before(in.Today) {
			w.PromisesLate += p.Open
		}
	}
	for _, c := range in.Contacts {
		if day := DateOf(c.Created); inWeek(day, start) && !day.After(in.Today) {
			w.NewContacts++
		}
	}
	return w
}

// thankedMeetings marks the meetings thanked for within a day: their
// thank-you follow-up done by the next day, or a card to the same person
// logged that day or the next.
func thankedMeetings(in ReviewInput) map[uint64]bool {
	out := map[uint64]bool{}
	meetings := map[uint64]Interaction{}
	for _, n := range in.Notes {
		if n.Kind == Meeting {
			meetings[n.ID] = n
		}
	}
	for _, f := range in.FollowUps {
		m, ok := meetings[f.NoteID]
		if ok && f.IsThankYou() && !f.Open() && !f.Done.After(DateOf(m.At).AddDays(1)) {
			out[m.ID] = true
		}
	}
	for _, n := range in.Notes {
		if n.Kind != Card {
			continue
		}
		for _, m := range meetings {
			gap := DateOf(m.At).DaysUntil(DateOf(n.At))
			if m.ContactID == n.ContactID && gap >= 0 && gap <= 1 {
				out[m.ID] = true
			}
		}
	}
	return out
}

// movers ranks contacts by this week's touches against their own average
// over the weeks before (the same days of them): the three that rose most
// and fell most.
func movers(in ReviewInput, span int) (warmed, cooled []Mover) {
	this := map[uint64]int{}
	before := map[uint64]int{}
	first := in.Start.AddDays(-7 * ReviewWeeks)
	for _, n := range in.Notes {
		day := DateOf(n.At)
		switch {
		case !n.Kind.IsTouch() || day.After(in.Today):
		case inSpan(day, in.Start, span):
			this[n.ContactID]++
		case !day.Before(first) && day.Before(in.Start) && inSpan(day, WeekStart(day), span):
			before[n.ContactID]++
		}
	}
	names := map[uint64]string{}
	for _, c := range in.Contacts {
		if this[c.ID] > 0 || before[c.ID] > 0 {
			names[c.ID] = c.Name
		}
	}
	var all []Mover
	for id, name := range names {
		all = append(all, Mover{ContactID: id, Name: name, ThisWeek: this[id], Usual: float64(before[id]) / ReviewWeeks})
	}
	change := func(m Mover) float64 { return float64(m.ThisWeek) - m.Usual }
	sort.Slice(all, func(i, j int) bool {
		if ci, cj := change(all[i]), change(all[j]); ci != cj {
			return ci > cj
		}
		return all[i].ContactID < all[j].ContactID
	})
	warmed, cooled = []Mover{}, []Mover{}
	for _, m := range all {
		if change(m) > 0 && len(warmed) < reviewMovers {
			warmed = append(warmed, m)
		}
	}
	for i := len(all) - 1; i >= 0 && len(cooled) < reviewMovers; i-- {
		if change(all[i]) < 0 {
			cooled = append(cooled, all[i])
		}
	}
	return warmed, cooled
}

// inSpan reports whether day is one of the first span days from start.
func inSpan(day, start Date, span int) bool {
	return !day.Before(start) && day.Before(start.AddDays(span))
}
