package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

// noteZone is the part of the note form that has the keyboard.
type noteZone int

const (
	zoneBody noteZone = iota
	zoneFollow
	zoneGave
	zoneOptions
	zoneWhen   // when it happened: now, or earlier
	zoneNewAsk // questions to ask next time, typed
	zoneAsk    // the open questions, ticked when asked
)

// confirmKind is the question a form is asking before it lets go of text.
type confirmKind int

const (
	confirmNone confirmKind = iota
	confirmDiscard
	confirmQuit
)

// leaveOrAsk leaves with msg when nothing typed would be lost, and
// otherwise asks first (ask says which question).
func leaveOrAsk(dirty bool, ask confirmKind, msg tea.Msg) (confirmKind, tea.Cmd) {
	if dirty {
		return ask, nil
	}
	return confirmNone, emit(msg)
}

// answerConfirm takes the y/n answer to a form's "discard?" question: yes
// quits or closes the form, as asked; no goes back to the form.
func answerConfirm(km tea.KeyPressMsg, keys *KeyMap, asked confirmKind) (confirmKind, tea.Cmd) {
	switch {
	case key.Matches(km, keys.Yes) && asked == confirmQuit:
		return confirmNone, emit(quitMsg{})
	case key.Matches(km, keys.Yes):
		return confirmNone, emit(closePageMsg{})
	case key.Matches(km, keys.No):
		return confirmNone, nil
	}
	return asked, nil
}

// The options of the note form, in the order the options row shows them.
const (
	optKind = iota
	optInbound
	optProblem
	optOpportunity
	optStrategy
	optThanks
	optClose // offered only when the note is written from a follow-up's row
)

// noteDraft is what the form hands over for saving.
type noteDraft struct {
	contactID uint64
	name      string
	kind      model.Kind
	inbound   bool
	topics    []model.Topic
	text      string
	when      string           // when it happened, as typed ("" is now)
	follows   []model.FollowUp // the follow-up line, resolved
	thanks    bool             // add the thank-you follow-up (meetings only)
	asked     []uint64         // questions ticked as asked
	ask       []string         // new questions for next time
	close     uint64           // the follow-up this note keeps, or 0
	closeText string           // its text, for the status line
	gave      string           // what value the touch brought
	shared    []uint64         // "next time share" items ticked as brought
	editID    uint64           // the note being edited; 0 for a new one
}

// build makes the interaction and its follow-ups at the moment of saving.
func (d noteDraft) build(now time.Time) (model.Interaction, []model.FollowUp, error) {
	at, err := model.ParseWhen(d.when, now)
	if err != nil {
		return model.Interaction{}, nil, err
	}
	in := model.Interaction{ContactID: d.contactID, Kind: d.kind, Inbound: d.inbound, Topics: d.topics, Text: d.text, Gave: d.gave, At: at}
	follows := slices.Clone(d.follows)
	if d.thanks {
		if ty, ok := model.ThankYou(in); ok {
			follows = append(follows, ty)
		}
	}
	return in, follows, nil
}

// parseFollowUps reads the follow-up line: promises separated by ";",
// each "WHEN: what", and one that starts with "they" is what the contact
// owes ("they mon: the budget figures").
func parseFollowUps(s string, today model.Date) ([]model.FollowUp, error) {
	var out []model.FollowUp
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		rest, theyOwe := cutWord(part, "they")
		fu, err := model.ParseFollowUp(rest, today)
		if err != nil {
			return nil, err
		}
		fu.Text = model.CleanLine(fu.Text)
		fu.TheyOwe = theyOwe
		out = append(out, fu)
	}
	return out, nil
}

// cutWord removes a leading word (case-insensitive) followed by a space or
// a colon.
func cutWord(s, word string) (string, bool) {
	if len(s) > len(word) && strings.EqualFold(s[:len(word)], word) && (s[len(word)] == ' ' || s[len(word)] == ':') {
		return strings.TrimLeft(s[len(word):], " :"), true
	}
	return s, false
}

