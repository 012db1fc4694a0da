package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/store"
)

// searchLimit is how many notes the search screen asks for: more than a
// screen shows, few enough to stay instant on a big book.
const searchLimit = 200

// searchScreen searches the notes of the whole book as you type, and is
// also the book-wide view of a topic: every open opportunity, problem or
// strategy across accounts, newest first. Queries run in commands; each
// carries a sequence number and only the latest one's results are shown.
type searchScreen struct {
	st    *Styles
	keys  *KeyMap
	today model.Date

	input   textinput.Model
	editing bool // the query has the keyboard; else the results do
	topic   model.Topic
	seq     int // the latest query sent
	shown   int // the query whose results are shown
	hits    []store.Hit
	query   model.Query
	err     error

	cursor, offset int
	w, h           int
}

// openNoteMsg asks for a contact's detail, scrolled to one note.
type openNoteMsg struct{ contact, note uint64 }

// searchMsg brings the results of query seq.
type searchMsg struct {
	seq  int
	hits []store.Hit
	err  error
}

func newSearchScreen(st *Styles, keys *KeyMap, today model.Date, topic model.Topic) searchScreen {
	in := newInput(st, "search: ", "words from any note (\"quotes\" for a phrase)")
	s := searchScreen{st: st, keys: keys, today: today, input: in, topic: topic, editing: topic == ""}
	if s.editing {
		s.input.Focus()
	}
	return s
}

func (s *searchScreen) setStyles(st *Styles) {
	s.st = st
	s.input.SetStyles(st.TextInput)
}

func (s *searchScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.input.SetWidth(max(w-len(s.input.Prompt)-1, 1))
	s.clamp()
}

// capturing reports whether typed letters belong to the query.
func (s searchScreen) capturing() bool { return s.editing }

// run starts the query as it stands, or clears the results when there is
// nothing to look for.
func (s *searchScreen) run(st *store.Store) tea.Cmd {
	s.seq++
	seq := s.seq
	o := store.SearchOptions{Query: model.ParseQuery(s.input.Value()), Topic: s.topic, Limit: searchLimit}
	if o.Query.IsZero() && o.Topic == "" {
		s.hits, s.shown, s.err, s.query = nil, seq, nil, o.Query
		return nil
	}
	return func() tea.Msg {
		hits, err := st.SearchNotes(o)
		return searchMsg{seq: seq, hits: hits, err: err}
	}
}

// apply shows results, unless a newer query was sent since.
func (s *searchScreen) apply(msg searchMsg) {
	if msg.seq != s.seq {
		return
	}
	keep := s.selectedID()
	s.shown, s.hits, s.err = msg.seq, msg.hits, msg.err
	s.query = model.ParseQuery(s.input.Value())
	s.cursor = 0
	for i, h := range s.hits {
		if h.ID == keep {
			s.cursor = i
		}
	}
	s.clamp()
}

func (s searchScreen) selectedID() uint64 {
	if s.cursor < len(s.hits) {
		return s.hits[s.cursor].ID
	}
	return 0
}

// Update handles keys; a changed query or topic comes back as a command
// from the root, which owns the store (see App.updateSearch).
func (s searchScreen) Update(msg tea.Msg) (searchScreen, tea.Cmd, bool) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil, false
	}
	k := s.keys
	switch {
	case key.Matches(km, k.Back):
		return s, emit(closePageMsg{}), false
	case key.Matches(km, k.Open) || s.editing && key.Matches(km, k.Enter):
		if s.cursor < len(s.hits) {
			h := s.hits[s.cursor]
			return s, emit(openNoteMsg{contact: h.ContactID, note: h.ID}), false
		}
	case key.Matches(km, k.FieldUp) || !s.editing && key.Matches(km, k.Up):
		s.cursor--
	case key.Matches(km, k.FieldDown) || !s.editing && key.Matches(km, k.Down):
		s.cursor++
	case key.Matches(km, k.FieldPgUp) || !s.editing && key.Matches(km, k.PageUp):
		s.cursor -= max(s.rows()-1, 1)
	case key.Matches(km, k.FieldPgDown) || !s.editing && key.Matches(km, k.PageDown):
		s.cursor += max(s.rows()-1, 1)
	case key.Matches(km, k.NextField):
		s.editing = !s.editing
		if s.editing {
			return s, s.input.Focus(), false
		}
		s.input.Blur()
	case s.editing:
		before := s.input.Value()
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(km)
		return s, cmd, s.input.Value() != before
	case key.Matches(km, k.Topic):
		s.topic = nextTopic(s.topic)
		return s, nil, true
	case key.Matches(km, k.Filter):
		s.editing = true
		return s, s.input.Focus(), false
	case key.Matches(km, k.Note):
		if s.cursor < len(s.hits) {
			h := s.hits[s.cursor]
			return s, emit(newNoteMsg{id: h.ContactID, name: h.ContactName}), false
		}
	}
	s.clamp()
	return s, nil, false
}

