package exchange

import "strconv"

// NewUID derives a fresh UID from an old one and a record id, for a record
// whose UID another record already uses.
func NewUID(old string, id uint64) string {
	return hashUUID("rapport-uid", old, strconv.FormatUint(id, 10))
}
