package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// A stale full-text index is built again in a series of write
// transactions of textBuildNotes notes each, taken in day order. The
// index's keys start with the day, so each transaction appends after the
// last one and holds only its own notes' postings: one transaction for
// the 2M notes of a 100,000-contact book held all of them (513 MB). Other
// writers get the file between transactions, and a killed build resumes.
//
// meta's ftx_built records how far the build has come, as the stale
// mark's value (an epoch), the next plan position and when it was
// written. While the index is
// stale, every note before that position is indexed: the build indexed it,
// and every write since indexed its own notes, except a bulk load, which
// moves the epoch (markTextStale) and so starts the build over.
var kTextBuilt = []byte("ftx_built")

// textBuildNotes is how many notes one transaction of a build indexes
// (about 5 MB of postings, a second or two of holding the file).
var textBuildNotes = 25_000

// textBuildGap is the pause between a build's transactions.
const textBuildGap = 10 * intentPoll

// RebuildTextIndex builds the full-text index again from the notes when a
// bulk load left it stale, telling progress; otherwise it does nothing.
// A build another process wrote to within textBuildAlive is left to it.
// A bulk load by another process during the build starts it over; after
// a few such restarts the index is left stale (searches read the notes
// meanwhile) for the next open to build.
func (s *Store) RebuildTextIndex(progress Progress) error {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	for range 4 {
		done, err := s.buildText(progress)
		if err != nil || done {
			return err
		}
	}
	return nil
}

// buildText starts (or resumes) a build, plans it and runs it to the end;
// false without an error means the epoch moved and it must plan again.
func (s *Store) buildText(progress Progress) (bool, error) {
	epoch, from, err := s.startTextBuild()
	if err != nil || epoch == nil {
		return epoch == nil, err
	}
	plan, err := s.textPlan(epoch)
	if err != nil || plan == nil {
		return false, err
	}
	at, _ := slices.BinarySearch(plan, from)
	for {
		progress("building the search index", at, len(plan))
		next := min(at+textBuildNotes, len(plan))
		var moved bool
		err := s.write(func(tx *bolt.Tx) error {
			var err error
			moved, err = buildTextChunk(tx, epoch, plan, at, next)
			return err
		}, dropPending) // index upkeep, not a change of the rep's: no journal entry
		if err != nil || moved {
			return false, err
		}
		if at = next; at == len(plan) {
			progress("building the search index", at, len(plan))
			return true, nil
		}
		// A writer waiting for the file polls the intent lock every
		// intentPoll: without a gap the next chunk would always take it
		// first (measured: logs failing busy after 5 s during a build).
		time.Sleep(textBuildGap)
	}
}

// startTextBuild reads the stale mark and where a build stopped; with no
// build under way for this epoch it empties the index and starts one at
// position 0. nil: nothing for this process to build, since the index is
// current or another process's build wrote within textBuildAlive.
func (s *Store) startTextBuild() (epoch []byte, from uint64, err error) {
	var st buildState
	err = s.view(func(tx *bolt.Tx) error { st = textBuildState(tx); return nil })
	if err != nil || st.epoch == nil || st.started {
		return st.resume()
	}
	mine := false
	err = s.write(func(tx *bolt.Tx) error {
		if st = textBuildState(tx); st.epoch == nil || st.started {
			return nil
		}
		if err := resetTextBuckets(tx); err != nil {
			return err
		}
		mine = true
		return putTextBuilt(tx, st.epoch, 0)
	}, dropPending)
	if err != nil || mine {
		return st.epoch, 0, err
	}
	return st.resume()
}

// buildState is what meta says of the full-text index of notes.
type buildState struct {
	epoch   []byte // nil: the index is current
	started bool   // a build of this epoch wrote ftx_built
	from    uint64 // its next plan position
	beat    int64  // when it last wrote (unix seconds)
}

// textBuildAlive is how long a build's last transaction keeps other
// processes from joining in (they would index the same notes again): a
// `log` during a restore's build would otherwise wait for all of it. A
// killed build is resumed by the first open after that.
const textBuildAlive = 60 * time.Second

// textClock tells the time builds write down; tests move it.
var textClock = time.Now

func (st buildState) resume() ([]byte, uint64, error) {
	fresh := st.started && st.beat != 0 && textClock().Sub(time.Unix(st.beat, 0)).Abs() < textBuildAlive
	if st.epoch == nil || fresh {
		return nil, 0, nil
	}
	return st.epoch, st.from, nil
}

func textBuildState(tx *bolt.Tx) buildState {
	meta := tx.Bucket(bMeta)
	st := buildState{epoch: bytes.Clone(meta.Get(kTextStale))}
	built := meta.Get(kTextBuilt)
	if st.epoch == nil || len(built) != len(st.epoch)+16 || !bytes.Equal(built[:len(st.epoch)], st.epoch) {
		return st
	}
	st.started = true
	st.from = binary.BigEndian.Uint64(built[len(st.epoch):])
	st.beat = int64(binary.BigEndian.Uint64(built[len(st.epoch)+8:]))
	return st
}

