package chart

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

// reviewRow is one figure of the weekly review, this week and the four
// weeks before (latest first).
type reviewRow struct {
	label string
	pick  func(model.WeekCounts) int
}

var reviewRows = []reviewRow{
	{"meetings", func(w model.WeekCounts) int { return w.Meetings }},
	{"calls", func(w model.WeekCounts) int { return w.Calls }},
	{"all touches", func(w model.WeekCounts) int { return w.Touches }},
	{"inbound", func(w model.WeekCounts) int { return w.Inbound }},
	{"thanked in a day", func(w model.WeekCounts) int { return w.ThankYous }},
	{"promises made", func(w model.WeekCounts) int { return w.PromisesMade }},
	{"kept on time", func(w model.WeekCounts) int { return w.PromisesKept }},
	{"late", func(w model.WeekCounts) int { return w.PromisesLate }},
	{"cards sent", func(w model.WeekCounts) int { return w.Cards }},
	{"new contacts", func(w model.WeekCounts) int { return w.NewContacts }},
	{"going cold", func(w model.WeekCounts) int { return w.GoingCold }},
}

const reviewLabelW = 17

// ReviewTable draws the review's figures: the week, the average of the
// four weeks before, and a sparkline of all five weeks (oldest first).
// Below 36 columns the average and sparkline fold away.
func ReviewTable(r model.Review, width int, p Paint) []string {
	wide := width >= 36
	head := pad("", reviewLabelW) + " week"
	if wide {
		head += "  4w avg  5 wks"
	}
	out := []string{p.muted(head)}
	for _, row := range reviewRows {
		this := row.pick(r.Week)
		line := p.label(pad(row.label, reviewLabelW)) + fmt.Sprintf("%5d", this)
		if wide {
			series := []int{}
			total := 0
			for i := len(r.Previous) - 1; i >= 0; i-- {
				v := row.pick(r.Previous[i])
				series = append(series, v)
				total += v
			}
			avg := float64(total) / float64(max(len(r.Previous), 1))
			series = append(series, this)
			line += p.muted("  "+avgText(avg)) + "  " + Spark(series, Max(series), 0) + " " + trendMark(this, avg)
		}
		out = append(out, line)
	}
	return out
}

// trendMark is a shape for up, down or level, readable without colour.
// avgText is a weekly average in the column's six cells: a tenth while it
// fits, whole numbers past 9,999.9 (going cold in a big book), thousands
// past 999,999.
func avgText(avg float64) string {
	switch {
	case avg < 9999.95:
		return fmt.Sprintf("%6.1f", avg)
	case avg < 999999.5:
		return fmt.Sprintf("%6.0f", avg)
	}
	return fmt.Sprintf("%5.0fk", avg/1000)
}

func trendMark(this int, avg float64) string {
	switch {
	case float64(this) > avg+0.5:
		return "▲"
	case float64(this) < avg-0.5:
		return "▼"
	}
	return "="
}

// Movers lists the relationships that warmed or cooled most, one a line:
// "Ada Lovelace  3 vs 0.5/wk": touches this week against their usual week.
func Movers(ms []model.Mover, width int, p Paint) []string {
	if len(ms) == 0 {
		return []string{p.muted("  none")}
	}
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		tail := fmt.Sprintf(" %d vs %.1f/wk", m.ThisWeek, m.Usual)
		nameW := max(min(width-2-ansi.StringWidth(tail), 28), 4)
		name := model.CleanLine(m.Name)
		if ansi.StringWidth(name) > nameW {
			name = ansi.Truncate(name, nameW, "…")
		}
		out = append(out, "  "+name+strings.Repeat(" ", nameW-ansi.StringWidth(name))+p.muted(tail))
	}
	return out
}

// WeekTitle names the reviewed week: "Week of Mon 23 Nov 2026".
func WeekTitle(start model.Date) string {
	return "Week of " + start.Time().Format("Mon 2 Jan 2006")
}

// WeekSoFar says, for a week still running, which days count: "Mon to
// Wed so far, against the same days before"; "" once the week is over.
func WeekSoFar(start, today model.Date) string {
	span := model.ReviewSpan(start, today)
	if span >= 7 {
		return ""
	}
	first, last := start.Weekday().String()[:3], start.AddDays(span - 1).Weekday().String()[:3]
	if span == 1 {
		return first + " so far, against the Mondays before"
	}
	return first + " to " + last + " so far, against the same days before"
}

// ReviewLines is the whole review as lines of at most width columns:
// figures, the bar chart by day, then who warmed and who cooled.
func ReviewLines(r model.Review, width int, p Paint) []string {
	return fitLines(append(append(ReviewTable(r, width, p), ""), ReviewActivity(r, width, p)...), width)
}

// ReviewActivity is the bar chart by day, then who warmed and cooled.
func ReviewActivity(r model.Review, width int, p Paint) []string {
	out := []string{p.label("By day")}
	out = append(out, DayBars(r.Days, min(width, 50), p)...)
	out = append(out, "", p.label("Warmed most")+p.muted(" (against their usual week)"))
	out = append(out, Movers(r.Warmed, width, p)...)
	out = append(out, "", p.label("Cooled most"))
	out = append(out, Movers(r.Cooled, width, p)...)
	return fitLines(out, width)
}

// fitLines cuts lines longer than width.
func fitLines(out []string, width int) []string {
	for i, l := range out {
		if ansi.StringWidth(l) > width {
			out[i] = ansi.Truncate(l, width, "…")
		}
	}
	return out
}
