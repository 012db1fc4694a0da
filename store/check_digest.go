package store

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"

	bolt "go.etcd.io/bbolt"
)

// indexDigest sums a hash of every entry of an index (key and value), so
// the entries the records call for and those stored compare in constant
// memory: the sum is the same whatever the order, and a missing, extra or
// changed entry moves it (a 64-bit hash; an accidental match is about one
// in 10^19).
type indexDigest struct {
	sum, count uint64
}

type digester struct {
	seed maphash.Seed
	h    maphash.Hash
	len  [8]byte
}

func newDigester() *digester {
	d := &digester{seed: maphash.MakeSeed()}
	d.h.SetSeed(d.seed)
	return d
}

func (d *digester) entry(key, value []byte) uint64 {
	d.h.Reset()
	binary.BigEndian.PutUint64(d.len[:], uint64(len(key)))
	d.h.Write(d.len[:])
	d.h.Write(key)
	d.h.Write(value)
	return d.h.Sum64()
}

// differingIndexes names the index buckets whose stored entries differ
// from those the records call for; unreadable records go to bad.
func differingIndexes(tx *bolt.Tx, bad *[]string) map[string]bool {
	d := newDigester()
	want := map[string]*indexDigest{}
	deriveIndex(tx, bad, func(bucket, key, value []byte) {
		w := want[string(bucket)]
		if w == nil {
			w = &indexDigest{}
			want[string(bucket)] = w
		}
		w.add(d.entry(key, value))
	})
	differ := map[string]bool{}
	for _, name := range allBuckets {
		if !bytes.HasPrefix(name, []byte("idx_")) {
			continue
		}
		var have indexDigest
		tx.Bucket(name).ForEach(func(k, v []byte) error {
			have.add(d.entry(k, v))
			return nil
		})
		w := want[string(name)]
		if w == nil {
			w = &indexDigest{}
		}
		if have != *w {
			differ[string(name)] = true
		}
	}
	return differ
}