func putTextBuilt(tx *bolt.Tx, epoch []byte, at uint64) error {
	v := binary.BigEndian.AppendUint64(bytes.Clone(epoch), at)
	return tx.Bucket(bMeta).Put(kTextBuilt, binary.BigEndian.AppendUint64(v, uint64(textClock().Unix())))
}

// resetTextBuckets empties the full-text buckets of notes.
func resetTextBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{bTextDays, bTextNotes, bTextTimes} {
		if tx.Bucket(b) != nil {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(b); err != nil {
			return err
		}
	}
	return nil
}

// textPlan lists every note as its day << 32 | its id, sorted: the order
// of the build (8 bytes a note, the one part of a build that grows with
// the book). It reads textPlanNotes notes per read transaction, so that
// a writer waits for one of them at most: a note added in between is
// indexed by its own write. nil: the epoch moved since the build started.
func (s *Store) textPlan(epoch []byte) ([]uint64, error) {
	var plan []uint64
	var last []byte // the key read last
	for {
		var done bool
		err := s.view(func(tx *bolt.Tx) error {
			if !bytes.Equal(tx.Bucket(bMeta).Get(kTextStale), epoch) {
				plan, done = nil, true
				return nil
			}
			if plan == nil {
				plan = make([]uint64, 0, tx.Bucket(bNotes).Sequence())
			}
			var err error
			plan, last, err = planNotes(tx, plan, last)
			done = last == nil
			return err
		})
		if err != nil || done {
			slices.Sort(plan)
			return plan, err
		}
	}
}

// textPlanNotes is how many notes one read transaction of a plan reads.
var textPlanNotes = 200_000

// planNotes adds the notes after key from (all when nil) to plan, up to
// textPlanNotes of them, and gives the key read last (nil at the end).
func planNotes(tx *bolt.Tx, plan []uint64, from []byte) ([]uint64, []byte, error) {
	c := tx.Bucket(bNotes).Cursor()
	k, v := c.First()
	if from != nil {
		if k, v = c.Seek(from); bytes.Equal(k, from) {
			k, v = c.Next()
		}
	}
	for n := 0; k != nil; k, v = c.Next() {
		if n == textPlanNotes {
			return plan, bytes.Clone(from), nil // from lives in this transaction's pages
		}
		var in noteWhen
		if err := json.Unmarshal(v, &in); err != nil {
			return plan, nil, damagedRecord(bNotes, lastID(k))
		}
		id, err := noteID32(model.Interaction{ID: in.ID})
		if err != nil {
			return plan, nil, err
		}
		plan = append(plan, uint64(dayOf(model.Interaction{At: in.At}))<<32|uint64(id))
		from, n = k, n+1
	}
	return plan, nil, nil
}

// noteWhen is the part of a note the plan reads.
type noteWhen struct {
	ID uint64    `json:"id"`
	At time.Time `json:"at"`
}

// buildTextChunk indexes the notes of plan[at:next] as they are now (one
// deleted since is left out; one moved to another day goes there, where
// its edit already put it), merging into what the index holds. It says
// moved when the epoch changed since the plan: then it writes nothing.
// Should another process build at the same time, both index some notes
// twice, which changes nothing.
func buildTextChunk(tx *bolt.Tx, epoch []byte, plan []uint64, at, next int) (moved bool, err error) {
	if st := textBuildState(tx); !bytes.Equal(st.epoch, epoch) || !st.started {
		return true, nil
	}
	// keys go in in day order: pages filled before stay full
	tx.Bucket(bTextNotes).FillPercent = 1
	tx.Bucket(bTextTimes).FillPercent = 1
	batch := newTextBatch()
	notes := tx.Bucket(bNotes)
	for _, p := range plan[at:next] {
		id := uint64(uint32(p))
		v := notes.Get(u64(id))
		if v == nil {
			continue
		}
		var in model.Interaction
		if err := json.Unmarshal(v, &in); err != nil {
			return false, damagedRecord(bNotes, id)
		}
		if err := batch.add(in); err != nil {
			return false, err
		}
	}
	if onTextChunk != nil {
		onTextChunk(next - at)
	}
	if err := batch.flush(tx); err != nil {
		return false, err
	}
	if next == len(plan) {
		if err := tx.Bucket(bMeta).Delete(kTextBuilt); err != nil {
			return false, err
		}
		return false, tx.Bucket(bMeta).Delete(kTextStale)
	}
	return false, putTextBuilt(tx, epoch, plan[next])
}

// onTextChunk, when set (by tests), hears how many notes each
// transaction of a build indexes.
var onTextChunk func(notes int)
