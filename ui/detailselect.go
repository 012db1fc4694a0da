package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/model"
)

// section is the part of the detail view that has the keyboard: the whole
// document (scrolling), or one list whose items j/k select and the record
// keys act on.
type section int

const (
	secDocument section = iota
	secFollowUps
	secQuestions
	secNotes
	secCount
)

func (s section) name() string {
	return [...]string{"contact", "follow-ups", "questions", "timeline"}[s]
}

// openFollowUps are the follow-ups the profile lists, soonest first.
func (d detailScreen) openFollowUps() []model.FollowUp {
	var open []model.FollowUp
	for _, fu := range d.d.FollowUps {
		if fu.Open() {
			open = append(open, fu)
		}
	}
	slices.SortStableFunc(open, func(a, b model.FollowUp) int { return a.Due.Compare(b.Due) })
	return open
}

func (d detailScreen) openQuestions() []model.Question {
	var qs []model.Question
	for _, q := range d.d.Questions {
		if q.Open() {
			qs = append(qs, q)
		}
	}
	return qs
}

// visibleNotes are the timeline's notes under the topic filter.
func (d detailScreen) visibleNotes() []model.Interaction {
	if d.topic == "" {
		return d.d.Notes
	}
	return slices.DeleteFunc(slices.Clone(d.d.Notes), func(n model.Interaction) bool { return !n.HasTopic(d.topic) })
}

func (d detailScreen) count(s section) int {
	switch s {
	case secFollowUps:
		return len(d.openFollowUps())
	case secQuestions:
		return len(d.openQuestions())
	case secNotes:
		return len(d.visibleNotes())
	}
	return 0
}

// selected reports whether item i of section s is the selection.
func (d detailScreen) selected(s section, i int) bool { return d.sec == s && d.cur == i }

// cycle moves to the next section with items (dir +1) or the previous one.
func (d *detailScreen) cycle(dir int) {
	for range secCount {
		d.sec = (d.sec + section(dir) + secCount) % secCount
		if d.sec == secDocument || d.count(d.sec) > 0 {
			break
		}
	}
	d.cur = 0
	d.relayout()
	d.reveal()
}

// clampSelection keeps the selection on an item after a reload: the same
// position, or the last item when the list got shorter.
func (d *detailScreen) clampSelection() {
	if d.sec == secDocument {
		return
	}
	n := d.count(d.sec)
	if n == 0 {
		d.sec, d.cur = secDocument, 0
		return
	}
	d.cur = min(d.cur, n-1)
}

// reveal scrolls the selected item into view.
func (d *detailScreen) reveal() {
	if d.sec == secDocument || d.selLine < 0 {
		return
	}
	if d.selLine < d.offset {
		d.offset = d.selLine
	} else if d.selLine >= d.offset+d.h {
		d.offset = d.selLine - d.h + 1
	}
	d.scroll(0)
}

// updateSelection handles the keys of a selected section; it reports false
// for keys the document handles.
func (d detailScreen) updateSelection(km tea.KeyPressMsg) (detailScreen, tea.Cmd, bool) {
	k := d.keys
	switch {
	case key.Matches(km, k.Tab):
		d.cycle(+1)
		return d, nil, true
	case key.Matches(km, k.PrevField):
		d.cycle(-1)
		return d, nil, true
	case key.Matches(km, k.Delete):
		return d.askDelete()
	case key.Matches(km, k.Merge):
		return d, d.askMerge(""), true
	case d.sec == secDocument:
		return d, nil, false
	case key.Matches(km, k.Up):
		d.cur = max(d.cur-1, 0)
	case key.Matches(km, k.Down):
		d.cur = min(d.cur+1, d.count(d.sec)-1)
	case key.Matches(km, k.Back):
		d.sec = secDocument
	case d.sec == secFollowUps:
		return d.followUpKey(km)
	case d.sec == secQuestions && key.Matches(km, k.Edit):
		q := d.openQuestions()[d.cur]
		cmd := d.ask.line("Edit the question", q.Text, "what to ask next time", nonEmptyCheck, func(v string) tea.Msg {
			return editQuestionMsg{q.ID, v}
		})
		return d, cmd, true
	case d.sec == secNotes && key.Matches(km, k.Edit):
		return d, emit(editNoteIntentMsg{d.visibleNotes()[d.cur], d.d.Contact.Name}), true
	default:
		return d, nil, false
	}
	d.relayout()
	d.reveal()
	return d, nil, true
}

