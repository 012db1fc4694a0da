package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/store"
)

// The fields of the contact form, in order.
const (
	fName = iota
	fCompany
	fTitle
	fEmails
	fPhones
	fTags
	fStage
	fBirthday
	fCadence
	fMoments
	fReferred
	fHowWeMet
	fMatters
	fAddresses
	fNicknames
	fURLs
	fBackground
	fieldCount
)

var fieldLabels = [fieldCount]string{
	"name", "company", "title", "emails", "phones", "tags", "stage",
	"birthday", "cadence", "moments", "referred by", "how we met", "what matters",
	"addresses", "nicknames", "web", "background",
}

// fieldHints are the placeholders; "e.g." keeps them from reading as
// values where there is no colour to dim them.
var fieldHints = [fieldCount]string{
	"", "", "", "e.g. ada@example.com, …", "e.g. +1 555 0100, …", "e.g. golf, holiday-card",
	"", "MM-DD or YYYY-MM-DD", "e.g. 30d, 2w, 3m (empty: the stage's)",
	"e.g. work anniversary: 2019-03-01; …", "a name in your book", "", "",
	"e.g. home: 1 Main St; Springfield; IL; 62701; USA | work: …", "e.g. Ada, …", "e.g. https://…, …", "",
}

// contactForm adds or edits a contact. Every field validates as it is
// left, and all of them on ctrl+s; the messages sit under the field.
type contactForm struct {
	st      *Styles
	keys    *KeyMap
	base    model.Contact // the contact being edited, or a new one
	isNew   bool
	entries []store.Entry // the book, read only, to resolve "referred by"

	inputs    []textinput.Model // one per field; the stage one is unused
	initial   []string
	stage     int // index into model.Stages
	stage0    int
	touched   []bool
	submitted bool
	focus     int
	offset    int // first line shown, when the form is taller than the screen

	confirm confirmKind
	err     string
	saving  bool
	w, h    int
}

func newContactForm(st *Styles, keys *KeyMap, c model.Contact, isNew bool, entries []store.Entry) contactForm {
	f := contactForm{st: st, keys: keys, base: c, isNew: isNew, entries: entries}
	values := [fieldCount]string{
		fName:       c.Name,
		fCompany:    c.Company,
		fTitle:      c.Title,
		fEmails:     strings.Join(c.Emails, ", "),
		fPhones:     strings.Join(c.Phones, ", "),
		fTags:       strings.Join(c.Tags, ", "),
		fBirthday:   formDate(c.Birthday),
		fMoments:    formatMoments(c.Moments),
		fHowWeMet:   c.HowWeMet,
		fMatters:    c.Matters,
		fAddresses:  formatAddresses(c.Addresses),
		fNicknames:  strings.Join(c.Nicknames, ", "),
		fURLs:       strings.Join(c.URLs, ", "),
		fBackground: strings.Join(strings.Fields(c.Background), " "),
	}
	if c.Cadence > 0 {
		values[fCadence] = strconv.Itoa(c.Cadence) + "d"
	}
	if c.ReferredBy != 0 {
		values[fReferred] = "#" + strconv.FormatUint(c.ReferredBy, 10)
		for _, e := range entries {
			if e.ID == c.ReferredBy {
				values[fReferred] = e.Name
				break
			}
		}
	}
	f.stage = max(slices.Index(model.Stages, c.Stage), 0)
	f.stage0 = f.stage
	f.inputs = make([]textinput.Model, fieldCount)
	f.initial = make([]string, fieldCount)
	f.touched = make([]bool, fieldCount)
	for i := range fieldCount {
		in := newInput(st, "", fieldHints[i])
		// Imported data may hold control characters; the field shows and
		// edits the cleaned text.
		in.SetValue(line(values[i]))
		f.inputs[i] = in
		f.initial[i] = in.Value()
	}
	f.inputs[fName].Focus()
	return f
}

func (f *contactForm) setStyles(st *Styles) {
	f.st = st
	f.inputs = slices.Clone(f.inputs)
	for i := range f.inputs {
		f.inputs[i].SetStyles(st.TextInput)
	}
}

const labelWidth = 14

