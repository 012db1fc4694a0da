package store

import (
	"encoding/binary"
	"hash/maphash"
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