// rows is how many hits fit: two lines each under a two-line head.
func (s searchScreen) rows() int { return max((s.h-2)/2, 1) }

func (s *searchScreen) clamp() {
	s.cursor = max(min(s.cursor, len(s.hits)-1), 0)
	page := s.rows()
	s.offset = max(min(keepInView(s.cursor, s.offset, page), len(s.hits)-page), 0)
}

func (s searchScreen) View() string {
	st := s.st
	title := "Search notes"
	if s.topic != "" {
		title = "Every " + string(s.topic)
	}
	head := st.Section.Render(title)
	switch {
	case s.shown != s.seq:
		head += st.Muted.Render(" · searching…")
	case len(s.hits) >= searchLimit:
		head += st.Muted.Render(" · newest " + commas(len(s.hits)))
	case s.shown > 0 && (!s.query.IsZero() || s.topic != ""):
		head += st.Muted.Render(" · " + plural(len(s.hits), "note", "notes"))
	}
	topic := "f: all topics"
	if s.topic != "" {
		topic = "f: " + string(s.topic)
	}
	out := []string{spread(head, st.Accent.Render(" "+topic), s.w)}
	if s.editing {
		out = append(out, s.input.View())
	} else {
		out = append(out, st.Accent.Render("search: ")+line(s.input.Value())+st.Muted.Render("  / or tab to type"))
	}
	switch {
	case s.err != nil:
		out = append(out, st.Error.Render(trunc("Cannot search: "+s.err.Error(), s.w)))
	case len(s.hits) == 0 && s.shown == s.seq && (!s.query.IsZero() || s.topic != ""):
		out = append(out, st.Muted.Render("No note matches."))
	case len(s.hits) == 0:
		out = append(out, st.Muted.Render(trunc("Type words from a note; f picks a topic.", s.w)))
	}
	end := min(s.offset+s.rows(), len(s.hits))
	for i := s.offset; i < end; i++ {
		out = append(out, s.hitLines(s.hits[i], i == s.cursor)...)
	}
	return strings.Join(out, "\n")
}

// hitLines draws a hit on two lines: when, what and who; then the
// excerpt with the matching words marked.
func (s searchScreen) hitLines(h store.Hit, selected bool) []string {
	st := s.st
	who := line(h.ContactName)
	if h.Company != "" {
		who += " · " + line(h.Company)
	}
	meta := yearDay(model.DateOf(h.At), s.today) + " · " + string(h.Kind)
	if len(h.Topics) > 0 {
		ts := make([]string, len(h.Topics))
		for i, t := range h.Topics {
			ts[i] = string(t)
		}
		meta += " · " + strings.Join(ts, ", ")
	}
	var first string
	switch {
	case selected && !s.editing:
		first = st.Selected.Render(fit("› "+who+"  "+meta, s.w))
	case selected:
		first = st.Accent.Render("› ") + trunc(who+st.Muted.Render("  "+meta), s.w-2)
	default:
		first = "  " + trunc(who+st.Muted.Render("  "+meta), s.w-2)
	}
	ex := model.MakeExcerpt(h.Text, s.query, max(s.w-4, 10))
	return []string{first, "    " + s.marked(ex)}
}

// marked draws an excerpt with its matching words in the accent colour
// (underlined without colour). The excerpt fits the width already.
func (s searchScreen) marked(ex model.Excerpt) string {
	var b strings.Builder
	at := 0
	mark := s.st.Accent.Underline(true)
	for _, m := range ex.Marks {
		b.WriteString(line(ex.Text[at:m[0]]))
		b.WriteString(mark.Render(line(ex.Text[m[0]:m[1]])))
		at = m[1]
	}
	b.WriteString(line(ex.Text[at:]))
	return b.String()
}

// helpKeys is the help bar of the search screen.
func (s searchScreen) helpKeys() bindings {
	k := s.keys
	if s.editing {
		return bindings{k.Open, relabel(k.FieldDown, "move"), relabel(k.NextField, "results"), relabel(k.Back, "close")}
	}
	return bindings{k.Open, k.Note, k.Topic, relabel(k.Filter, "type"), relabel(k.Back, "close"), k.Help, k.Quit}
}
