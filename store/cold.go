package store

import (
	"encoding/binary"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// coldKey orders a contact in idx_cold: tier | cadence days | next-touch
// date | id.
func coldKey(c model.Contact) []byte {
	b := []byte{byte(c.Stage.ColdTier())}
	b = binary.BigEndian.AppendUint32(b, uint32(c.CadenceDays()))
	return join(b, dateBytes(c.NextTouch()), u64(c.ID))
}

// encodeTouch is the value of a contact's idx_cold entry: what the
// going-cold list shows, so the agenda never decodes a whole contact for
// it. stage (1 byte, its place in model.Stages) | last touch date key (4,
// 0 when never) | name.
func encodeTouch(c model.Contact) []byte {
	b := []byte{byte(stageIndex(c.Stage))}
	var last uint32
	if t := c.Touched(); !t.IsZero() {
		last = t.Key()
	}
	b = binary.BigEndian.AppendUint32(b, last)
	return append(b, c.Name...)
}

// decodeTouch gives back a slim contact whose NextTouch is next.
func decodeTouch(next model.Date, id uint64, cadence int, v []byte) (model.Contact, bool) {
	if len(v) < 5 || int(v[0]) >= len(model.Stages) {
		return model.Contact{}, false
	}
	c := model.Contact{ID: id, Stage: model.Stages[v[0]], Cadence: cadence, NextTouchAfter: next, Name: string(v[5:])}
	if last := binary.BigEndian.Uint32(v[1:]); last != 0 {
		d := model.DateFromKey(last)
		c.LastTouch = time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	}
	return c, true
}

// stageIndex is st's place in model.Stages (0 for one it does not know).
func stageIndex(st model.Stage) int { return max(slices.Index(model.Stages, st), 0) }

// coldHead is the first entry of a run still to take.
type coldHead struct {
	tier, cadence, over int
	next                model.Date
	id                  uint64
}

// before reports whether h comes before o in the going-cold order (ties
// on all of tier, overdue ratio and days overdue are left to the model).
func (h coldHead) before(o coldHead) bool {
	if h.tier != o.tier {
		return h.tier < o.tier
	}
	if c := model.CompareOverdue(h.over, h.cadence, o.over, o.cadence); c != 0 {
		return c > 0
	}
	return h.over > o.over
}

// tie reports whether the model would order h and o by name alone.
func (h coldHead) tie(o coldHead) bool {
	return h.tier == o.tier && h.cadence == o.cadence && h.over == o.over
}

// coldRun walks the entries of one (tier, cadence) that are cold today.
type coldRun struct {
	c     *bolt.Cursor
	head  coldHead
	value []byte
	ok    bool
}

func (r *coldRun) read(k, v []byte, today model.Date) {
	r.ok = false
	if len(k) != 17 {
		return
	}
	next := dateAt(k, 5)
	if !next.Before(today) {
		return
	}
	r.head = coldHead{tier: int(k[0]), cadence: int(binary.BigEndian.Uint32(k[1:])), next: next, id: lastID(k),
		over: next.DaysUntil(today)}
	r.value, r.ok = v, true
}

func (r *coldRun) advance(today model.Date) {
	k, v := r.c.Next()
	if k == nil || !hasPrefix(k, r.head.keyPrefix()) {
		r.ok = false
		return
	}
	r.read(k, v, today)
}

func (h coldHead) keyPrefix() []byte {
	return binary.BigEndian.AppendUint32([]byte{byte(h.tier)}, uint32(h.cadence))
}

// coldRuns opens a cursor on the head of every (tier, cadence) run.
func coldRuns(tx *bolt.Tx, today model.Date) []coldRun {
	var runs []coldRun
	b := tx.Bucket(bCold)
	scan := b.Cursor()
	for k, _ := scan.First(); k != nil; {
		if len(k) < 5 {
			k, _ = scan.Next()
			continue
		}
		prefix := append([]byte(nil), k[:5]...)
		r := coldRun{c: b.Cursor()}
		hk, hv := r.c.Seek(prefix)
		r.read(hk, hv, today)
		if r.ok {
			runs = append(runs, r)
		}
		k, _ = scan.Seek(nextPrefix(prefix))
	}
	return runs
}

// nextPrefix is the smallest key after every key starting with p.
func nextPrefix(p []byte) []byte {
	out := append([]byte(nil), p...)
	for i := len(out) - 1; i >= 0; i-- {
		if out[i] < 0xff {
			out[i]++
			return out[:i+1]
		}
	}
	return nil
}
