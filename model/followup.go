package model

import (
	"fmt"
	"strings"
)

// FollowUp is a promise with a due date: mostly what the rep owes the
// customer, sometimes what the customer owes the rep.
type FollowUp struct {
	ID        uint64 `json:"id"`
	ContactID uint64 `json:"contact_id"`
	NoteID    uint64 `json:"note_id,omitempty"`
	Text      string `json:"text"`
	TheyOwe   bool   `json:"they_owe,omitempty"`
	Due       Date   `json:"due"`
	DueTime   string `json:"due_time,omitempty"` // "15:00" when a time of day was given
	Promised  Date   `json:"promised"`
	Snoozes   int    `json:"snoozes,omitempty"`
	Done      Date   `json:"done,omitzero"`
}

// Open reports whether the follow-up still waits.
func (f FollowUp) Open() bool { return f.Done.IsZero() }

// KeptOnTime reports whether it was done on or before the day first
// promised; snoozing moves the due date but not the promise.
func (f FollowUp) KeptOnTime() bool {
	return !f.Open() && !f.Done.After(f.Promised)
}

// Validate reports the first thing wrong with a follow-up about to be saved.
func (f FollowUp) Validate() error {
	if strings.TrimSpace(f.Text) == "" {
		return fmt.Errorf("a follow-up needs a description")
	}
	if err := checkField("follow-up", f.Text); err != nil {
		return err
	}
	if f.Due.IsZero() || !f.Due.HasYear() {
		return fmt.Errorf("a follow-up needs a due date")
	}
	for _, d := range []Date{f.Due, f.Promised, f.Done} {
		if err := d.valid(); err != nil && !d.IsZero() {
			return fmt.Errorf("the follow-up date %s is impossible: %v", d, err)
		}
	}
	return nil
}

// ParseFollowUp splits "WHEN: what" and resolves WHEN against today. A
// bare WHEN with no colon is accepted and described as "Follow up". WHEN
// may carry a time of day with its own colon ("fri 15:00: call"), so the
// first colon after which WHEN reads as a date splits.
func ParseFollowUp(s string, today Date) (FollowUp, error) {
	when, what, found := strings.Cut(s, ":")
	for i := len(when) + 1; found && i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		if _, _, err := ParseDueTime(s[:i], today); err == nil {
			if _, _, err := ParseDueTime(when, today); err != nil {
				when, what = s[:i], s[i+1:]
			}
			break
		}
	}
	what = strings.TrimSpace(what)
	if !found {
		what = "Follow up"
	}
	if strings.TrimSpace(when) == "" {
		return FollowUp{}, fmt.Errorf("follow-up %q has no WHEN (write it as \"fri: send the pricing\")", s)
	}
	if what == "" {
		return FollowUp{}, fmt.Errorf("follow-up %q says when but not what (write it as \"fri: send the pricing\")", s)
	}
	due, clock, err := ParseDueTime(when, today)
	if err != nil {
		return FollowUp{}, err
	}
	if due.Before(today) {
		return FollowUp{}, fmt.Errorf("%s is in the past; a follow-up is a promise for today or later", due)
	}
	return FollowUp{Text: what, Due: due, DueTime: clock, Promised: due}, nil
}
