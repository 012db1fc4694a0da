package store

import (
	"reflect"
	"slices"
	"testing"

	"rapport/model"
)

// A note and the questions asked in it are written together: ticking a
// question of another contact fails the whole save.
func TestLogNoteTicksQuestionsInTheSameTransaction(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	grace := mustAdd(t, s, model.Contact{Name: "Grace Hopper"})
	var qs []model.Question
	for _, q := range []model.Question{{ContactID: ada.ID, Text: "Board?"}, {ContactID: ada.ID, Text: "Budget?"}, {ContactID: grace.ID, Text: "Navy?"}} {
		if err := s.AddQuestion(&q); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}

	bad := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "asked Grace's question", At: testNow}
	if err := s.LogNote(&bad, nil, qs[2].ID); err == nil {
		t.Fatal("ticking another contact's question was accepted")
	}
	if notes, _ := s.Notes(ada.ID, 0); len(notes) != 0 {
		t.Fatalf("the failed save left %d notes", len(notes))
	}

	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "asked about the board", At: testNow}
	if err := s.LogNote(&in, nil, qs[0].ID); err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenQuestions(ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 1 || open[0].ID != qs[1].ID {
		t.Fatalf("open questions after asking %q: %+v", qs[0].Text, open)
	}
	d, _ := s.Detail(ada.ID)
	i := slices.IndexFunc(d.Questions, func(q model.Question) bool { return q.ID == qs[0].ID })
	if i < 0 || d.Questions[i].Asked != testToday {
		t.Fatalf("asked date: %+v", d.Questions)
	}
	mustCheck(t, s)
}

// Book reads in one transaction what Entries, Agenda and Generation read
// apart.
func TestBookMatchesItsParts(t *testing.T) {
	s := newStore(t)
	sm := model.NewSampler(3, 60, testNow)
	var bs []model.Bundle
	for range 60 {
		bs = append(bs, sm.Next().Bundle)
	}
	if _, err := s.AddBundles(bs); err != nil {
		t.Fatal(err)
	}
	b, err := s.Book(testToday, 0)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := s.Entries()
	agenda, _ := s.Agenda(testToday, 0) // the TUI scrolls going cold to its end
	gen, _ := s.Generation()
	kept, due, _ := s.FollowThrough(testToday)
	if b.Generation != gen || !slices.Equal(b.Entries, entries) || !reflect.DeepEqual(b.Agenda, agenda) || b.Kept != kept || b.PromisesDue != due {
		t.Fatalf("Book differs from its parts")
	}
	first, _ := s.Book(testToday, 7)
	if !slices.Equal(first.Entries, entries[:7]) {
		t.Fatalf("Book(7) is not the first 7 entries")
	}
}
