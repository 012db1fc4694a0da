package model

import (
	"fmt"
	"strings"
	"time"
)

// Kind is how an interaction happened.
type Kind string

// The kinds of interaction; a note is something written down without talking.
const (
	Call    Kind = "call"
	Meeting Kind = "meeting"
	Email   Kind = "email"
	Message Kind = "message"
	Note    Kind = "note"
	// Card is a handwritten note, a postcard, a birthday or holiday card.
	Card Kind = "card"
)

// Kinds lists every kind, in the order the note form cycles through them.
var Kinds = []Kind{Call, Meeting, Email, Message, Note, Card}

// IsTouch reports whether an interaction of this kind is real contact that
// resets the cadence clock: a plain note written without the customer is not.
func (k Kind) IsTouch() bool { return k != Note }

// ParseKind accepts a kind name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if strings.EqualFold(strings.TrimSpace(s), string(k)) {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q (use call, meeting, email, message, note or card)", s)
}

// Topic marks what a note reveals about the customer.
type Topic string

// The topics, in the order trust reveals them.
const (
	Problem     Topic = "problem"
	Opportunity Topic = "opportunity"
	Strategy    Topic = "strategy"
)

// Topics lists every topic.
var Topics = []Topic{Problem, Opportunity, Strategy}

// ParseTopic accepts a topic name.
func ParseTopic(s string) (Topic, error) {
	for _, t := range Topics {
		if strings.EqualFold(strings.TrimSpace(s), string(t)) {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown topic %q (use problem, opportunity or strategy)", s)
}

// Interaction is one logged call, meeting, email, message or note.
type Interaction struct {
	ID        uint64  `json:"id"`
	ContactID uint64  `json:"contact_id"`
	Kind      Kind    `json:"kind"`
	Inbound   bool    `json:"inbound"`
	Topics    []Topic `json:"topics,omitempty"`
	Text      string  `json:"text"`
	// Gave says what value the touch brought: an article, an introduction,
	// a lunch. Empty when it brought nothing in particular.
	Gave string    `json:"gave,omitempty"`
	At   time.Time `json:"at"`
}

// HasTopic reports whether the note is marked with t.
func (in Interaction) HasTopic(t Topic) bool {
	for _, have := range in.Topics {
		if have == t {
			return true
		}
	}
	return false
}

// Validate reports the first thing wrong with an interaction about to be saved.
func (in Interaction) Validate() error {
	if strings.TrimSpace(in.Text) == "" {
		return fmt.Errorf("a note needs some text")
	}
	if k, err := ParseKind(string(in.Kind)); err != nil {
		return err
	} else if k != in.Kind {
		return fmt.Errorf("the kind %q is not written as rapport writes it (%q)", in.Kind, k)
	}
	for _, t := range in.Topics {
		if p, err := ParseTopic(string(t)); err != nil || p != t {
			return fmt.Errorf("unknown topic %q (use problem, opportunity or strategy)", t)
		}
	}
	return CheckNoteSize(len(in.Text))
}

// ThankYou is the follow-up a meeting earns: a thank-you note due the next
// day. Other kinds earn none.
func ThankYou(in Interaction) (FollowUp, bool) {
	if in.Kind != Meeting {
		return FollowUp{}, false
	}
	due := DateOf(in.At).AddDays(1)
	return FollowUp{ContactID: in.ContactID, Due: due, Promised: due, Text: thankYouText}, true
}

// Question is something to ask next time, for call prep.
type Question struct {
	ID        uint64    `json:"id"`
	ContactID uint64    `json:"contact_id"`
	Text      string    `json:"text"`
	Created   time.Time `json:"created"`
	Asked     Date      `json:"asked,omitzero"`
}

// Open reports whether the question is still to be asked.
func (q Question) Open() bool { return q.Asked.IsZero() }
