package model

import (
	"crypto/sha1"
	"fmt"
	"strconv"
	"strings"
)

// ContactUID is the contact's own UID, or for a contact that never had one
// (added in rapport, or from a CSV) a UUID derived from its id and the
// moment it was created: the same on every export of the same book, so
// calendar and address book tools see the same person each time. It lives
// here, not with the exports, because the store indexes it: reading an
// export back must find such contacts by it.
func ContactUID(c Contact) string {
	if c.UID != "" {
		return c.UID
	}
	return "urn:uuid:" + HashUUID("rapport-contact", strconv.FormatUint(c.ID, 10), c.Created.UTC().Format("20060102T150405.999999999"))
}

// HashUUID makes a name-based (version 5 style) UUID from parts.
func HashUUID(parts ...string) string {
	h := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// BareUID drops the urn:uuid: prefix, which some cards put on UID and
// some on MEMBER only.
func BareUID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 9 && strings.EqualFold(s[:9], "urn:uuid:") {
		return s[9:]
	}
	return s
}

// UIDKey is the form in which two UIDs are the same: bare and in lower
// case, as vCard UIDs are compared on import.
func UIDKey(uid string) string { return strings.ToLower(BareUID(uid)) }
