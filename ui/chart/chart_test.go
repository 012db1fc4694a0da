package chart

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

func TestLevel(t *testing.T) {
	for _, tc := range []struct {
		v, top int
		want   rune
	}{
		{0, 5, Empty}, {1, 100, '▁'}, {5, 5, '█'}, {3, 6, '▄'}, {7, 5, '█'}, {1, 0, Empty},
	} {
		if got := Level(tc.v, tc.top); got != tc.want {
			t.Errorf("Level(%d, %d) = %q, want %q", tc.v, tc.top, got, tc.want)
		}
	}
}

func sampleTrends() model.Trends {
	today := model.Date{Year: 2026, Month: time.November, Day: 23}
	at := func(m time.Month) time.Time { return time.Date(2026, m, 10, 9, 0, 0, 0, time.UTC) }
	notes := []model.Interaction{
		{Kind: model.Meeting, At: at(time.November), Inbound: true},
		{Kind: model.Meeting, At: at(time.November)},
		{Kind: model.Call, At: at(time.October)},
		{Kind: model.Card, At: at(time.March)},
	}
	follows := []model.FollowUp{{Promised: today.AddDays(-20), Done: today.AddDays(-21)}}
	return model.ComputeTrends(today, notes, follows)
}

func TestTrendsAtEveryWidth(t *testing.T) {
	tr := sampleTrends()
	for w := 10; w <= 60; w++ {
		lines := Trends(tr, w, Paint{})
		for _, l := range lines {
			if ansi.StringWidth(l) > w && w >= narrowTrend {
				t.Errorf("width %d: %q is %d wide", w, l, ansi.StringWidth(l))
			}
		}
		if w < narrowTrend && len(lines) != 1 {
			t.Errorf("width %d: %d lines, want the one-line fold", w, len(lines))
		}
	}
	wide := strings.Join(Trends(tr, 50, Paint{}), "\n")
	for _, want := range []string{"D J F M A M J J A S O N", "meetings   · · · · · · · · · · · █ 2", "other      · · · ▄ · · · · · · ▄ · 2", "Q4 ✓1"} {
		if !strings.Contains(wide, want) {
			t.Errorf("the wide chart lacks %q:\n%s", want, wide)
		}
	}
	if narrow := strings.Join(Trends(tr, 30, Paint{}), "\n"); !strings.Contains(narrow, "meetings   ···········█ 2") {
		t.Errorf("the narrow chart has no one-cell months:\n%s", narrow)
	}
}

func TestDayBars(t *testing.T) {
	mon := model.Date{Year: 2026, Month: time.November, Day: 23}
	days := make([]model.DayTouches, 7)
	for i := range days {
		days[i].Day = mon.AddDays(i)
	}
	days[0].Meetings, days[0].Other = 2, 3
	if lines := DayBars(days, 40, Paint{}); lines[0] != "Mon ██▒▒▒ 5" || lines[1] != "Tue ·" || len(lines) != 8 {
		t.Errorf("bars = %q", lines)
	}
	days[2].Other = 90 // too many to draw one cell each at 40 columns
	lines := DayBars(days, 40, Paint{})
	if lines[0] != "Mon █▒ 5" {
		t.Errorf("scaled down, Monday = %q, want a cell each for meetings and others", lines[0])
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("%q is wider than 40", l)
		}
	}
	if !strings.HasPrefix(lines[2], "Wed ▒") || !strings.HasSuffix(lines[2], " 90") {
		t.Errorf("a scaled bar = %q", lines[2])
	}
}

// A weekly average always takes the column's six cells, so a big book's
// going-cold row keeps its sparkline in line with the others.
func TestAvgTextFitsItsColumn(t *testing.T) {
	for _, avg := range []float64{0, 3.25, 136, 9999.9, 9999.96, 32809.8, 999999.4, 999999.6, 2.5e7} {
		if got := avgText(avg); len(got) != 6 {
			t.Errorf("avgText(%v) = %q, %d cells", avg, got, len(got))
		}
	}
}
