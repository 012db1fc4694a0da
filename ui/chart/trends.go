package chart

import (
	"fmt"
	"strconv"
	"strings"

	"rapport/model"
)

// labelW is the width of the row labels of the trend chart.
const labelW = 11

// Trend chart widths: two cells per month from wideTrend columns, one from
// narrowTrend; below that the chart folds into one line of totals.
const (
	wideTrend   = 40
	narrowTrend = 28
)

// Trends draws a contact's last twelve months in at most width columns:
// meetings and other touches as two sparklines on one scale, the inbound
// share, and the promises kept on time (✓) and late (✗) per quarter.
func Trends(t model.Trends, width int, p Paint) []string {
	meet, other, inbound, shares := trendSeries(t)
	totalMeet, totalOther, totalIn := sum(meet), sum(other), sum(inbound)
	share := "–"
	if pc := model.Percent(totalIn, totalMeet+totalOther); pc != nil {
		share = strconv.Itoa(*pc) + "%"
	}
	if width < narrowTrend {
		return []string{p.label("12 months ") + fmt.Sprintf("%d meet · %d other", totalMeet, totalOther)}
	}
	gap := 1
	if width < wideTrend {
		gap = 0
	}
	axis := make([]string, len(t.Months))
	for i, m := range t.Months {
		axis[i] = model.MonthLetter(m.Month)
	}
	top := Max(meet, other)
	row := func(label, spark, total string) string {
		return p.label(pad(label, labelW)) + spark + " " + total
	}
	out := []string{
		p.muted(pad("", labelW) + strings.Join(axis, strings.Repeat(" ", gap))),
		row("meetings", p.meeting(Spark(meet, top, gap)), strconv.Itoa(totalMeet)),
		row("other", p.other(Spark(other, top, gap)), strconv.Itoa(totalOther)),
		row("inbound", sharesSpark(shares, gap), share),
	}
	return append(out, promiseLine(t.Quarters, width, p))
}

// trendSeries splits the months into the series the chart draws; a month
// with no touch has no inbound share (-1).
func trendSeries(t model.Trends) (meet, other, inbound, shares []int) {
	for _, m := range t.Months {
		meet = append(meet, m.Meetings)
		other = append(other, m.Other)
		inbound = append(inbound, m.Inbound)
		s := -1
		if m.InboundShare != nil {
			s = *m.InboundShare
		}
		shares = append(shares, s)
	}
	return meet, other, inbound, shares
}

// sharesSpark draws percentages on a 0-100 scale; a share of 0% is the
// lowest block, a month without touches the empty mark.
func sharesSpark(shares []int, gap int) string {
	var b strings.Builder
	for i, s := range shares {
		if i > 0 {
			b.WriteString(strings.Repeat(" ", gap))
		}
		switch {
		case s < 0:
			b.WriteRune(Empty)
		case s == 0:
			b.WriteRune(levels[0])
		default:
			b.WriteRune(Level(s, 100))
		}
	}
	return b.String()
}

// promiseLine lists the latest quarters that fit: "Q3 ✓4 ✗1".
func promiseLine(qs []model.QuarterTrend, width int, p Paint) string {
	var parts []string
	used := labelW
	for i := len(qs) - 1; i >= 0; i-- {
		q := qs[i]
		part := quarterName(q.Quarter)
		if q.Kept+q.Late == 0 {
			part += " –"
		}
		if q.Kept > 0 {
			part += " ✓" + strconv.Itoa(q.Kept)
		}
		if q.Late > 0 {
			part += " ✗" + strconv.Itoa(q.Late)
		}
		if used+len([]rune(part))+2 > width {
			break
		}
		used += len([]rune(part)) + 2
		parts = append([]string{part}, parts...)
	}
	return p.label(pad("promises", labelW)) + strings.Join(parts, "  ")
}

// quarterName turns "2026-Q3" into "Q3".
func quarterName(q string) string {
	if i := strings.IndexByte(q, 'Q'); i >= 0 {
		return q[i:]
	}
	return q
}

func sum(vs []int) int {
	n := 0
	for _, v := range vs {
		n += v
	}
	return n
}

func pad(s string, w int) string {
	if n := len([]rune(s)); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
