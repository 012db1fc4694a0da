package ui

// rect is a region of the screen, in cells.
type rect struct{ X, Y, W, H int }

// The smallest terminal the UI draws in, and the width from which the
// today pane sits beside the contact list instead of on its own screen.
// Side by side, neither pane is narrower than minPane; the list's rows
// need about listWant columns (name, company, last touch), more only
// adds gaps.
const (
	minWidth   = 40
	minHeight  = 10
	splitWidth = 100
	minPane    = 40
	listWant   = 76
)

// layout names the regions of one frame. Every screen draws inside the
// rectangle it is given and nothing else, so the arithmetic lives here
// only and is tested without a program.
type layout struct {
	TooSmall bool
	Header   rect // one line: app name, day, status
	Body     rect // everything between header and help bar
	Help     rect // one line of key help
	Split    bool // list and today side by side
	List     rect // the contact list (Body when not split)
	Rule     rect // the one-column separator when split
	Today    rect // the today pane (Body when not split)
}

// computeLayout divides a w×h terminal. todayWant is the width the
// agenda's rows need; side by side, the agenda gets it when it can, the
// list what its rows need, and any room left is shared, so neither pane
// is a field of gaps on a wide screen.
func computeLayout(w, h, todayWant int) layout {
	if w < minWidth || h < minHeight {
		return layout{TooSmall: true}
	}
	l := layout{
		Header: rect{0, 0, w, 1},
		Body:   rect{0, 1, w, h - 2},
		Help:   rect{0, h - 1, w, 1},
	}
	l.List, l.Today = l.Body, l.Body
	if w >= splitWidth {
		l.Split = true
		avail := w - 1
		todayW := min(max(todayWant, minPane), avail-minPane)
		if spare := avail - todayW - listWant; spare > 0 {
			todayW += spare / 2
		}
		listW := avail - todayW
		l.List = rect{0, 1, listW, h - 2}
		l.Rule = rect{listW, 1, 1, h - 2}
		l.Today = rect{listW + 1, 1, todayW, h - 2}
	}
	return l
}
