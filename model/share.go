package model

import "time"

// Share is something to bring next time: an article, an introduction, an
// idea. Knowledge goes both ways; the questions are what to ask, the shares
// what to give. Kept and ticked like a Question.
type Share struct {
	ID        uint64    `json:"id"`
	ContactID uint64    `json:"contact_id"`
	Text      string    `json:"text"`
	Created   time.Time `json:"created"`
	Shared    Date      `json:"shared,omitzero"`
}

// Open reports whether the share is still to be brought.
func (s Share) Open() bool { return s.Shared.IsZero() }
