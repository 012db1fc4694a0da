package store

import (
	"bytes"
	"cmp"
	"slices"
	gosync "sync"

	bolt "go.etcd.io/bbolt"
)

// bbolt splits pages only at commit, so putting a million index keys in
// random order into one transaction moves ever longer runs of keys: at
// 10,000 contacts the rebuild of every index took 30 s of CPU, nearly all
// of it copying. A rebuild therefore collects what putKeys is given and
// puts it once, in key order (appends, where nothing moves).
var sortedPuts gosync.Map // *bolt.Tx -> *[]indexKey

// deferPuts makes putKeys collect instead of write in tx, until the
// returned function writes everything collected, in order.
func deferPuts(tx *bolt.Tx) func() error {
	buf := &[]indexKey{}
	sortedPuts.Store(tx, buf)
	return func() error {
		sortedPuts.Delete(tx)
		return putInOrder(tx, *buf)
	}
}

// putInOrder puts keys sorted by bucket and key, so each bucket only
// appends.
func putInOrder(tx *bolt.Tx, keys []indexKey) error {
	slices.SortFunc(keys, func(a, b indexKey) int {
		return cmp.Or(bytes.Compare(a.bucket, b.bucket), bytes.Compare(a.key, b.key))
	})
	// Appending in order, full pages stay full (the default half
	// fills them, for random inserts).
	for i, k := range keys {
		if i == 0 || !bytes.Equal(k.bucket, keys[i-1].bucket) {
			tx.Bucket(k.bucket).FillPercent = 0.9
		}
	}
	return putKeys(tx, keys)
}

// deferred collects keys when tx is deferring its puts.
func deferred(tx *bolt.Tx, keys []indexKey) bool {
	buf, ok := sortedPuts.Load(tx)
	if ok {
		p := buf.(*[]indexKey)
		*p = append(*p, keys...)
	}
	return ok
}
