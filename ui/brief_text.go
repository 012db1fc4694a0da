package ui

import (
	"fmt"
	"strings"

	"rapport/model"
)

// briefLabel is the width of the label column of the brief.
const briefLabel = 10

// briefCaps bound each list of the brief so that all of it fits 22 lines,
// the body of an 80x24 TUI (or a shell with room for the prompt): seven
// one-line facts plus these.
var briefCaps = struct{ youOwe, theyOwe, ask, share, touches, topics int }{3, 2, 2, 2, 3, 3}

// BriefText renders a brief as plain text, one line per fact, every line
// at most width cells: what `rapport brief` prints and the TUI's brief
// screen shows. Every section appears, saying "none" when empty, so the
// rep sees that nothing is missing rather than wondering.
func BriefText(b model.Brief, today model.Date, width int) string {
	var out []string
	row := func(label, text string) {
		out = append(out, trunc(fit(label, briefLabel)+text, width))
	}
	c := b.Contact
	out = append(out, trunc(line(c.Name)+" "+briefWho(b, today), width))
	row("Reach", briefReach(c))
	row("Matters", orNone(line(c.Matters), "nothing noted"))
	list(row, "You owe", "nothing open", briefCaps.youOwe, len(b.YouOwe), func(i int) string { return briefPromise(b.YouOwe[i], today) })
	list(row, "They owe", "nothing open", briefCaps.theyOwe, len(b.TheyOwe), func(i int) string { return briefPromise(b.TheyOwe[i], today) })
	list(row, "Ask", "no questions", briefCaps.ask, len(b.Questions), func(i int) string { return line(b.Questions[i].Text) })
	list(row, "Share", "nothing to bring", briefCaps.share, len(b.Shares), func(i int) string { return line(b.Shares[i].Text) })
	list(row, "Touches", "none logged", briefCaps.touches, len(b.LastTouches), func(i int) string { return briefNote(b.LastTouches[i], today, false) })
	list(row, "Topics", "none in 180 days", briefCaps.topics, len(b.Topics), func(i int) string { return briefNote(b.Topics[i], today, true) })
	face, kept := briefFigures(b.Figures)
	row("Face time", face)
	row("Kept", kept)
	row("Moments", briefMoments(b.Moments, today))
	row("Referrals", briefReferrals(b))
	return strings.Join(out, "\n")
}

// list writes up to limit rows of a section; when more are left, the last
// row says how many.
func list(row func(string, string), label, empty string, limit, n int, text func(int) string) {
	if n == 0 {
		row(label, empty)
		return
	}
	for i := 0; i < n && i < limit; i++ {
		if i == limit-1 && n > limit {
			row("", fmt.Sprintf("… and %d more", n-i))
			return
		}
		if i > 0 {
			label = ""
		}
		row(label, text(i))
	}
}

func orNone(s, none string) string {
	if strings.TrimSpace(s) == "" {
		return none
	}
	return s
}

func briefWho(b model.Brief, today model.Date) string {
	c := b.Contact
	parts := []string{}
	if work := strings.Join(nonEmptyParts(line(c.Title), line(c.Company)), ", "); work != "" {
		parts = append(parts, work)
	}
	parts = append(parts, string(c.Stage), "last touch "+model.DaysAgo(b.Figures.LastTouch, today))
	return "— " + strings.Join(parts, " · ")
}

func nonEmptyParts(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

func briefPromise(f model.FollowUp, today model.Date) string {
	when := relDay(f.Due, today)
	if f.Due.Before(today) {
		when = plural(f.Due.DaysUntil(today), "day", "days") + " late"
	}
	return fit(when, 16) + " " + line(f.Text)
}

func briefNote(n model.Interaction, today model.Date, topics bool) string {
	what := fit(string(n.Kind), 8)
	if topics {
		var ts []string
		for _, t := range n.Topics {
			ts = append(ts, string(t))
		}
		what = fit(strings.Join(ts, "+"), 20)
	}
	head := fit(yearDay(model.DateOf(n.At), today), 13) + " " + what
	text := strings.Join(strings.Fields(line(strings.ReplaceAll(n.Text, "\n", " "))), " ")
	if n.Gave != "" && !topics {
		text += " · gave: " + line(n.Gave)
	}
	return head + " " + text
}

// briefFigures gives the face-time line and the follow-through and value
// line, all over the last 90 days.
func briefFigures(f model.Figures) (string, string) {
	face := fmt.Sprintf("%s in 90 days, inbound %s of %s",
		plural(f.Meetings, "meeting", "meetings"), pct(f.InboundShare), plural(f.Interactions, "touch", "touches"))
	kept := "follow-through: no promise fell due"
	if f.FollowThrough != nil {
		kept = fmt.Sprintf("follow-through %s (%d of %d on time)", pct(f.FollowThrough), f.PromisesKept, f.PromisesDue)
	}
	kept += ", value in " + pct(f.ValueShare) + " of touches"
	return face, kept
}

func briefMoments(ms []model.MomentItem, today model.Date) string {
	if len(ms) == 0 {
		return "none in 30 days"
	}
	var parts []string
	for _, m := range ms {
		s := line(m.Label) + " " + relDay(m.On, today)
		switch {
		case m.Years > 0 && m.Label == model.LabelBirthday:
			s += fmt.Sprintf(", turns %d", m.Years)
		case m.Years > 0:
			s += ", " + plural(m.Years, "year", "years")
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func briefReferrals(b model.Brief) string {
	by := "referred by nobody"
	if b.ReferredBy != nil {
		by = "referred by " + line(b.ReferredBy.Name)
	}
	if len(b.Referred) == 0 {
		return by + "; referred nobody yet"
	}
	var names []string
	for _, r := range b.Referred {
		names = append(names, line(r.Name))
	}
	return by + "; referred " + strings.Join(names, ", ")
}

// briefReach is how to reach them: the first phone and email, and the
// address a card would go to.
func briefReach(c model.Contact) string {
	var parts []string
	if len(c.Phones) > 0 {
		parts = append(parts, line(c.Phones[0]))
	}
	if len(c.Emails) > 0 {
		parts = append(parts, line(c.Emails[0]))
	}
	if a, ok := model.CardAddress(c); ok {
		parts = append(parts, line(strings.Join(a.Lines(), ", ")))
	}
	return orNone(strings.Join(parts, " · "), "no phone, email or address")
}
