package ui

import (
	"strings"
	"testing"

	"rapport/model"
	"rapport/store"
)

// An open sync conflict shows on the contact: the server's value in the
// profile, the rep's under a warning line.
func TestDetailShowsSyncConflict(t *testing.T) {
	s := fixtureStore(t)
	ada, err := s.Resolve("ada")
	if err != nil {
		t.Fatal(err)
	}
	err = s.PutSyncAccount(store.SyncAccount{Name: "work", Conflicts: []store.SyncConflict{{
		Kind: store.SyncContact, LocalID: ada.ID, Name: ada.Name,
		FieldConflict: model.FieldConflict{Field: "title", Mine: []string{"VP\x1b]0;x\x07 Engineering"}, Theirs: []string{"CTO"}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	out := screen(openDetail(t, testApp(t, s, 80, 24), "ada"))
	if !strings.Contains(out, "! sync conflict, title: yours was VP Engineering") {
		t.Errorf("no conflict line:\n%s", out)
	}
	if strings.Contains(out, "\x1b]0;") {
		t.Error("the conflict's text reached the terminal raw")
	}
}
