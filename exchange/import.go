package exchange

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"rapport/model"
	"rapport/store"
)

// ImportOptions tune an import.
type ImportOptions struct {
	DryRun bool
	// Stage is given to new contacts whose file names none (default
	// prospect, as for `rapport add`).
	Stage model.Stage
	// Tags are added to every contact the file names, new or not.
	Tags []string
	// Chunk is how many contacts one transaction writes (default 100
	// for cards and rows, 250 for a backup's restore): small enough that
	// a `rapport log` from another shell waits a moment at most, and a
	// stopped import leaves whole contacts only. Each contact touches a
	// page of every index, held until the commit: at 100,000 contacts a
	// merge of 500 held some 80 MB, and a restore of 500 peaked at 109 MB.
	Chunk int
	// Progress, when set, hears how far the writing is after each chunk.
	Progress func(done, total int)
	// Context, when set and cancelled (Ctrl+C), stops the import between
	// chunks.
	Context context.Context
}

// Report says what an import did (or, for a dry run, would do).
type Report struct {
	Source    string
	Format    Format
	DryRun    bool
	Steps     []*Step    // added, updated and unchanged contacts, in file order
	Problems  []Problem  // skipped cards and rows, and fields left out
	Decisions []Decision // rows merged with another row, near-matches left apart

	// Read is every card or row read; it equals Added + Updated +
	// Unchanged + Merged + Skipped. Merged counts rows that went into a
	// contact another row of the same file also went into.
	Read, Added, Updated, Unchanged, Merged, Skipped int
	// Kept counts, by property name, the vCard properties rapport has no
	// field for, kept as-is and written back by the vCard export;
	// Dropped those left out (pictures, which rapport does not keep).
	Kept, Dropped map[string]int
	// Restored counts contacts written from a backup; RestoredBefore
	// those an earlier, interrupted restore of the same backup wrote.
	Restored, RestoredBefore int
}

// Import writes a batch into the store: a backup is restored exactly,
// anything else is matched and merged (see planner). Writes go in chunks;
// when one fails the error says how far the import got, and running it
// again finishes it without duplicating anyone.
func Import(s *store.Store, b *Batch, opt ImportOptions) (Report, error) {
	if opt.Stage == "" {
		opt.Stage = model.Prospect
	}
	rep := Report{Source: b.Source, Format: b.Format, DryRun: opt.DryRun, Problems: b.Problems}
	for _, p := range b.Problems {
		if p.Skipped {
			rep.Skipped++
		}
	}
	if b.Format == Backup {
		if opt.Chunk <= 0 {
			opt.Chunk = 250
		}
		return restore(s, b.Backup, opt, rep)
	}
	if opt.Chunk <= 0 {
		opt.Chunk = 100
	}
	p, err := plan(s, b, opt, &rep)
	if err != nil {
		return rep, err
	}
	stored, err := s.ContactsByID(p.storedIDs())
	if err != nil {
		return rep, err
	}
	texts, err := s.NoteTexts(p.needTexts())
	if err != nil {
		return rep, err
	}
	rep.Steps = p.finish(stored, texts)
	rep.Problems = append(rep.Problems, p.probs...)
	rep.Skipped += len(p.probs)
	var changes []store.Change
	for _, st := range rep.Steps {
		switch st.Action {
		case Add:
			rep.Added++
			changes = append(changes, store.Change{Contact: st.contact, Notes: st.notes})
		case Update:
			rep.Updated++
			changes = append(changes, store.Change{ID: st.ID, Merge: replay(st.merges), Notes: st.notes})
		default:
			rep.Unchanged++
		}
	}
	rep.Merged = len(b.Records) - len(p.probs) - len(rep.Steps)
	// Readers only make valid contacts and merges keep them valid; this
	// catches a slip before the first chunk, not half-way through.
	for _, st := range rep.Steps {
		if st.Action != Unchanged {
			if err := st.contact.Validate(); err != nil {
				return rep, fmt.Errorf("%s: %w", st.Where(b.Source), err)
			}
		}
	}
	if opt.DryRun || len(changes) == 0 {
		return rep, nil
	}
	return rep, inChunks(len(changes), opt, func(from, to int) error {
		_, err := s.Upsert(changes[from:to])
		return err
	})
}

// lookupChunk is how many records one look-up in the book serves: the
// contacts they could match are in memory together.
const lookupChunk = 100

