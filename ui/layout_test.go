package ui

import "testing"

func TestComputeLayout(t *testing.T) {
	tests := []struct {
		w, h     int
		tooSmall bool
		split    bool
		listW    int
		todayW   int
	}{
		{39, 24, true, false, 0, 0},
		{80, 9, true, false, 0, 0},
		{40, 10, false, false, 40, 40},
		{80, 24, false, false, 80, 80},
		{99, 30, false, false, 99, 99},
		{100, 30, false, true, 59, 40},
		{120, 35, false, true, 71, 48},
		{300, 100, false, true, 235, 64},
	}
	for _, tt := range tests {
		l := computeLayout(tt.w, tt.h)
		if l.TooSmall != tt.tooSmall {
			t.Errorf("%dx%d: too small %v, want %v", tt.w, tt.h, l.TooSmall, tt.tooSmall)
			continue
		}
		if l.TooSmall {
			continue
		}
		if l.Split != tt.split || l.List.W != tt.listW || l.Today.W != tt.todayW {
			t.Errorf("%dx%d: split %v list %d today %d, want %v %d %d", tt.w, tt.h, l.Split, l.List.W, l.Today.W, tt.split, tt.listW, tt.todayW)
		}
		// The regions tile the screen: header, body, help bar; list,
		// rule and today side by side across the whole width.
		if l.Header.H+l.Body.H+l.Help.H != tt.h || l.Body.Y != 1 || l.Help.Y != tt.h-1 {
			t.Errorf("%dx%d: rows do not add up: %+v", tt.w, tt.h, l)
		}
		if l.Split && (l.List.W+l.Rule.W+l.Today.W != tt.w || l.Today.X != l.List.W+1) {
			t.Errorf("%dx%d: columns do not add up: %+v", tt.w, tt.h, l)
		}
		if !l.Split && (l.List != l.Body || l.Today != l.Body) {
			t.Errorf("%dx%d: list and today should fill the body", tt.w, tt.h)
		}
	}
}
