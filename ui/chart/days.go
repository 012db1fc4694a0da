package chart

import (
	"strconv"
	"strings"

	"rapport/model"
)

// Bar cells: meetings solid, other touches shaded, so the parts differ in
// shape as well as colour.
const (
	MeetingCell = "█"
	OtherCell   = "▒"
)

// DayBars draws one horizontal bar per day of a week in at most width
// columns: "Mon ██▒▒▒ 5". Bars are scaled down only when the busiest day
// would not fit.
func DayBars(days []model.DayTouches, width int, p Paint) []string {
	top := 1
	for _, d := range days {
		top = max(top, d.Meetings+d.Other)
	}
	room := max(width-4-1-len(strconv.Itoa(top)), 1)
	out := make([]string, 0, len(days)+1)
	for _, d := range days {
		meet, other := d.Meetings, d.Other
		if top > room {
			meet, other = scaled(meet, top, room), scaled(meet+other, top, room)-scaled(meet, top, room)
		}
		bar := p.meeting(strings.Repeat(MeetingCell, meet)) + p.other(strings.Repeat(OtherCell, other))
		count := ""
		if n := d.Meetings + d.Other; n > 0 {
			count = " " + strconv.Itoa(n)
		} else {
			bar = p.muted(string(Empty))
		}
		out = append(out, p.label(d.Day.Weekday().String()[:3])+" "+bar+count)
	}
	legend := p.meeting(MeetingCell) + " meeting  " + p.other(OtherCell) + " other touch"
	if width < 24 {
		legend = p.meeting(MeetingCell) + " meet " + p.other(OtherCell) + " other"
	}
	return append(out, legend)
}

// scaled maps v of top onto room cells, rounding so any touch shows.
func scaled(v, top, room int) int {
	if v <= 0 {
		return 0
	}
	return max((v*room+top/2)/top, 1)
}
