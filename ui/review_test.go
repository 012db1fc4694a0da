package ui

import (
	"strings"
	"testing"
)

func TestReviewOneKeyFromHome(t *testing.T) {
	a := testApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "w")
	if a.top() != pageReview || !a.review.loaded {
		t.Fatalf("w did not open a loaded review (top %v)", a.top())
	}
	this := a.review.start
	if this.Weekday() != 1 {
		t.Errorf("the review starts on %s, not a Monday", this)
	}
	a = keys(t, a, "h")
	if a.review.start != this.AddDays(-7) || !strings.Contains(screen(a), "Mallory Evil") {
		t.Errorf("h did not load the week before:\n%s", screen(a))
	}
	a = keys(t, a, "l", "l")
	if a.review.start != this {
		t.Errorf("l moved past this week to %s", a.review.start)
	}
	a = keys(t, a, "esc")
	if a.top() != pageHome {
		t.Errorf("esc left %v on top", a.top())
	}
}

func TestReviewKeyTypesInTheFilter(t *testing.T) {
	a := testApp(t, fixtureStore(t), 80, 24)
	a = typeText(t, keys(t, a, "/"), "w")
	if a.top() == pageReview {
		t.Error("a w typed into the filter opened the review")
	}
}