// noteForm is note entry: a modal page over wherever it was opened. The
// cursor starts in the body; nothing typed is lost to q or esc without
// asking first.
type noteForm struct {
	st    *Styles
	keys  *KeyMap
	today model.Date
	id    uint64
	name  string
	now   time.Time // when the form opened, to read "yesterday 3pm"

	closeID   uint64 // the follow-up whose row the note was written from
	closeText string
	closeIt   bool // mark it done in the same save

	body    textarea.Model
	follow  textinput.Model
	when    textinput.Model
	ask     textinput.Model
	gave    textinput.Model
	kind    int // index into model.Kinds
	inbound bool
	topics  [3]bool // in the order of model.Topics
	thanks  bool

	questions []model.Question
	asked     []bool
	shares    []model.Share // listed after the questions, ticked the same way
	shared    []bool
	qCursor   int // over the questions, then the shares

	editID   uint64 // the note being edited (see fill); 0 for a new one
	editOrig string // its text as stored, to tell whether anything changed
	editGave string // what it gave, as stored

	zone    noteZone
	opt     int
	confirm confirmKind
	err     string
	saving  bool
	w, h    int
}

func newNoteForm(st *Styles, keys *KeyMap, now time.Time, id uint64, name string, closeID uint64, closeText string) noteForm {
	today := model.DateOf(now)
	body := textarea.New()
	body.ShowLineNumbers = false
	body.Prompt = "┃ "
	body.Placeholder = "What happened? What did you learn?"
	body.CharLimit = 0
	body.MaxHeight = 0
	// ctrl+e opens $EDITOR here; the textarea would take it for "line end".
	body.KeyMap.LineEnd = key.NewBinding(key.WithKeys("end"))
	body.SetStyles(st.TextArea)

	follow := newInput(st, "", "fri: send the pricing; they mon: budget")
	when := newInput(st, "", "now (or yesterday 3pm, mon)")
	ask := newInput(st, "", "a question for next time; another")
	gave := newInput(st, "", "what it brought them: an article, an intro…")

	f := noteForm{st: st, keys: keys, today: today, now: now, id: id, name: name, body: body, follow: follow, gave: gave,
		kind: slices.Index(model.Kinds, model.DefaultKind), when: when, ask: ask, thanks: true, closeID: closeID, closeText: closeText, closeIt: closeID != 0}
	f.body.Focus()
	return f
}

// optCount is how many options the options row offers.
func (f noteForm) optCount() int {
	if f.closeID != 0 {
		return optClose + 1
	}
	return optClose
}

func (f *noteForm) setStyles(st *Styles) {
	f.st = st
	f.body.SetStyles(st.TextArea)
	f.follow.SetStyles(st.TextInput)
	f.when.SetStyles(st.TextInput)
	f.ask.SetStyles(st.TextInput)
	f.gave.SetStyles(st.TextInput)
}

func (f *noteForm) SetSize(w, h int) {
	f.w, f.h = w, h
	f.body.SetWidth(max(w, 4))
	// Leave room for the resolved date (" → Wed Dec 23") after the field.
	f.follow.SetWidth(max(w-len("follow-up ")-14, 4))
	f.when.SetWidth(max(w-len("when      ")-16, 4))
	f.ask.SetWidth(max(w-len("ask next  ")-1, 4))
	f.gave.SetWidth(max(w-len("gave ")-1, 4))
	if w < 60 {
		f.follow.Placeholder = "fri: call"
		f.ask.Placeholder = "a question; another"
		f.when.Placeholder = "now, or mon 3pm"
	}
	f.body.SetHeight(f.bodyHeight())
}

// setQuestions shows the contact's open questions once they are loaded.
func (f *noteForm) setQuestions(qs []model.Question) {
	f.questions = qs
	f.asked = make([]bool, len(qs))
	f.SetSize(f.w, f.h)
}

// setShares shows the contact's things to bring, after the questions.
func (f *noteForm) setShares(shares []model.Share) {
	f.shares = shares
	f.shared = make([]bool, len(shares))
	f.SetSize(f.w, f.h)
}

// prepCount is how many call-prep rows there are: questions, then shares.
func (f noteForm) prepCount() int { return len(f.questions) + len(f.shares) }

// fill turns the form into the editor of a stored note.
func (f *noteForm) fill(in model.Interaction) {
	f.editID, f.editOrig, f.editGave = in.ID, in.Text, in.Gave
	f.body.SetValue(in.Text)
	f.gave.SetValue(in.Gave)
	f.kind = max(slices.Index(model.Kinds, in.Kind), 0)
	f.inbound = in.Inbound
	for i, t := range model.Topics {
		f.topics[i] = in.HasTopic(t)
	}
	f.thanks = false // the thank-you was offered when the note was new
}

