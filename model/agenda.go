package model

import (
	"cmp"
	"slices"
)

// MomentWindow is how far ahead the agenda looks for personal moments.
const MomentWindow = 7

// ComingWindow is how many days after today "coming up" covers.
const ComingWindow = 7

// ColdLimit is how many going-cold contacts the agenda lists by default.
const ColdLimit = 10

// DueItem is a follow-up on the agenda.
type DueItem struct {
	FollowUp
	ContactName string `json:"contact_name"`
	DaysOverdue int    `json:"days_overdue"`
}

// MomentItem is a personal moment coming up.
type MomentItem struct {
	ContactID   uint64 `json:"contact_id"`
	ContactName string `json:"contact_name"`
	Label       string `json:"label"`
	On          Date   `json:"on"`
	InDays      int    `json:"in_days"`
	Years       int    `json:"years,omitempty"` // age or years since; 0 when the year is unknown
}

// ColdItem is a contact past their cadence.
type ColdItem struct {
	ContactID   uint64 `json:"contact_id"`
	ContactName string `json:"contact_name"`
	LastTouch   Date   `json:"last_touch,omitzero"` // absent when never touched
	Cadence     int    `json:"cadence_days"`
	DaysOverdue int    `json:"days_overdue"`
	Stage       Stage  `json:"stage"`
}

// Agenda is the morning view for one day.
type Agenda struct {
	Day       Date         `json:"day"`
	Overdue   []DueItem    `json:"overdue"`
	DueToday  []DueItem    `json:"due_today"`
	ComingUp  []DueItem    `json:"coming_up"` // due in the next ComingWindow days, soonest first
	Moments   []MomentItem `json:"moments"`
	Cold      []ColdItem   `json:"going_cold"`
	ColdTotal int          `json:"going_cold_total"`
}

// AgendaInput is what the agenda is computed from. The store fills it from
// its indexes with only what can matter for the day; AgendaOfBook fills it
// from a whole book. Both give the same agenda.
type AgendaInput struct {
	Today     Date
	FollowUps []FollowUp        // open ones; those due after the coming-up window are ignored
	Names     map[uint64]string // contact names, for the follow-ups
	MomentsOf []Contact         // contacts whose moments may fall in the window
	ColdOf    []Contact         // contacts that may be going cold
	ColdCount int               // how many are going cold in the whole book, when more exist than ColdOf holds
	ColdLimit int               // how many to list; 0 lists every one
}

// AgendaOfBook prepares the agenda input from every contact and follow-up.
func AgendaOfBook(today Date, contacts []Contact, follows []FollowUp, coldLimit int) AgendaInput {
	names := make(map[uint64]string, len(contacts))
	for _, c := range contacts {
		names[c.ID] = c.Name
	}
	return AgendaInput{Today: today, FollowUps: follows, Names: names, MomentsOf: contacts, ColdOf: contacts, ColdLimit: coldLimit}
}

// BuildAgenda computes the agenda of DESIGN.md "today".
func BuildAgenda(in AgendaInput) Agenda {
	a := Agenda{Day: in.Today, Overdue: []DueItem{}, DueToday: []DueItem{}, ComingUp: []DueItem{}, Moments: []MomentItem{}, Cold: []ColdItem{}}
	last := in.Today.AddDays(ComingWindow)
	for _, f := range in.FollowUps {
		if !f.Open() || f.Due.After(last) {
			continue
		}
		item := DueItem{FollowUp: f, ContactName: in.Names[f.ContactID], DaysOverdue: f.Due.DaysUntil(in.Today)}
		switch {
		case item.DaysOverdue > 0:
			a.Overdue = append(a.Overdue, item)
		case item.DaysOverdue == 0:
			a.DueToday = append(a.DueToday, item)
		default:
			item.DaysOverdue = 0
			a.ComingUp = append(a.ComingUp, item)
		}
	}
	for _, list := range [][]DueItem{a.Overdue, a.DueToday, a.ComingUp} {
		slices.SortStableFunc(list, compareDue)
	}
	for _, c := range in.MomentsOf {
		a.Moments = append(a.Moments, UpcomingMoments(c, in.Today, MomentWindow)...)
	}
	for _, c := range in.ColdOf {
		if item, ok := GoingCold(c, in.Today); ok {
			a.Cold = append(a.Cold, item)
		}
	}
	// Namesakes are told apart by id, so the order never depends on the
	// order of the input (the store's index order or the book's).
	slices.SortFunc(a.Moments, func(x, y MomentItem) int {
		return cmp.Or(cmp.Compare(x.InDays, y.InDays), cmp.Compare(x.ContactName, y.ContactName),
			cmp.Compare(x.ContactID, y.ContactID), cmp.Compare(x.Label, y.Label), cmp.Compare(x.Years, y.Years))
	})
	SortCold(a.Cold)
	a.ColdTotal = max(len(a.Cold), in.ColdCount)
	if in.ColdLimit > 0 && len(a.Cold) > in.ColdLimit {
		a.Cold = a.Cold[:in.ColdLimit]
	}
	return a
}

