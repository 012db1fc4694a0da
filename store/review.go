package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Review reads, in one transaction, what the weekly review of the week
// starting on start needs, and computes it on today.
//
// It adds no index by time: the notes of the five weeks are found by
// walking the keys of idx_contact_notes (contact | time | id), which
// carry the time, and decoding only the notes inside the window;
// follow-ups and contacts are decoded whole. BenchmarkReview measures this
// at 10k contacts (about 200k notes): see the README.
func (s *Store) Review(start, today model.Date) (model.Review, error) {
	in := model.ReviewInput{Start: start, Today: today}
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		// A day's notes may sit a time zone away from UTC midnight: read a
		// day wider on each side and let the model judge by local day.
		from := start.AddDays(-7*model.ReviewWeeks - 1).Time().Unix()
		to := start.AddDays(9).Time().Unix()
		if in.Notes, err = notesBetween(tx, from, to); err != nil {
			return err
		}
		if in.FollowUps, err = allOf[model.FollowUp](tx, bFollowUps); err != nil {
			return err
		}
		in.Contacts, err = allOf[model.Contact](tx, bContacts)
		return err
	})
	if err != nil {
		return model.Review{}, err
	}
	return model.ComputeReview(in), nil
}

// notesBetween decodes the notes whose time in idx_contact_notes lies in
// [from, to), in unix seconds.
func notesBetween(tx *bolt.Tx, from, to int64) ([]model.Interaction, error) {
	var out []model.Interaction
	lo, hi := uint64(from)^1<<63, uint64(to)^1<<63
	err := tx.Bucket(bContactNote).ForEach(func(k, _ []byte) error {
		if len(k) != 24 {
			return nil
		}
		if at := binary.BigEndian.Uint64(k[8:16]); at < lo || at >= hi {
			return nil
		}
		var in model.Interaction
		if err := getJSON(tx, bNotes, lastID(k), &in); err != nil {
			return fmt.Errorf("note %d: %w", lastID(k), err)
		}
		out = append(out, in)
		return nil
	})
	return out, err
}

// allOf decodes every record of a record bucket.
func allOf[T any](tx *bolt.Tx, bucket []byte) ([]T, error) {
	var out []T
	err := tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("%s %d: %w", bucket, idAt(k, 0), err)
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}