func (f *noteForm) setBody(text string) {
	f.body.SetValue(text)
}

// dirty reports whether anything would be lost by closing the form.
func (f noteForm) dirty() bool {
	if f.editID != 0 {
		return f.body.Value() != f.editOrig || strings.TrimSpace(f.follow.Value()) != "" || strings.TrimSpace(f.gave.Value()) != f.editGave
	}
	if strings.TrimSpace(f.body.Value()) != "" || strings.TrimSpace(f.follow.Value()) != "" || strings.TrimSpace(f.ask.Value()) != "" ||
		strings.TrimSpace(f.gave.Value()) != "" {
		return true
	}
	for _, a := range append(slices.Clone(f.asked), f.shared...) {
		if a {
			return true
		}
	}
	return false
}

func (f noteForm) kindValue() model.Kind { return model.Kinds[f.kind] }

// draft validates the form and returns what to save.
func (f noteForm) draft() (noteDraft, error) {
	text := strings.TrimSpace(f.body.Value())
	if text == "" {
		return noteDraft{}, fmt.Errorf("write the note first (esc cancels)")
	}
	d := noteDraft{contactID: f.id, name: f.name, kind: f.kindValue(), inbound: f.inbound, text: text, thanks: f.thanks,
		when: strings.TrimSpace(f.when.Value()), editID: f.editID}
	if f.closeIt {
		d.close, d.closeText = f.closeID, f.closeText
	}
	for i, on := range f.topics {
		if on {
			d.topics = append(d.topics, model.Topics[i])
		}
	}
	follows, err := parseFollowUps(f.follow.Value(), f.today)
	if err != nil {
		return noteDraft{}, err
	}
	d.follows = follows
	if _, err := model.ParseWhen(d.when, f.now); err != nil {
		return noteDraft{}, err
	}
	for _, q := range strings.Split(f.ask.Value(), ";") {
		if q = model.CleanLine(strings.TrimSpace(q)); q != "" {
			d.ask = append(d.ask, q)
		}
	}
	for i, a := range f.asked {
		if a {
			d.asked = append(d.asked, f.questions[i].ID)
		}
	}
	for i, on := range f.shared {
		if on {
			d.shared = append(d.shared, f.shares[i].ID)
		}
	}
	d.gave = model.CleanLine(strings.TrimSpace(f.gave.Value()))
	return d, nil
}

func (f noteForm) Update(msg tea.Msg) (noteForm, tea.Cmd) {
	f, cmd := f.update(msg)
	// Focus, the options row and the message line all move the body's
	// bottom edge.
	f.body.SetHeight(f.bodyHeight())
	return f, cmd
}

func (f noteForm) update(msg tea.Msg) (noteForm, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return f.updateField(msg)
	}
	if f.confirm != confirmNone {
		return f.updateConfirm(km)
	}
	k := f.keys
	switch {
	case key.Matches(km, k.Save):
		return f.save()
	case key.Matches(km, k.ForceQuit):
		var cmd tea.Cmd
		f.confirm, cmd = leaveOrAsk(f.dirty(), confirmQuit, quitMsg{})
		return f, cmd
	case key.Matches(km, k.Back):
		return f.close()
	case key.Matches(km, k.NextField):
		return f.focusZone(f.nextZone(1))
	case key.Matches(km, k.PrevField):
		return f.focusZone(f.nextZone(-1))
	case key.Matches(km, k.Editor):
		return f, emit(editBodyMsg{f.body.Value()})
	}
	if isAlt(km) || f.zone == zoneOptions {
		if opt, ok := f.toggleFor(km); ok {
			f.toggle(opt)
			return f, nil
		}
	}
	switch f.zone {
	case zoneOptions:
		switch {
		case key.Matches(km, k.Left):
			f.opt = (f.opt + f.optCount() - 1) % f.optCount()
		case key.Matches(km, k.Right):
			f.opt = (f.opt + 1) % f.optCount()
		case key.Matches(km, k.Tick, k.Enter):
			f.toggle(f.opt)
		case key.Matches(km, k.Quit):
			return f.close()
		}
		return f, nil
	case zoneAsk:
		switch {
		case key.Matches(km, k.Up):
			f.qCursor = max(f.qCursor-1, 0)
		case key.Matches(km, k.Down):
			f.qCursor = min(f.qCursor+1, f.prepCount()-1)
		case key.Matches(km, k.Tick, k.Enter):
			if f.qCursor < len(f.asked) {
				f.asked = slices.Clone(f.asked) // earlier copies of the form keep theirs
				f.asked[f.qCursor] = !f.asked[f.qCursor]
			} else if i := f.qCursor - len(f.asked); i < len(f.shared) {
				f.shared = slices.Clone(f.shared)
				f.shared[i] = !f.shared[i]
			}
		case key.Matches(km, k.Quit):
			return f.close()
		}
		return f, nil
	case zoneFollow, zoneGave, zoneWhen, zoneNewAsk:
		if key.Matches(km, k.Enter) {
			return f.focusZone(f.nextZone(1))
		}
	}
	return f.updateField(km)
}