func (f *contactForm) SetSize(w, h int) {
	f.w, f.h = w, h
	f.inputs = slices.Clone(f.inputs)
	for i := range f.inputs {
		f.inputs[i].SetWidth(max(w-labelWidth-1, 4))
	}
	f.scrollToFocus()
}

func (f contactForm) value(i int) string { return strings.TrimSpace(f.inputs[i].Value()) }

func (f contactForm) dirty() bool {
	for i, in := range f.inputs {
		if in.Value() != f.initial[i] {
			return true
		}
	}
	return f.stage != f.stage0
}

// fieldError validates one field; "" means fine.
func (f contactForm) fieldError(i int) string {
	v := f.value(i)
	switch i {
	case fName:
		if v == "" {
			return "a contact needs a name"
		}
	case fEmails:
		for _, e := range splitList(v) {
			if !strings.Contains(e, "@") || strings.ContainsAny(e, " \t") {
				return fmt.Sprintf("%q is not an email address", e)
			}
		}
	case fBirthday:
		if v != "" {
			if _, err := model.ParseDate(v); err != nil {
				return err.Error()
			}
		}
	case fCadence:
		if v != "" {
			if _, err := model.ParseCadence(v); err != nil {
				return err.Error()
			}
		}
	case fMoments:
		if _, err := parseMoments(v); err != nil {
			return err.Error()
		}
	case fReferred:
		if _, _, err := f.referrer(); err != nil {
			return err.Error()
		}
	case fAddresses:
		if _, err := parseAddresses(v); err != nil {
			return err.Error()
		}
	case fURLs:
		for _, u := range splitList(v) {
			if _, err := model.ParseWebAddress(u); err != nil {
				return err.Error()
			}
		}
	}
	return ""
}

// referrer resolves the "referred by" field against the book. Left as it
// was, it keeps the stored link: the name shown may have a namesake, or
// the referrer may not be among the entries loaded so far.
func (f contactForm) referrer() (uint64, string, error) {
	v := f.value(fReferred)
	if f.base.ReferredBy != 0 && v != "" && v == strings.TrimSpace(f.initial[fReferred]) {
		return f.base.ReferredBy, v, nil
	}
	id, name, err := resolveEntry(v, f.entries)
	if err == nil && id != 0 && id == f.base.ID {
		return 0, "", fmt.Errorf("a contact cannot be referred by themselves")
	}
	return id, name, err
}

// showError says whether a field's message is shown: once it was edited
// and left, or after a save attempt.
func (f contactForm) showError(i int) bool {
	return f.submitted || (f.touched[i] && f.focus != i)
}

// contact builds the contact to save, or the first problem.
func (f contactForm) contact() (model.Contact, error) {
	for i := range fieldCount {
		if msg := f.fieldError(i); msg != "" {
			return model.Contact{}, fmt.Errorf("%s: %s", fieldLabels[i], msg)
		}
	}
	c := f.base
	c.Name = f.value(fName)
	c.Company = f.value(fCompany)
	c.Title = f.value(fTitle)
	c.Emails = splitList(f.value(fEmails))
	c.Phones = splitList(f.value(fPhones))
	c.Tags = splitList(f.value(fTags))
	c.Stage = model.Stages[f.stage]
	c.Birthday = model.Date{}
	if v := f.value(fBirthday); v != "" {
		c.Birthday, _ = model.ParseDate(v)
	}
	c.Cadence = 0
	if v := f.value(fCadence); v != "" {
		c.Cadence, _ = model.ParseCadence(v)
	}
	c.Moments, _ = parseMoments(f.value(fMoments))
	c.ReferredBy, _, _ = f.referrer()
	c.HowWeMet = f.value(fHowWeMet)
	c.Matters = f.value(fMatters)
	c.Addresses, _ = parseAddresses(f.value(fAddresses))
	c.Nicknames = splitList(f.value(fNicknames))
	c.URLs = splitList(f.value(fURLs))
	// The one-line field shows the background's lines joined; left as it
	// was, the stored text keeps its line breaks.
	if f.inputs[fBackground].Value() != f.initial[fBackground] {
		c.Background = f.value(fBackground)
	}
	return c, c.Validate()
}

