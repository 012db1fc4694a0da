package exchange

import (
	"strconv"

	"rapport/model"
)

// NewUID derives a fresh UID from an old one and a record id, for a record
// whose UID another record already uses.
func NewUID(old string, id uint64) string {
	return hashUUID("rapport-uid", old, strconv.FormatUint(id, 10))
}

// UIDKey is what two UIDs are compared by: without the urn:uuid: prefix
// (in any case, as servers and phones write it both ways) and case-folded.
// It is model.UIDKey, which the store's UID index is keyed by.
func UIDKey(uid string) string { return model.UIDKey(uid) }