// updateField hands a message to the focused text field.
func (f noteForm) updateField(msg tea.Msg) (noteForm, tea.Cmd) {
	if p, ok := msg.(tea.PasteMsg); ok {
		// A Windows or web paste ends lines in CRLF, which the text area
		// would keep as two line breaks; bidi and zero-width characters
		// would disguise the note.
		msg = tea.PasteMsg{Content: model.CleanText(p.Content)}
	}
	var cmd tea.Cmd
	switch f.zone {
	case zoneBody:
		f.body, cmd = f.body.Update(msg)
	case zoneFollow:
		f.follow, cmd = f.follow.Update(msg)
	case zoneGave:
		f.gave, cmd = f.gave.Update(msg)
	case zoneWhen:
		f.when, cmd = f.when.Update(msg)
	case zoneNewAsk:
		f.ask, cmd = f.ask.Update(msg)
	}
	return f, cmd
}

func (f noteForm) updateConfirm(km tea.KeyPressMsg) (noteForm, tea.Cmd) {
	var cmd tea.Cmd
	f.confirm, cmd = answerConfirm(km, f.keys, f.confirm)
	return f, cmd
}

// close leaves the form, asking first when something was typed.
func (f noteForm) close() (noteForm, tea.Cmd) {
	var cmd tea.Cmd
	f.confirm, cmd = leaveOrAsk(f.dirty(), confirmDiscard, closePageMsg{})
	return f, cmd
}

func (f noteForm) save() (noteForm, tea.Cmd) {
	if f.saving {
		return f, nil
	}
	d, err := f.draft()
	if err != nil {
		f.err = err.Error()
		switch {
		case strings.TrimSpace(f.body.Value()) == "":
			return f.focusZone(zoneBody)
		case f.whenBad():
			return f.focusZone(zoneWhen)
		}
		return f.focusZone(zoneFollow)
	}
	f.err, f.saving = "", true
	return f, emit(saveNoteMsg{d})
}

// saveFailed puts the form back in the user's hands with the reason.
func (f *noteForm) saveFailed(err error) {
	f.saving = false
	f.err = "not saved: " + err.Error()
	f.body.SetHeight(f.bodyHeight())
}

func (f noteForm) nextZone(dir int) noteZone {
	zones := []noteZone{zoneBody, zoneFollow, zoneGave, zoneOptions, zoneWhen, zoneNewAsk}
	if f.prepCount() > 0 {
		zones = append(zones, zoneAsk)
	}
	i := 0
	for j, z := range zones {
		if z == f.zone {
			i = j
		}
	}
	return zones[(i+dir+len(zones))%len(zones)]
}

func (f noteForm) focusZone(z noteZone) (noteForm, tea.Cmd) {
	f.zone = z
	f.body.Blur()
	f.follow.Blur()
	f.gave.Blur()
	f.when.Blur()
	f.ask.Blur()
	switch z {
	case zoneBody:
		return f, f.body.Focus()
	case zoneFollow:
		return f, f.follow.Focus()
	case zoneGave:
		return f, f.gave.Focus()
	case zoneWhen:
		return f, f.when.Focus()
	case zoneNewAsk:
		return f, f.ask.Focus()
	}
	return f, nil
}

// toggleFor maps a toggle key (alt+letter, or the letter in the options
// row) to its option.
func (f noteForm) toggleFor(km tea.KeyPressMsg) (int, bool) {
	k := f.keys
	switch {
	case key.Matches(km, k.Kind):
		return optKind, true
	case key.Matches(km, k.Inbound):
		return optInbound, true
	case key.Matches(km, k.Problem):
		return optProblem, true
	case key.Matches(km, k.Opportunity):
		return optOpportunity, true
	case key.Matches(km, k.Strategy):
		return optStrategy, true
	case key.Matches(km, k.Thanks):
		return optThanks, true
	}
	return 0, false
}