func (d detailScreen) followUpKey(km tea.KeyPressMsg) (detailScreen, tea.Cmd, bool) {
	k := d.keys
	fu := d.openFollowUps()[d.cur]
	switch {
	case key.Matches(km, k.Done):
		return d, emit(doneIntentMsg{id: fu.ID, name: d.d.Contact.Name}), true
	case key.Matches(km, k.Snooze):
		cmd := d.ask.line("Snooze “"+line(fu.Text)+"”", "", "fri, next tue, in 2w, dec 3", d.dueCheck, func(v string) tea.Msg {
			due, _ := d.parseLater(v)
			return snoozeIntentMsg{id: fu.ID, name: d.d.Contact.Name, due: due}
		})
		return d, cmd, true
	case key.Matches(km, k.Edit):
		value := fu.Due.String() + ": " + fu.Text
		cmd := d.ask.line("Edit the follow-up (WHEN: what)", value, "fri: send the pricing", d.followUpCheck, func(v string) tea.Msg {
			f, _ := model.ParseFollowUp(v, d.today)
			return editFollowUpMsg{fu.ID, model.CleanLine(f.Text), f.Due}
		})
		return d, cmd, true
	}
	return d, nil, false
}

// askDelete asks before deleting the selected record, or the contact.
func (d detailScreen) askDelete() (detailScreen, tea.Cmd, bool) {
	c := d.d.Contact
	var q string
	var intent deleteIntentMsg
	switch d.sec {
	case secFollowUps:
		fu := d.openFollowUps()[d.cur]
		q, intent = fmt.Sprintf("Delete the follow-up “%s”?", line(fu.Text)), deleteIntentMsg{"follow-up", fu.ID, c.ID}
	case secQuestions:
		qu := d.openQuestions()[d.cur]
		q, intent = fmt.Sprintf("Delete the question “%s”?", line(qu.Text)), deleteIntentMsg{"question", qu.ID, c.ID}
	case secNotes:
		n := d.visibleNotes()[d.cur]
		q, intent = fmt.Sprintf("Delete the %s note of %s?", n.Kind, yearDay(model.DateOf(n.At), d.today)), deleteIntentMsg{"note", n.ID, c.ID}
	default:
		q = fmt.Sprintf("Delete %s with %s, %s and %s?", line(c.Name), plural(len(d.d.Notes), "note", "notes"),
			plural(len(d.d.FollowUps), "follow-up", "follow-ups"), plural(len(d.d.Questions), "question", "questions"))
		intent = deleteIntentMsg{"contact", c.ID, c.ID}
	}
	d.ask.confirm(q+" (u undoes)", intent)
	return d, nil, true
}

// askMerge asks which contact to fold into this one, typed starting
// with typed (what named nobody, or several, last time).
func (d *detailScreen) askMerge(typed string) tea.Cmd {
	keep := d.d.Contact.ID
	title := "Merge into " + line(d.d.Contact.Name) + ": which contact is the same person?"
	return d.ask.line(title, typed, "name, add company words, or #id", nonEmptyCheck, func(v string) tea.Msg { return mergeLookupMsg{keep, v} })
}

// confirmMerge asks before a merge, with what it would do.
func (d *detailScreen) confirmMerge(p mergePlanMsg) {
	r := p.plan
	q := fmt.Sprintf("Merge %s (#%d: %s, %s) into %s?", line(r.Other.Name), r.Other.ID, plural(r.Notes, "note", "notes"),
		plural(r.FollowUps, "follow-up", "follow-ups"), line(r.Keep.Name))
	if len(r.Conflicts) > 0 {
		var fields []string
		for _, c := range r.Conflicts {
			fields = append(fields, c.Field)
		}
		q += " Keeps this one's " + strings.Join(fields, ", ") + "."
	}
	d.ask.confirm(q, mergeIntentMsg{r.Keep.ID, r.Other.ID})
}

func nonEmptyCheck(v string) (string, bool) {
	if v == "" {
		return "type something (esc cancels)", false
	}
	return "", true
}

// parseLater reads a date that must not be in the past.
func (d detailScreen) parseLater(v string) (model.Date, error) {
	due, err := model.ParseDue(v, d.today)
	if err == nil && due.Before(d.today) {
		return due, errSnoozeBack
	}
	return due, err
}

func (d detailScreen) dueCheck(v string) (string, bool) {
	due, err := d.parseLater(v)
	if err != nil {
		return err.Error(), false
	}
	return "→ " + dayName(due), true
}

func (d detailScreen) followUpCheck(v string) (string, bool) {
	f, err := model.ParseFollowUp(v, d.today)
	if err != nil {
		return err.Error(), false
	}
	if f.Due.Before(d.today) {
		return "that day is past", false
	}
	return "→ " + dayName(f.Due), true
}
