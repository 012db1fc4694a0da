package model

import (
	"math/rand/v2"
	"time"
)

// rhythm gives part of the active core a recent pattern on top of their
// history, so the trend charts and the weekly review show something at
// once: some relationships warm (touches thicken over the last two months,
// more of them inbound), some cool (a busy spell two to five months ago,
// then quiet). Meetings are mostly thanked for the next day, by the
// thank-you follow-up or a card. It draws from its own random stream, so
// the rest of a seed's book stays as it was.
func (s *Sampler) rhythm(b *SampleBundle, active bool) {
	r := s.beat
	span := int(s.now.Sub(b.Contact.Created).Hours() / 24)
	if !active || span < 160 {
		return
	}
	switch p := r.Float64(); {
	case p < 0.35: // warming: the chance of a touch in a week rises to now
		for week := 8; week >= 0; week-- {
			if r.Float64() < float64(10-week)/10 {
				s.addBeat(b, week*7+1+r.IntN(7), 0.5)
			}
		}
	case p < 0.6: // cooling: busy from twenty weeks ago to eight, then quiet
		for week := 20; week >= 8; week-- {
			for k := 0; k < 1+r.IntN(2); k++ {
				s.addBeat(b, week*7+1+r.IntN(7), 0.15)
			}
		}
	}
}

// addBeat logs one touch ago days back, the meeting's thank-you and now
// and then a promise, linked to the note by a provisional id that the
// store replaces.
func (s *Sampler) addBeat(b *SampleBundle, ago int, inbound float64) {
	r := s.beat
	day := s.now.AddDate(0, 0, -ago)
	at := time.Date(day.Year(), day.Month(), day.Day(), 8+r.IntN(10), 0, 0, 0, day.Location())
	in := Interaction{ID: beatID(b), Kind: beatKind(r), At: at, Text: noteTexts[r.IntN(len(noteTexts))]}
	in.Inbound = r.Float64() < inbound
	b.Notes = append(b.Notes, in)
	today := DateOf(s.now)
	met := DateOf(at)
	if in.Kind == Meeting {
		switch p := r.Float64(); {
		case p < 0.2 && met.AddDays(1).Before(today): // a card the next day instead
			card := Interaction{ID: beatID(b), ContactID: in.ContactID, Kind: Card, At: at.AddDate(0, 0, 1), Text: "Thank-you card after our meeting."}
			b.Notes = append(b.Notes, card)
			at = card.At
		case p < 0.9:
			s.beatPromise(b, in.ID, ThankYouText(), met.AddDays(1), r.Float64() < 0.8)
		}
	}
	if r.Float64() < 0.2 {
		s.beatPromise(b, in.ID, promiseTexts[r.IntN(len(promiseTexts))], met.AddDays(1+r.IntN(7)), r.Float64() < 0.75)
	}
	if at.After(b.Contact.LastTouch) {
		b.Contact.LastTouch = at
	}
}

// beatPromise adds a done promise; one not yet due is left out, so the
// morning agenda of a seed stays as it was.
func (s *Sampler) beatPromise(b *SampleBundle, noteID uint64, text string, due Date, onTime bool) {
	today := DateOf(s.now)
	if !due.Before(today) {
		return
	}
	done := due
	if !onTime {
		done = due.AddDays(1 + s.beat.IntN(4))
	}
	if done.After(today) {
		done = today
	}
	b.FollowUps = append(b.FollowUps, FollowUp{NoteID: noteID, Text: text, Due: due, Promised: due, Done: done})
}

func beatKind(r *rand.Rand) Kind {
	return []Kind{Meeting, Meeting, Meeting, Call, Call, Call, Email, Email, Message}[r.IntN(9)]
}

// beatID numbers the bundle's notes for linking, past any id in it.
func beatID(b *SampleBundle) uint64 {
	var top uint64
	for _, n := range b.Notes {
		top = max(top, n.ID)
	}
	return top + 1
}