// compareDue orders follow-ups by due day, then time of day (a follow-up
// without one comes first: it is due all day), then by id.
func compareDue(x, y DueItem) int {
	return cmp.Or(x.Due.Compare(y.Due), cmp.Compare(x.DueTime, y.DueTime), cmp.Compare(x.ID, y.ID))
}

// SortCold puts first the contacts that matter most: customers and
// prospects, then leads and partners, then personal contacts and past
// customers; within each, the most overdue relative to their cadence (a
// 14-day prospect 20 days over before a 90-day contact 120 days over),
// then by name.
func SortCold(items []ColdItem) {
	slices.SortFunc(items, CompareCold)
}

// CompareCold is the order of SortCold.
func CompareCold(x, y ColdItem) int {
	return cmp.Or(cmp.Compare(x.Stage.ColdTier(), y.Stage.ColdTier()),
		CompareOverdue(y.DaysOverdue, y.Cadence, x.DaysOverdue, x.Cadence),
		cmp.Compare(y.DaysOverdue, x.DaysOverdue),
		cmp.Compare(x.ContactName, y.ContactName), cmp.Compare(x.ContactID, y.ContactID))
}

// CompareOverdue compares two overdue-to-cadence ratios exactly.
func CompareOverdue(over1, cadence1, over2, cadence2 int) int {
	return cmp.Compare(int64(over1)*int64(max(cadence2, 1)), int64(over2)*int64(max(cadence1, 1)))
}

// ColdTier ranks a stage for the going-cold list: 0 matters most.
func (s Stage) ColdTier() int {
	switch s {
	case Customer, Prospect:
		return 0
	case Lead, Partner:
		return 1
	}
	return 2
}

// UpcomingMoments lists c's moments falling from today to today+window days.
func UpcomingMoments(c Contact, today Date, window int) []MomentItem {
	var out []MomentItem
	for _, m := range c.AllMoments() {
		on := m.Date.NextOccurrence(today)
		in := today.DaysUntil(on)
		if in > window {
			continue
		}
		item := MomentItem{ContactID: c.ID, ContactName: c.Name, Label: m.Label, On: on, InDays: in}
		if m.Date.HasYear() && m.Date.Year < on.Year {
			item.Years = on.Year - m.Date.Year
		}
		out = append(out, item)
	}
	return out
}

// GoingCold reports whether c is past their cadence on today, and by how much.
func GoingCold(c Contact, today Date) (ColdItem, bool) {
	over := c.NextTouch().DaysUntil(today)
	if over <= 0 {
		return ColdItem{}, false
	}
	return ColdItem{ContactID: c.ID, ContactName: c.Name, LastTouch: c.Touched(), Cadence: c.CadenceDays(), DaysOverdue: over, Stage: c.Stage}, true
}

// MomentDays lists the month-days to look up for moments from today on:
// the window, plus Feb 29 when Feb 28 is in it in a year without Feb 29.
func MomentDays(today Date, window int) []Date {
	var out []Date
	for i := 0; i <= window; i++ {
		d := today.AddDays(i)
		out = append(out, Date{0, d.Month, d.Day})
		if d.Month == 2 && d.Day == 28 && daysIn(d.Year, 2) == 28 {
			out = append(out, Date{0, 2, 29})
		}
	}
	return out
}