func (f contactForm) Update(msg tea.Msg) (contactForm, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return f.updateInput(msg)
	}
	if f.confirm != confirmNone {
		var cmd tea.Cmd
		f.confirm, cmd = answerConfirm(km, f.keys, f.confirm)
		return f, cmd
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
		var cmd tea.Cmd
		f.confirm, cmd = leaveOrAsk(f.dirty(), confirmDiscard, closePageMsg{})
		return f, cmd
	case key.Matches(km, k.NextField, k.FieldDown, k.Enter):
		return f.focusField((f.focus + 1) % fieldCount)
	case key.Matches(km, k.PrevField, k.FieldUp):
		return f.focusField((f.focus + fieldCount - 1) % fieldCount)
	}
	if f.focus == fStage {
		switch {
		case key.Matches(km, k.Left):
			f.stage = (f.stage + len(model.Stages) - 1) % len(model.Stages)
		case key.Matches(km, k.Right, k.Tick):
			f.stage = (f.stage + 1) % len(model.Stages)
		}
		return f, nil
	}
	return f.updateInput(km)
}

func (f contactForm) updateInput(msg tea.Msg) (contactForm, tea.Cmd) {
	if f.focus == fStage {
		return f, nil
	}
	f.inputs = slices.Clone(f.inputs)
	f.touched = slices.Clone(f.touched)
	var cmd tea.Cmd
	before := f.inputs[f.focus].Value()
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	if f.inputs[f.focus].Value() != before {
		f.touched[f.focus] = true
	}
	return f, cmd
}

func (f contactForm) focusField(i int) (contactForm, tea.Cmd) {
	f.inputs = slices.Clone(f.inputs)
	f.inputs[f.focus].Blur()
	f.focus = i
	f.scrollToFocus()
	if i == fStage {
		return f, nil
	}
	return f, f.inputs[i].Focus()
}

func (f contactForm) save() (contactForm, tea.Cmd) {
	if f.saving {
		return f, nil
	}
	f.submitted = true
	c, err := f.contact()
	if err != nil {
		f.err = err.Error()
		for i := range fieldCount {
			if f.fieldError(i) != "" {
				return f.focusField(i)
			}
		}
		return f, nil
	}
	f.err, f.saving = "", true
	return f, emit(saveContactMsg{contact: c, isNew: f.isNew})
}

func (f *contactForm) saveFailed(err error) {
	f.saving = false
	f.err = "not saved: " + err.Error()
}

// lines draws every field with its message, and reports the line on
// which the focused field starts.
func (f contactForm) lines() ([]string, int) {
	st := f.st
	var out []string
	at := 0
	for i := range fieldCount {
		if i == f.focus {
			at = len(out)
		}
		label := st.Label
		if i == f.focus {
			label = st.Focus
		}
		head := label.Render(fit(fieldLabels[i], labelWidth-1)) + " "
		var value string
		switch i {
		case fStage:
			value = "‹ " + string(model.Stages[f.stage]) + " ›"
			if i == f.focus {
				value = st.Selected.Render(value) + st.Muted.Render("  ←/→ to change")
			}
		default:
			value = f.inputs[i].View()
		}
		out = append(out, head+value)
		msg := ""
		if f.showError(i) {
			msg = f.fieldError(i)
		}
		switch {
		case msg != "":
			out = append(out, strings.Repeat(" ", labelWidth)+st.Warn.Render("↳ "+msg))
		case i == fReferred && f.value(fReferred) != "":
			if _, name, err := f.referrer(); err == nil {
				out = append(out, strings.Repeat(" ", labelWidth)+st.Good.Render("→ "+line(name)))
			}
		case i == fCadence && f.value(fCadence) == "" && i == f.focus:
			days := model.Stages[f.stage].DefaultCadence()
			out = append(out, strings.Repeat(" ", labelWidth)+st.Muted.Render(fmt.Sprintf("%s default: every %d days", model.Stages[f.stage], days)))
		}
	}
	return out, at
}

// formHeight is the lines for fields: all but the title and message lines.
func (f contactForm) formHeight() int { return max(f.h-2, 1) }

