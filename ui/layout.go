package ui

// rect is a region of the screen, in cells.
type rect struct{ X, Y, W, H int }

// The smallest terminal the UI draws in, and the width from which the
// today pane sits beside the contact list instead of on its own screen.
const (
	minWidth   = 40
	minHeight  = 10
	splitWidth = 100
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

// computeLayout divides a w×h terminal.
func computeLayout(w, h int) layout {
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
		todayW := min(max(w*2/5, 40), 64)
		listW := w - todayW - 1
		l.List = rect{0, 1, listW, h - 2}
		l.Rule = rect{listW, 1, 1, h - 2}
		l.Today = rect{listW + 1, 1, todayW, h - 2}
	}
	return l
}