func (f *noteForm) toggle(opt int) {
	switch opt {
	case optKind:
		f.kind = (f.kind + 1) % len(model.Kinds)
	case optInbound:
		f.inbound = !f.inbound
	case optProblem, optOpportunity, optStrategy:
		f.topics[opt-optProblem] = !f.topics[opt-optProblem]
	case optThanks:
		f.thanks = !f.thanks
	case optClose:
		f.closeIt = !f.closeIt
	}
	f.opt = opt
}

// heights divides the form's height between the body and the call-prep
// questions; the title, follow-up, options and message lines are fixed.
func (f noteForm) heights() (body, ask int) {
	fixed := 5 + len(f.optionLines()) // title, follow-up, gave, when, ask next, options
	if f.message() != "" {
		fixed++
	}
	avail := f.h - fixed
	if f.prepCount() == 0 {
		return max(avail, 1), 0
	}
	want := min(1+f.prepCount(), 6)
	keep := 2 // lines the body keeps, unless the questions have focus
	if f.zone == zoneAsk {
		keep = 1
	}
	ask = max(min(want, avail-keep), 1)
	return max(avail-ask, 1), ask
}

func (f noteForm) bodyHeight() int { b, _ := f.heights(); return b }

// optionLines lays the toggles out, wrapping them to the width. When
// they need more than one line and the options row does not have focus,
// a one-line summary of what is on stands in for them.
func (f noteForm) optionLines() []string {
	lines := f.toggleLines()
	if len(lines) == 1 || f.zone == zoneOptions {
		return lines
	}
	on := []string{string(f.kindValue())}
	if f.inbound {
		on = append(on, "inbound")
	}
	for i, t := range model.Topics {
		if f.topics[i] {
			on = append(on, string(t))
		}
	}
	if f.thanks && f.kindValue() == model.Meeting {
		on = append(on, "thank-you")
	}
	if f.closeIt {
		on = append(on, "close the follow-up")
	}
	return []string{spread(f.st.Label.Render("options ")+strings.Join(on, ", "), f.st.Muted.Render(" tab"), f.w)}
}

// toggleLines draws every toggle, wrapped to the width.
func (f noteForm) toggleLines() []string {
	st := f.st
	box := func(on bool) string {
		if on {
			return "[x] "
		}
		return "[ ] "
	}
	kind := f.kindValue()
	thanks := box(f.thanks) + "thank-you note tomorrow"
	if kind != model.Meeting {
		thanks = box(f.thanks) + "thank-you (meetings)"
	}
	items := []string{
		"kind: " + string(kind),
		box(f.inbound) + "inbound",
		box(f.topics[0]) + "problem",
		box(f.topics[1]) + "opportunity",
		box(f.topics[2]) + "strategy",
		thanks,
	}
	if f.closeID != 0 {
		items = append(items, box(f.closeIt)+"done: "+line(f.closeText))
	}
	var lines []string
	cur, curW := "", 0
	for i, it := range items {
		style := st.Text
		switch {
		case f.zone == zoneOptions && f.opt == i:
			style = st.Selected
		case i == optThanks && kind != model.Meeting:
			style = st.Muted
		}
		w := ansi.StringWidth(it)
		if curW > 0 && curW+2+w > f.w {
			lines = append(lines, cur)
			cur, curW = "", 0
		}
		if curW > 0 {
			cur += "  "
			curW += 2
		}
		cur += style.Render(it)
		curW += w
	}
	return append(lines, cur)
}

func (f noteForm) View() string {
	st := f.st
	var out []string
	head := "Note"
	if f.editID != 0 {
		head = "Edit note"
	}
	title := st.Section.Render(head) + st.Muted.Render(" · ") + st.Text.Render(line(f.name))
	out = append(out, spread(title, st.Muted.Render(" "+dayName(f.today)), f.w))
	out = append(out, strings.Split(f.body.View(), "\n")...)

	label := st.Label
	if f.zone == zoneFollow {
		label = st.Focus
	}
	out = append(out, spread(label.Render("follow-up ")+f.follow.View(), f.followHint(), f.w))
	gaveLabel := st.Label
	if f.zone == zoneGave {
		gaveLabel = st.Focus
	}
	out = append(out, trunc(gaveLabel.Render("gave ")+f.gave.View(), f.w))
	out = append(out, f.optionLines()...)
	out = append(out, spread(f.labelFor(zoneWhen, "when      ")+f.when.View(), f.whenHint(), f.w))
	out = append(out, fit(f.labelFor(zoneNewAsk, "ask next  ")+f.ask.View(), f.w))
	if _, n := f.heights(); n > 0 {
		out = append(out, f.askLines(n)...)
	}
	if msg := f.message(); msg != "" {
		out = append(out, msg)
	}
	return strings.Join(out, "\n")
}

