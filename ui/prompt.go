package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// ask is what a screen is asking at its foot: a line of text (a snooze
// date, a follow-up's new wording, a contact to merge) or a yes/no
// question before a delete or a merge.
type ask struct {
	active   bool
	yesNo    bool
	title    string
	input    textinput.Model
	check    func(string) (hint string, ok bool) // resolves what is typed
	onEnter  func(string) tea.Msg                // the intent an accepted line sends
	onYes    tea.Msg                             // the intent a yes sends
	errShown bool
}

func newAsk(st *Styles) ask {
	in := newInput(st, "› ", "")
	return ask{input: in}
}

// line opens a text question with value typed in already.
func (a *ask) line(title, value, placeholder string, check func(string) (string, bool), onEnter func(string) tea.Msg) tea.Cmd {
	a.active, a.yesNo, a.title, a.check, a.onEnter, a.errShown = true, false, title, check, onEnter, false
	a.input.Placeholder = placeholder
	a.input.SetValue(value)
	a.input.CursorEnd()
	return a.input.Focus()
}

// confirm opens a yes/no question.
func (a *ask) confirm(question string, onYes tea.Msg) {
	a.active, a.yesNo, a.title, a.onYes = true, true, question, onYes
}

func (a *ask) close() {
	a.active = false
	a.input.Blur()
}

// update takes a key while the question is open.
func (a ask) update(km tea.KeyPressMsg, keys *KeyMap) (ask, tea.Cmd) {
	if a.yesNo {
		switch {
		case key.Matches(km, keys.Yes):
			a.close()
			return a, emit(a.onYes)
		case key.Matches(km, keys.No):
			a.close()
		}
		return a, nil
	}
	switch {
	case key.Matches(km, keys.Back):
		a.close()
		return a, nil
	case key.Matches(km, keys.Enter):
		v := strings.TrimSpace(a.input.Value())
		if _, ok := a.check(v); !ok {
			a.errShown = true
			return a, nil
		}
		a.close()
		return a, emit(a.onEnter(v))
	}
	var cmd tea.Cmd
	a.input, cmd = a.input.Update(km)
	return a, cmd
}

// view draws the question in two lines of width w.
func (a ask) view(st *Styles, w int) []string {
	if a.yesNo {
		return []string{trunc(st.Focus.Render(a.title), w), st.Muted.Render("y yes · n no")}
	}
	a.input.SetWidth(max(w/2, 10))
	hint := ""
	if v := strings.TrimSpace(a.input.Value()); v != "" || a.errShown {
		h, ok := a.check(v)
		if ok {
			hint = st.Good.Render(" " + h)
		} else {
			hint = st.Warn.Render(" " + h)
		}
	}
	return []string{trunc(st.Focus.Render(a.title), w), spread(a.input.View(), hint, w)}
}