// plan matches the batch's records to the book, a chunk of records at a
// time: it reads only the stored contacts the chunk could match.
func plan(book candidates, b *Batch, opt ImportOptions, rep *Report) (*planner, error) {
	p := newPlanner(book, opt.Stage, opt.Tags)
	p.source = b.Source
	rep.Kept, rep.Dropped = map[string]int{}, map[string]int{}
	size := min(opt.Chunk, lookupChunk)
	for from := 0; from < len(b.Records); from += size {
		chunk := b.Records[from:min(from+size, len(b.Records))]
		if err := p.book.lookUp(chunk); err != nil {
			return nil, err
		}
		clear(p.apartSeen) // it names records of this chunk only
		for _, r := range chunk {
			p.add(r)
			for _, k := range r.Contact.Kept {
				rep.Kept[model.KeptName(k)]++
			}
			for _, d := range r.Dropped {
				rep.Dropped[d]++
			}
		}
	}
	rep.Read = len(b.Records) + rep.Skipped
	rep.Decisions = p.decisions
	return p, nil
}

// replay re-applies a step's records to the contact as stored when the
// chunk is written, so changes made meanwhile by another process stay.
func replay(merges []model.Contact) func(model.Contact) model.Contact {
	return func(c model.Contact) model.Contact {
		for _, in := range merges {
			c = mergeContact(c, in)
		}
		return c
	}
}

// inChunks calls write for successive ranges of total items, reporting
// progress, and turns a failure into an error that says how far it got.
func inChunks(total int, opt ImportOptions, write func(from, to int) error) error {
	for from := 0; from < total; from += opt.Chunk {
		to := min(from+opt.Chunk, total)
		if err := writeChunk(opt, from, to, total, func() error { return write(from, to) }); err != nil {
			return err
		}
	}
	return nil
}

// writeChunk writes the items from done up to to, unless the import was
// stopped; it reports progress, and turns a failure into an error that
// says how far the import got.
func writeChunk(opt ImportOptions, done, to, total int, write func() error) error {
	if opt.Context != nil && opt.Context.Err() != nil {
		return fmt.Errorf("the import was stopped by Ctrl+C after %d of %d contacts; run it again to finish: it will not duplicate anyone", done, total)
	}
	if err := write(); err != nil {
		if done == 0 {
			return err
		}
		return fmt.Errorf("the import stopped after %d of %d contacts (%w); run it again to finish: it will not duplicate anyone", done, total, err)
	}
	if opt.Progress != nil {
		opt.Progress(to, total)
	}
	return nil
}

// restore writes a backup with its ids. It goes into an empty database,
// or into one an interrupted restore of the same backup left: then the
// contacts already there are kept and the rest written. A backup is not
// merged into a book that has other contacts, since its ids would clash.
// The file is read a second time, one chunk of contacts at a time.
func restore(s *store.Store, bf *BackupFile, opt ImportOptions, rep Report) (Report, error) {
	// Read a chunk at a time: a big book refuses at its first stranger
	// without holding every contact.
	have := map[uint64]bool{}
	errNotEmpty := errors.New("not empty")
	err := s.ContactsEach(func(c model.Contact) error {
		if d, ok := bf.names[c.ID]; !ok || d != namePrint(c) {
			return errNotEmpty
		}
		have[c.ID] = true
		return nil
	})
	if errors.Is(err, errNotEmpty) {
		return rep, fmt.Errorf("%s is a backup, which restores only into an empty database, and this one already holds other contacts; restore into a new file with --db", rep.Source)
	}
	if err != nil {
		return rep, err
	}
	total := bf.Count - len(have)
	rep.Restored, rep.RestoredBefore = total, len(have)
	if opt.DryRun {
		return rep, nil
	}
	err = restoreChunks(s, bf, have, total, opt)
	if err == nil { // a big restore leaves the search index to one rebuild
		err = s.RebuildTextIndex(nil)
	}
	if err != nil {
		return rep, err
	}
	return rep, relink(s, bf.referrals)
}

// restoreChunks streams the backup into the store, opt.Chunk contacts per
// transaction, skipping those an earlier run wrote.
func restoreChunks(s *store.Store, bf *BackupFile, have map[uint64]bool, total int, opt ImportOptions) error {
	chunk := make([]model.Bundle, 0, opt.Chunk)
	done := 0
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		if err := writeChunk(opt, done, done+len(chunk), total, func() error { return s.Restore(chunk) }); err != nil {
			return err
		}
		done += len(chunk)
		chunk = chunk[:0]
		return nil
	}
	err := bf.Each(func(b model.Bundle) error {
		if have[b.Contact.ID] {
			return nil
		}
		chunk = append(chunk, b)
		if len(chunk) < opt.Chunk {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	return err
}

// relink sets the referred-by links Restore had to leave out because the
// referrer came in a later chunk.
func relink(s *store.Store, referrals map[uint64]uint64) error {
	ids := make([]uint64, 0, len(referrals))
	for id := range referrals {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var changes []store.Change
	for _, id := range ids {
		want := referrals[id]
		changes = append(changes, store.Change{ID: id, Merge: func(c model.Contact) model.Contact {
			c.ReferredBy = want
			return c
		}})
	}
	for from := 0; from < len(changes); from += 500 {
		if _, err := s.Upsert(changes[from:min(from+500, len(changes))]); err != nil {
			return err
		}
	}
	return nil
}
