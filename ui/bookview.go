package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/store"
)

// bookRow is one line of a book-wide list: a tag to open, or a contact.
type bookRow struct {
	title, detail string
	tag           string // open this tag's contacts
	id            uint64 // or open this contact
}

// bookScreen is a book-wide list: the tags with their contacts (the
// holiday-card list is a tag), or the referrers with whom they sent us.
// Enter on a tag lists its contacts; enter on a contact opens it.
type bookScreen struct {
	st    *Styles
	keys  *KeyMap
	title string
	rows  []bookRow
	back  *bookScreen // the tag list, under a tag's contacts
	err   error
	ready bool

	cursor, offset int
	w, h           int
}

// bookRowsMsg brings the rows of a book-wide list, titled like the screen
// that asked for them.
type bookRowsMsg struct {
	title string
	rows  []bookRow
	err   error
}

func newBookScreen(st *Styles, keys *KeyMap, title string) bookScreen {
	return bookScreen{st: st, keys: keys, title: title}
}

// setStyles restyles the list, and the tag list under a tag's contacts.
func (b *bookScreen) setStyles(st *Styles) {
	b.st = st
	if b.back != nil {
		b.back.setStyles(st)
	}
}

// SetSize sizes the list, and the tag list under a tag's contacts, which
// esc shows again.
func (b *bookScreen) SetSize(w, h int) {
	b.w, b.h = w, h
	b.clamp()
	if b.back != nil {
		b.back.SetSize(w, h)
	}
}

func (b *bookScreen) apply(msg bookRowsMsg) {
	if msg.title != b.title {
		return // the answer to a list left already
	}
	b.title, b.rows, b.err, b.ready = msg.title, msg.rows, msg.err, true
	b.cursor, b.offset = 0, 0
}

func (b bookScreen) Update(msg tea.Msg, s *store.Store) (bookScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return b, nil
	}
	k := b.keys
	switch {
	case key.Matches(km, k.Back):
		if b.back != nil {
			return *b.back, nil
		}
		return b, emit(closePageMsg{})
	case key.Matches(km, k.Up):
		b.cursor--
	case key.Matches(km, k.Down):
		b.cursor++
	case key.Matches(km, k.PageUp):
		b.cursor -= max(b.h-2, 1)
	case key.Matches(km, k.PageDown):
		b.cursor += max(b.h-2, 1)
	case key.Matches(km, k.Top):
		b.cursor = 0
	case key.Matches(km, k.Bottom):
		b.cursor = len(b.rows)
	case key.Matches(km, k.Open) && b.cursor < len(b.rows):
		r := b.rows[b.cursor]
		if r.tag != "" {
			under := b
			next := newBookScreen(b.st, b.keys, "Tagged "+r.tag)
			next.back = &under
			next.SetSize(b.w, b.h)
			return next, loadTagged(s, r.tag)
		}
		return b, emit(openContactMsg{r.id})
	case key.Matches(km, k.Note) && b.cursor < len(b.rows) && b.rows[b.cursor].id != 0:
		r := b.rows[b.cursor]
		return b, emit(newNoteMsg{id: r.id, name: r.title})
	}
	b.clamp()
	return b, nil
}

func (b *bookScreen) clamp() {
	page := max(b.h-1, 1)
	b.cursor = max(min(b.cursor, len(b.rows)-1), 0)
	b.offset = keepInView(b.cursor, b.offset, page)
}

func (b bookScreen) View() string {
	st := b.st
	head := st.Section.Render(b.title)
	if b.ready {
		head += st.Muted.Render(" · " + commas(len(b.rows)))
	}
	out := []string{head}
	switch {
	case b.err != nil:
		out = append(out, st.Error.Render(trunc("Cannot read the book: "+b.err.Error(), b.w)))
	case !b.ready:
		out = append(out, st.Muted.Render("Loading…"))
	case len(b.rows) == 0:
		out = append(out, st.Muted.Render("Nothing here yet."))
	}
	end := min(b.offset+max(b.h-1, 1), len(b.rows))
	for i := b.offset; i < end; i++ {
		r := b.rows[i]
		text := line(r.title) + st.Muted.Render("  "+line(r.detail))
		if i == b.cursor {
			out = append(out, st.Selected.Render(fit("› "+line(r.title)+"  "+line(r.detail), b.w)))
			continue
		}
		out = append(out, "  "+trunc(text, b.w-2))
	}
	return strings.Join(out, "\n")
}

func (b bookScreen) helpKeys() bindings {
	k := b.keys
	return bindings{k.Open, k.Note, k.Back, k.Help, k.Quit}
}

// loadTags lists every tag with its count.
func loadTags(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		tags, err := s.Tags()
		rows := make([]bookRow, len(tags))
		for i, t := range tags {
			rows[i] = bookRow{title: t.Tag, detail: plural(t.Count, "contact", "contacts"), tag: t.Tag}
		}
		return bookRowsMsg{title: "Tags", rows: rows, err: err}
	}
}

func loadTagged(s *store.Store, tag string) tea.Cmd {
	return func() tea.Msg {
		entries, err := s.TaggedEntries(tag)
		rows := make([]bookRow, len(entries))
		for i, e := range entries {
			rows[i] = bookRow{title: e.Name, detail: e.Company, id: e.ID}
		}
		return bookRowsMsg{title: "Tagged " + tag, rows: rows, err: err}
	}
}

// loadReferrers lists who sent us whom, most referrals first.
func loadReferrers(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		refs, err := s.Referrers()
		rows := make([]bookRow, len(refs))
		for i, r := range refs {
			names := make([]string, len(r.Referred))
			for j, e := range r.Referred {
				names[j] = e.Name
			}
			detail := "referred " + strconv.Itoa(len(names)) + ": " + strings.Join(names, ", ")
			rows[i] = bookRow{title: r.Name, detail: detail, id: r.ID}
		}
		return bookRowsMsg{title: "Referrals given to us", rows: rows, err: err}
	}
}
