package store

import (
	"bytes"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Book-wide lists without an index (tags, stages) would decode every
// contact. Most contacts can be ruled out from their raw JSON: a contact
// tagged "holiday-card" holds that string, quoted, somewhere in its record.
// mentions reports whether the record may hold s as a JSON string equal to
// it under strings.EqualFold (as model.Contact.HasTag compares); it never
// rules out a record that does. Only plain ASCII is looked for:
// encoding/json escapes quotes, backslashes, <, > and &, and non-ASCII text
// folds in ways a byte search cannot follow, so for those every record is
// kept. The two non-ASCII runes that fold to ASCII letters (the Kelvin sign
// and the long s) keep a record too.
func mentions(record []byte, s string) bool { return mentioner(s)(record) }

// mentioner is mentions for one s, worked out once for a whole scan.
func mentioner(s string) func(record []byte) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || strings.IndexByte("\"\\<>&", c) >= 0 {
			return func([]byte) bool { return true }
		}
	}
	if s == "" {
		return func([]byte) bool { return true }
	}
	quoted := []byte(`"` + strings.ToLower(s) + `"`)
	return func(record []byte) bool {
		if bytes.Contains(record, []byte("\u212a")) || bytes.Contains(record, []byte("\u017f")) {
			return true
		}
		return bytes.Contains(bytes.ToLower(record), quoted)
	}
}

// eachMentioning is eachRecord over the records that may hold s.
func eachMentioning[T any](tx *bolt.Tx, bucket []byte, s string, fn func(T)) error {
	return eachRecordIf(tx, bucket, mentioner(s), fn)
}
