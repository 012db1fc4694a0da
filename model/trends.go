package model

import (
	"fmt"
	"time"
)

// TrendMonths and TrendQuarters are how far back a contact's trends look.
const (
	TrendMonths   = 12
	TrendQuarters = 4
)

// MonthTrend is one calendar month of a relationship: face time set apart
// from the other touches, and who reached out.
type MonthTrend struct {
	Month        string `json:"month"`         // YYYY-MM
	Meetings     int    `json:"meetings"`      // meetings
	Other        int    `json:"other_touches"` // calls, emails, messages and cards
	Inbound      int    `json:"inbound"`       // touches the contact started
	InboundShare *int   `json:"inbound_share_pct"`
}

// Touches is every touch of the month, meetings included.
func (m MonthTrend) Touches() int { return m.Meetings + m.Other }

// QuarterTrend is the rep's follow-through in one calendar quarter: the
// promises first due in it, kept on time or late (late includes those
// still open after their day).
type QuarterTrend struct {
	Quarter string `json:"quarter"` // YYYY-Qn
	Kept    int    `json:"kept_on_time"`
	Late    int    `json:"late"`
}

// Trends is how a relationship moved over the last year, oldest first,
// ending with the current month and quarter.
type Trends struct {
	Months   []MonthTrend   `json:"months"`
	Quarters []QuarterTrend `json:"quarters"`
}

// ComputeTrends counts a contact's touches per month for the last twelve
// months and their promises per quarter for the last four. A plain note is
// not a touch; days after today are left out.
func ComputeTrends(today Date, notes []Interaction, follows []FollowUp) Trends {
	t := Trends{Months: make([]MonthTrend, TrendMonths), Quarters: make([]QuarterTrend, TrendQuarters)}
	first := Date{today.Year, today.Month, 1}.AddMonths(1 - TrendMonths)
	for i := range t.Months {
		t.Months[i].Month = fmt.Sprintf("%04d-%02d", first.AddMonths(i).Year, first.AddMonths(i).Month)
	}
	for _, n := range notes {
		day := DateOf(n.At)
		if !n.Kind.IsTouch() || day.Before(first) || day.After(today) {
			continue
		}
		m := &t.Months[monthIndex(first, day)]
		if n.Kind == Meeting {
			m.Meetings++
		} else {
			m.Other++
		}
		if n.Inbound {
			m.Inbound++
		}
	}
	for i := range t.Months {
		t.Months[i].InboundShare = Percent(t.Months[i].Inbound, t.Months[i].Touches())
	}
	firstQ := quarterStart(today).AddMonths(3 - 3*TrendQuarters)
	for i := range t.Quarters {
		q := firstQ.AddMonths(3 * i)
		t.Quarters[i].Quarter = fmt.Sprintf("%04d-Q%d", q.Year, (int(q.Month)+2)/3)
	}
	for _, f := range follows {
		if f.TheyOwe || f.Promised.Before(firstQ) || !PromiseFellDue(f, today) {
			continue
		}
		q := &t.Quarters[monthIndex(firstQ, f.Promised)/3]
		if f.KeptOnTime() {
			q.Kept++
		} else {
			q.Late++
		}
	}
	return t
}

// PromiseFellDue reports whether a promise can be judged on today: its day
// has come, and one still open on its very day can yet be kept.
func PromiseFellDue(f FollowUp, today Date) bool {
	return !f.Promised.After(today) && !(f.Open() && f.Promised == today)
}

func monthIndex(first, day Date) int {
	return (day.Year-first.Year)*12 + int(day.Month) - int(first.Month)
}

func quarterStart(d Date) Date {
	return Date{d.Year, time.Month((int(d.Month)-1)/3*3 + 1), 1}
}

// MonthLetter is the one-letter label of a YYYY-MM month, for chart axes.
func MonthLetter(month string) string {
	var y, m int
	if _, err := fmt.Sscanf(month, "%d-%d", &y, &m); err != nil || m < 1 || m > 12 {
		return "?"
	}
	return time.Month(m).String()[:1]
}
