package model

import (
	"strconv"
	"strings"
)

// FigureWindow is the look-back of the relationship figures, in days.
const FigureWindow = 90

// Figures sum up a relationship (or the whole book) over the last 90 days.
type Figures struct {
	Meetings      int  `json:"meetings_90d"`
	Interactions  int  `json:"interactions_90d"`
	Inbound       int  `json:"inbound_90d"`
	InboundShare  *int `json:"inbound_share_pct"` // nil when nothing two-way was logged
	LastTouch     Date `json:"last_touch,omitzero"`
	PromisesDue   int  `json:"promises_due_90d"`
	PromisesKept  int  `json:"promises_kept_90d"`
	FollowThrough *int `json:"follow_through_pct"` // nil when no promise fell due
	// Valued counts the touches that said what they gave; ValueShare is
	// their share of all touches (Interactions), nil when there was none.
	Valued     int  `json:"valued_90d"`
	ValueShare *int `json:"value_share_pct"`
}

// ComputeFigures counts meetings, the inbound share of two-way interactions
// (notes have no direction and are left out) and the follow-through rate:
// of the promises the rep made whose first due date fell in the window and
// is not in the future, the share done on or before that date.
func ComputeFigures(today Date, notes []Interaction, follows []FollowUp) Figures {
	var f Figures
	since := today.AddDays(-FigureWindow)
	for _, n := range notes {
		day := DateOf(n.At)
		if n.Kind.IsTouch() && day.After(f.LastTouch) { // as the contact's own last touch
			f.LastTouch = day
		}
		if day.Before(since) || day.After(today) || n.Kind == Note {
			continue
		}
		f.Interactions++
		if n.Inbound {
			f.Inbound++
		}
		if n.Kind == Meeting {
			f.Meetings++
		}
		if strings.TrimSpace(n.Gave) != "" {
			f.Valued++
		}
	}
	f.InboundShare = Percent(f.Inbound, f.Interactions)
	f.ValueShare = Percent(f.Valued, f.Interactions)
	for _, fu := range follows {
		if PromiseCounts(fu, today) {
			f.PromisesDue++
			if fu.KeptOnTime() {
				f.PromisesKept++
			}
		}
	}
	f.FollowThrough = Percent(f.PromisesKept, f.PromisesDue)
	return f
}

// PromiseCounts reports whether a follow-up weighs in the follow-through
// rate on today: the rep owes it and it was first due in the last 90 days.
// One still open on its promised day can yet be kept, so it waits.
func PromiseCounts(fu FollowUp, today Date) bool {
	if fu.TheyOwe || fu.Promised.After(today) || (fu.Open() && fu.Promised == today) {
		return false
	}
	return !fu.Promised.Before(today.AddDays(-FigureWindow))
}

// Percent rounds part/whole to a whole percentage; nil when whole is 0.
func Percent(part, whole int) *int {
	if whole == 0 {
		return nil
	}
	p := (part*100 + whole/2) / whole
	return &p
}

// DaysAgo says how long ago a day was, in words: "today", "yesterday",
// "3 days ago", "5 weeks ago".
func DaysAgo(d, today Date) string {
	n := d.DaysUntil(today)
	switch {
	case d.IsZero():
		return "never"
	case n < 0:
		return "in the future"
	case n == 0:
		return "today"
	case n == 1:
		return "yesterday"
	case n < 14:
		return strconv.Itoa(n) + " days ago"
	case n < 60:
		return strconv.Itoa(n/7) + " weeks ago"
	case n < 730:
		return strconv.Itoa(n/30) + " months ago"
	}
	return strconv.Itoa(n/365) + " years ago"
}