// message is the form's last line: a question, progress or an error. It
// takes a line from the body only while there is one.
func (f noteForm) message() string {
	st := f.st
	switch {
	case f.confirm == confirmDiscard:
		return st.Error.Render("Discard this note? y/n")
	case f.confirm == confirmQuit:
		return st.Error.Render("Discard this note and quit? y/n")
	case f.saving:
		return st.Muted.Render("Saving…")
	case f.err != "":
		return st.Error.Render(trunc(f.err, f.w))
	}
	return ""
}

func (f noteForm) labelFor(z noteZone, text string) string {
	if f.zone == z {
		return f.st.Focus.Render(text)
	}
	return f.st.Label.Render(text)
}

// followHint shows what the follow-up line resolves to as it is typed:
// the day of each promise, or what is wrong with one.
func (f noteForm) followHint() string {
	if strings.TrimSpace(f.follow.Value()) == "" {
		return ""
	}
	follows, err := parseFollowUps(f.follow.Value(), f.today)
	switch {
	case err != nil && strings.Contains(err.Error(), "when but not what"):
		return f.st.Warn.Render(" what?")
	case err != nil && strings.Contains(err.Error(), "in the past"):
		return f.st.Warn.Render(" past?")
	case err != nil:
		return f.st.Warn.Render(" date?")
	}
	var days []string
	for _, fu := range follows {
		days = append(days, dayName(fu.Due))
	}
	return f.st.Good.Render(" → " + strings.Join(days, ", "))
}

// whenHint shows when the note will say it happened.
// whenBad reports whether the when field holds something that does not
// read as a moment (empty is now).
func (f noteForm) whenBad() bool {
	_, err := model.ParseWhen(strings.TrimSpace(f.when.Value()), f.now)
	return err != nil
}

func (f noteForm) whenHint() string {
	v := strings.TrimSpace(f.when.Value())
	if v == "" {
		return ""
	}
	at, err := model.ParseWhen(v, f.now)
	if err != nil {
		return f.st.Warn.Render(" when?")
	}
	return f.st.Good.Render(" → " + dayName(model.DateOf(at)) + " " + at.Format("15:04"))
}

// askLines draws the call-prep questions in n lines, scrolled to keep the
// cursor in view.
func (f noteForm) askLines(n int) []string {
	st := f.st
	label := st.Label
	if f.zone == zoneAsk {
		label = st.Focus
	}
	count := func(ticks []bool) (n int) {
		for _, on := range ticks {
			if on {
				n++
			}
		}
		return n
	}
	head := label.Render("next time ask") + st.Muted.Render(" · "+strconv.Itoa(len(f.questions))+" open")
	if ticked := count(f.asked); ticked > 0 {
		head += st.Good.Render(" · " + strconv.Itoa(ticked) + " asked")
	}
	if len(f.shares) > 0 {
		head += st.Muted.Render(" · share " + strconv.Itoa(len(f.shares)))
		if ticked := count(f.shared); ticked > 0 {
			head += st.Good.Render(" · " + strconv.Itoa(ticked) + " shared")
		}
	}
	out := []string{trunc(head, f.w)}
	rows := n - 1
	start := 0
	if f.qCursor >= rows {
		start = f.qCursor - rows + 1
	}
	for i := start; i < f.prepCount() && i < start+rows; i++ {
		box, text := "[ ] ", ""
		if i < len(f.questions) {
			if f.asked[i] {
				box = "[x] "
			}
			text = fit(box+line(f.questions[i].Text), f.w)
		} else {
			j := i - len(f.questions)
			if f.shared[j] {
				box = "[x] "
			}
			text = fit(box+"share: "+line(f.shares[j].Text), f.w)
		}
		if f.zone == zoneAsk && i == f.qCursor {
			text = st.Selected.Render(text)
		}
		out = append(out, text)
	}
	return out
}
