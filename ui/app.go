// Package ui is rapport's terminal interface: the today pane, the contact
// list, the contact detail, note entry and the contact forms, on Bubble
// Tea v2. It reads and writes only through package store, in commands, so
// the update loop never waits on the disk and no lock is held while idle.
package ui

import (
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"rapport/model"
	"rapport/store"
)

// Options configure Run.
type Options struct {
	// Now is "now", honouring the global --today flag. The UI calls it
	// and never time.Now. Nil means time.Now.
	Now func() time.Time
}

// Run runs the program until the user quits.
func Run(s *store.Store, opts Options) error {
	noColor := os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb"
	// 30 frames a second is smooth for typing and halves the idle wake-ups
	// of the default 60 (the renderer's ticker runs even when nothing changes).
	popts := []tea.ProgramOption{tea.WithFPS(30)}
	if noColor {
		// colorprofile reads NO_COLOR as a boolean ("yes" would keep
		// colour); no-color.org says any non-empty value disables it.
		popts = append(popts, tea.WithColorProfile(colorprofile.ASCII))
	}
	_, err := tea.NewProgram(newApp(s, opts, noColor, os.Getenv), popts...).Run()
	return err
}

// page is a screen of the back stack. Home is the list and the today pane;
// the others are pushed over it and popped with esc.
type page int

const (
	pageHome page = iota
	pageDetail
	pageNote
	pageContact
	pageHelp
	pageSearch
	pageBook
	pageReview
	pageBrief
	pageCards
)

// pane is which half of home has the keyboard.
type pane int

const (
	paneList pane = iota
	paneToday
)

// App is the root model: it owns the screens, the back stack, the data
// shared between screens, and everything that talks to the store.
type App struct {
	store   *store.Store
	now     func() time.Time
	env     func(string) string
	noColor bool
	today   model.Date

	st   *Styles
	keys *KeyMap
	help help.Model

	width, height int
	lay           layout

	stack []page // pages above home, the last on top
	focus pane

	list   listScreen
	agenda todayScreen
	detail detailScreen
	note   noteForm
	form   contactForm
	search searchScreen
	book   bookScreen
	review reviewScreen
	brief  briefScreen
	cards  cardsScreen

	helpOffset int
	coldLimit  int       // contacts going cold loaded so far; grows as the agenda scrolls
	stamp      fileStamp // the database file as the last poll that read it saw it
	polls      int

	entries       []store.Entry
	gen           uint64
	loaded        bool
	loading       bool
	pendingReload bool // a write landed while a read was under way
	loadErr       error
	selectID      uint64 // select this contact once the book reloads
	editorWas     string // the note body handed to $EDITOR

	status    string
	statusErr bool
	statusSeq int
}

func newApp(s *store.Store, opts Options, noColor bool, env func(string) string) App {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	keys := DefaultKeys()
	st := NewStyles(true, noColor)
	today := model.DateOf(now())
	h := help.New()
	h.Styles = st.Help
	return App{
		store: s, now: now, env: env, noColor: noColor, today: today,
		st: st, keys: &keys, help: h,
		list:      newListScreen(st, &keys, today),
		agenda:    newTodayScreen(st, &keys),
		loading:   true,      // Init loads the book
		focus:     paneToday, // home is the agenda, at every size
		coldLimit: coldPage,
	}
}

func (a App) Init() tea.Cmd {
	return tea.Batch(loadFirstPage(a.store, a.today), loadBook(a.store, a.today, a.coldLimit), tea.RequestBackgroundColor, tick())
}

func (a App) top() page {
	if len(a.stack) == 0 {
		return pageHome
	}
	return a.stack[len(a.stack)-1]
}

func (a App) onStack(p page) bool {
	for _, q := range a.stack {
		if q == p {
			return true
		}
	}
	return false
}

// capturing reports whether the active screen is taking typed text, in
// which case no letter is a global key (a typed q belongs to the note).
func (a App) capturing() bool {
	switch a.top() {
	case pageNote, pageContact:
		return true
	case pageSearch:
		return a.search.capturing()
	case pageHome:
		return (a.focus == paneList && a.list.capturing()) || (a.focus == paneToday && a.agenda.capturing())
	case pageDetail:
		return a.detail.capturing() || a.detail.ask.active
	}
	return false
}

