package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// checkJournal verifies the change journal: every entry readable, ids
// without gaps, kinds and statuses known, the bound kept, the redo stack
// naming undone entries.
func checkJournal(tx *bolt.Tx, now time.Time) []string {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf("journal: "+format, args...))
	}
	var first, prev uint64
	status := map[uint64]string{}
	tx.Bucket(bJournal).ForEach(func(k, v []byte) error {
		id := idAt(k, 0)
		e, err := decodeJournalEntry(v)
		switch {
		case err != nil:
			add("change %d cannot be read: %v", id, err)
			return nil
		case e.ID != id:
			add("change %d is stored under id %d", e.ID, id)
		case prev != 0 && id != prev+1:
			add("changes %d to %d are missing", prev+1, id-1)
		}
		if first == 0 {
			first = id
		}
		prev = id
		status[id] = e.Status
		problems = append(problems, checkEntry(e)...)
		return nil
	})
	if n := prev - first + 1; prev != 0 && n > JournalKeep {
		if e, err := getJournalEntry(tx, first); err == nil && e.At.Before(now.AddDate(0, 0, -JournalDays)) {
			add("%d changes are kept, more than %d, and the oldest is older than %d days", n, JournalKeep, JournalDays)
		}
	}
	for _, id := range redoStack(tx) {
		if s, ok := status[id]; ok && s != StatusUndone {
			add("change %d is on the redo stack but not undone", id)
		}
	}
	return problems
}

func checkEntry(e JournalEntry) []string {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf("journal: change %d: "+format, append([]any{e.ID}, args...)...))
	}
	switch e.Kind {
	case KindWrite, KindUndo, KindRedo:
	default:
		add("unknown kind %q", e.Kind)
	}
	switch e.Status {
	case StatusApplied, StatusUndone, StatusDropped:
	default:
		add("unknown status %q", e.Status)
	}
	for _, ch := range e.Changes {
		if _, _, ok := kindOf(ch.Bucket); !ok {
			add("names an unknown bucket %q", ch.Bucket)
		}
		if ch.Before != nil && !json.Valid(ch.Before) {
			add("holds an unreadable image of %s %d", ch.Bucket, ch.ID)
		}
	}
	return problems
}
