package ui

import (
	"slices"

	"rapport/model"
)

// applyFocus scrolls the timeline to the note the detail was opened at (a
// search hit), once, when the contact has loaded.
func (d *detailScreen) applyFocus() {
	if d.focus == 0 || !d.loaded || d.w <= 0 {
		return
	}
	i := slices.IndexFunc(d.d.Notes, func(n model.Interaction) bool { return n.ID == d.focus })
	d.focus = 0
	if i < 0 || d.topic != "" {
		return
	}
	_, w, _ := d.columns()
	before := 1 // the timeline's heading
	if i > 0 {
		cut := *d
		cut.d.Notes = d.d.Notes[:i]
		before = len(cut.timeline(w)) + 1 // and the blank line between notes
	}
	d.offset = 0
	d.scroll(d.notesAt + before)
}