func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.resize(msg.Width, msg.Height)
		return a, nil
	case tea.BackgroundColorMsg:
		a.setStyles(NewStyles(msg.IsDark(), a.noColor))
		return a, nil
	case tea.KeyPressMsg:
		if !a.capturing() {
			next, cmd, ok := a.globalKey(msg)
			if ok {
				return next, cmd
			}
			a = next.(App) // a global key may also set up the screen that gets it
		}
	}
	if next, cmd, ok := a.handleData(msg); ok {
		return next, cmd
	}
	if next, cmd, ok := a.navigate(msg); ok {
		return next, cmd
	}
	return a.updateActive(msg)
}

// updateActive gives a message to the active screen only.
func (a App) updateActive(msg tea.Msg) (App, tea.Cmd) {
	var cmd tea.Cmd
	switch a.top() {
	case pageHome:
		if a.focus == paneToday {
			a.agenda, cmd = a.agenda.Update(msg)
		} else {
			a.list, cmd = a.list.Update(msg)
		}
	case pageDetail:
		a.detail, cmd = a.detail.Update(msg)
	case pageNote:
		a.note, cmd = a.note.Update(msg)
	case pageContact:
		a.form, cmd = a.form.Update(msg)
	case pageHelp:
		a = a.updateHelp(msg)
	case pageSearch:
		return a.updateSearch(msg)
	case pageBook:
		a.book, cmd = a.book.Update(msg, a.store)
	case pageReview:
		a.review, cmd = a.review.Update(msg)
	case pageBrief:
		a.brief, cmd = a.brief.Update(msg)
	case pageCards:
		a.cards, cmd = a.cards.Update(msg)
	}
	return a, cmd
}

// fitAgenda lays the frame out again when a new agenda wants another
// width; otherwise every screen keeps its size, so a reload after a save
// or a poll does not lay out the detail, the review or the note again.
func (a *App) fitAgenda() {
	if computeLayout(a.width, a.height, a.agenda.want()) != a.lay {
		a.resize(a.width, a.height)
	}
}

// resize gives every screen its rectangle.
func (a *App) resize(w, h int) {
	a.width, a.height = w, h
	a.lay = computeLayout(w, h, a.agenda.want())
	if a.lay.TooSmall {
		return
	}
	a.help.SetWidth(w)
	a.list.SetSize(a.lay.List.W, a.lay.List.H)
	a.agenda.SetSize(a.lay.Today.W, a.lay.Today.H)
	for _, s := range a.pushed() {
		s.SetSize(a.lay.Body.W, a.lay.Body.H)
	}
}

// pushedScreen is what the root asks of every screen it pushes.
type pushedScreen interface {
	SetSize(w, h int)
	setStyles(st *Styles)
}

// pushed lists the pushed screens on the stack: they exist only there.
func (a *App) pushed() []pushedScreen {
	all := []struct {
		page   page
		screen pushedScreen
	}{{pageDetail, &a.detail}, {pageNote, &a.note}, {pageContact, &a.form}, {pageSearch, &a.search},
		{pageBook, &a.book}, {pageReview, &a.review}, {pageBrief, &a.brief}, {pageCards, &a.cards}}
	var out []pushedScreen
	for _, p := range all {
		if a.onStack(p.page) {
			out = append(out, p.screen)
		}
	}
	return out
}

func (a *App) setStyles(st *Styles) {
	a.st = st
	a.help.Styles = st.Help
	a.list.setStyles(st)
	a.agenda.setStyles(st)
	for _, s := range a.pushed() {
		s.setStyles(st)
	}
}

// setStatus shows a message in the help line for a few seconds.
func (a *App) setStatus(text string, isErr bool) tea.Cmd {
	a.statusSeq++
	a.status, a.statusErr = text, isErr
	return clearStatusAfter(a.statusSeq)
}
