package ui

import "testing"

func TestComputeLayout(t *testing.T) {
	tests := []struct {
		w, h, want int // want: the width the agenda's rows need
		tooSmall   bool
		split      bool
		listW      int
		todayW     int
	}{
		{39, 24, 60, true, false, 0, 0},
		{80, 9, 60, true, false, 0, 0},
		{40, 10, 60, false, false, 40, 40},
		{80, 24, 60, false, false, 80, 80},
		{99, 30, 60, false, false, 99, 99},
		// Side by side: the agenda gets what it needs while the list
		// keeps 40 columns...
		{100, 30, 60, false, true, 40, 59},
		{120, 35, 60, false, true, 59, 60},
		{120, 35, 30, false, true, 78, 41}, // never below 40; 3 spare, 1 of them to the agenda
		{120, 35, 100, false, true, 40, 79},
		// ...and on wide screens the room past what both need is shared:
		// no field of gaps in either pane.
		{200, 60, 60, false, true, 108, 91},
		{200, 60, 90, false, true, 93, 106},
		{300, 100, 60, false, true, 158, 141},
	}
	for _, tt := range tests {
		l := computeLayout(tt.w, tt.h, tt.want)
		if l.TooSmall != tt.tooSmall {
			t.Errorf("%dx%d: too small %v, want %v", tt.w, tt.h, l.TooSmall, tt.tooSmall)
			continue
		}
		if l.TooSmall {
			continue
		}
		if l.Split != tt.split || l.List.W != tt.listW || l.Today.W != tt.todayW {
			t.Errorf("%dx%d want %d: split %v list %d today %d, want %v %d %d", tt.w, tt.h, tt.want, l.Split, l.List.W, l.Today.W, tt.split, tt.listW, tt.todayW)
		}
		// The regions tile the screen: header, body, help bar; list,
		// rule and today side by side across the whole width.
		if l.Header.H+l.Body.H+l.Help.H != tt.h || l.Body.Y != 1 || l.Help.Y != tt.h-1 {
			t.Errorf("%dx%d: rows do not add up: %+v", tt.w, tt.h, l)
		}
		if l.Split && (l.List.W+l.Rule.W+l.Today.W != tt.w || l.Today.X != l.List.W+1) {
			t.Errorf("%dx%d: columns do not add up: %+v", tt.w, tt.h, l)
		}
		if l.Split && (l.List.W < minPane || l.Today.W < minPane) {
			t.Errorf("%dx%d: a pane below %d columns: %+v", tt.w, tt.h, minPane, l)
		}
		if !l.Split && (l.List != l.Body || l.Today != l.Body) {
			t.Errorf("%dx%d: list and today should fill the body", tt.w, tt.h)
		}
	}
}

func TestKeepInView(t *testing.T) {
	for _, c := range []struct{ cursor, offset, page, want int }{
		{0, 0, 5, 0},
		{4, 0, 5, 0},  // last row of the page: stays
		{5, 0, 5, 1},  // one past: scrolls by one
		{2, 4, 5, 2},  // above the page: the cursor becomes the top
		{9, 2, 1, 9},  // one-row page follows the cursor
		{3, 3, 10, 3}, // on the top row: stays
	} {
		if got := keepInView(c.cursor, c.offset, c.page); got != c.want {
			t.Errorf("keepInView(%d, %d, %d) = %d, want %d", c.cursor, c.offset, c.page, got, c.want)
		}
	}
}
