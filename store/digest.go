package store

import (
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// The digest's once-a-day state lives in the meta bucket, one key per
// address: "digest:" + address -> the day (4-byte YYYYMMDD) it was last
// mailed. It is state, not a record: no index, no journal entry needed.
func digestKey(address string) []byte { return []byte("digest:" + address) }

// ClaimDigest records that the digest of day goes to address, and reports
// false when it already went today. Claiming before sending, in one write
// transaction, means two runs at once still send only one mail; a failed
// send gives the day back with ReleaseDigest.
func (s *Store) ClaimDigest(address string, day model.Date) (claimed bool, previous model.Date, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if v := meta.Get(digestKey(address)); len(v) == 4 {
			previous = dateAt(v, 0)
		}
		if previous == day {
			return nil
		}
		claimed = true
		return meta.Put(digestKey(address), dateBytes(day))
	})
	return claimed, previous, err
}

// ReleaseDigest puts back the day recorded before a claim whose mail could
// not be sent, so the next run tries again.
func (s *Store) ReleaseDigest(address string, previous model.Date) error {
	return s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if previous.IsZero() {
			return meta.Delete(digestKey(address))
		}
		return meta.Put(digestKey(address), dateBytes(previous))
	})
}
