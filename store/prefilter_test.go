package store

import (
	"encoding/json"
	"testing"

	"rapport/model"
)

// mentions may keep a record that does not match, but must never drop one
// that HasTag accepts.
func TestMentionsNeverDropsAMatch(t *testing.T) {
	tags := []string{"holiday-card", "Holiday-Card", "HOLIDAY-CARD", "holiday-\u212aard", "<vip>", "café", "Ca\u017fe", "a&b", `q"uote`, "golf"}
	asks := []string{"holiday-card", "holiday-kard", "<vip>", "CAFÉ", "case", "a&b", `q"uote`, "golf", "customer"}
	for _, tag := range tags {
		data, _ := json.Marshal(model.Contact{Name: "X", Tags: []string{tag}, Stage: model.Customer})
		c := model.Contact{Tags: []string{tag}}
		for _, ask := range asks {
			if c.HasTag(ask) && !mentions(data, ask) {
				t.Errorf("tag %q, asked %q: HasTag says yes, mentions dropped it", tag, ask)
			}
		}
	}
	data, _ := json.Marshal(model.Contact{Name: "Golfer", Tags: []string{"vip"}})
	if mentions(data, "golf") {
		t.Error(`"golf" is only part of the name; the quoted search should rule the record out`)
	}
	past, _ := json.Marshal(model.Contact{Name: "P", Stage: model.PastCustomer})
	now, _ := json.Marshal(model.Contact{Name: "C", Stage: model.Customer})
	if mentions(past, string(model.Customer)) || !mentions(now, string(model.Customer)) {
		t.Error("the stage search should keep customers and rule out past customers")
	}
}