func (f *contactForm) scrollToFocus() {
	lines, at := f.lines()
	page := f.formHeight()
	if at < f.offset {
		f.offset = at
	}
	if at+1 >= f.offset+page {
		f.offset = at + 2 - page
	}
	f.offset = max(min(f.offset, len(lines)-page), 0)
}

func (f contactForm) View() string {
	st := f.st
	title := st.Section.Render("New contact")
	if !f.isNew {
		title = st.Section.Render("Edit") + st.Muted.Render(" · ") + line(f.base.Name)
	}
	out := []string{trunc(title, f.w)}
	lines, _ := f.lines()
	end := min(f.offset+f.formHeight(), len(lines))
	out = append(out, lines[f.offset:end]...)
	for len(out) < f.h-1 {
		out = append(out, "")
	}
	switch {
	case f.confirm == confirmDiscard:
		out = append(out, st.Error.Render("Discard your changes? y/n"))
	case f.confirm == confirmQuit:
		out = append(out, st.Error.Render("Discard your changes and quit? y/n"))
	case f.saving:
		out = append(out, st.Muted.Render("Saving…"))
	case f.err != "":
		out = append(out, st.Error.Render(trunc(f.err, f.w)))
	default:
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

// splitList reads "a, b, c", dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseMoments reads "label: date; label: date".
func parseMoments(s string) ([]model.Moment, error) {
	var out []model.Moment
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		i := strings.LastIndex(part, ":")
		if i < 0 {
			return nil, fmt.Errorf("write moments as \"label: date\", e.g. \"work anniversary: 2019-03-01\"")
		}
		label, date := strings.TrimSpace(part[:i]), strings.TrimSpace(part[i+1:])
		if label == "" {
			return nil, fmt.Errorf("the moment %q needs a label", part)
		}
		d, err := model.ParseDate(date)
		if err != nil {
			return nil, err
		}
		out = append(out, model.Moment{Label: label, Date: d})
	}
	return out, nil
}

// addressSep separates addresses in the one-line field.
const addressSep = " | "

// parseAddresses reads "home: street; locality; … | work: …".
func parseAddresses(s string) ([]model.Address, error) {
	var out []model.Address
	for _, part := range strings.Split(s, strings.TrimSpace(addressSep)) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		a, err := model.ParseAddress(part)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func formatAddresses(as []model.Address) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.String()
	}
	return strings.Join(parts, addressSep)
}

func formatMoments(ms []model.Moment) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.Label + ": " + m.Date.String()
	}
	return strings.Join(parts, "; ")
}

// resolveEntry finds the one contact a query names in the loaded book,
// with the matching rules of the command line: "#12" is an id; otherwise
// a cheap substring pass picks candidates and model.Match ranks them.
func resolveEntry(q string, entries []store.Entry) (uint64, string, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return 0, "", nil
	}
	if idText, ok := strings.CutPrefix(q, "#"); ok {
		id, err := strconv.ParseUint(idText, 10, 64)
		for _, e := range entries {
			if err == nil && e.ID == id {
				return e.ID, e.Name, nil
			}
		}
		return 0, "", fmt.Errorf("there is no contact %s", q)
	}
	words := queryWords(q)
	var cands []model.Candidate
	for _, e := range entries {
		if _, ok := model.FilterFields(words, e.Folded, ""); ok {
			cands = append(cands, e.Candidate())
		}
	}
	found, _ := model.Match(q, cands)
	switch len(found) {
	case 0:
		return 0, "", fmt.Errorf("no contact matches %q", q)
	case 1:
		return found[0].ID, found[0].Name, nil
	}
	names := make([]string, 0, 3)
	for _, c := range found[:min(3, len(found))] {
		names = append(names, line(c.Name))
	}
	return 0, "", fmt.Errorf("%q matches %d contacts (%s…); be more specific", q, len(found), strings.Join(names, ", "))
}

// formDate shows a date as the field takes it back: "Mar 14" without a
// year, YYYY-MM-DD with one.
func formDate(d model.Date) string {
	if !d.IsZero() && !d.HasYear() {
		return d.Short()
	}
	return d.String()
}
