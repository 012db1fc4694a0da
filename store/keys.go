package store

import (
	"encoding/binary"
	"time"

	"rapport/model"
)

// Bucket names, in one place.
var (
	bMeta         = []byte("meta")
	bContacts     = []byte("contacts")
	bNotes        = []byte("notes")
	bFollowUps    = []byte("followups")
	bQuestions    = []byte("questions")
	bNames        = []byte("idx_names")
	bWords        = []byte("idx_words")
	bNextTouch    = []byte("idx_next_touch")
	bMoments      = []byte("idx_moments")
	bDue          = []byte("idx_due")
	bPromiseDays  = []byte("idx_promise_days")
	bCompanyWords = []byte("idx_company_words")
	bContactNote  = []byte("idx_contact_notes")
	bContactFU    = []byte("idx_contact_followups")
	bContactQ     = []byte("idx_contact_questions")
	bReferrals    = []byte("idx_referrals")
	bTouchDays    = []byte("idx_touch_days")
	bJournal      = []byte("journal")
	bTombstones   = []byte("tombstones")
	bContactText  = []byte("idx_contact_text")
	bTextDays     = []byte("ftx_days")
	bTextNotes    = []byte("ftx_notes")
	bTags         = []byte("idx_tags")
	bTextTimes    = []byte("ftx_times")
	bCold         = []byte("idx_cold")
	bSyncAccounts = []byte("sync_accounts")
	bSyncItems    = []byte("sync_items")
	bSyncHrefs    = []byte("sync_hrefs")

	bShares    = []byte("shares")
	bContactS  = []byte("idx_contact_shares")
	bValueDays = []byte("idx_value_days")

	bUIDs   = []byte("idx_uids")
	bEmails = []byte("idx_emails")

	kSchema     = []byte("schema")
	kGeneration = []byte("generation")
	kRedo       = []byte("redo")
)

// allBuckets is the registry the first migration creates and Check walks.
var allBuckets = [][]byte{
	bMeta, bContacts, bNotes, bFollowUps, bQuestions, bNames, bWords, bNextTouch,
	bMoments, bDue, bPromiseDays, bCompanyWords, bContactNote, bContactFU, bContactQ, bReferrals,
	bTouchDays, bJournal, bTombstones, bShares, bContactS, bValueDays,
	bContactText, bTextDays, bTextNotes, bTags, bTextTimes, bCold,
	bSyncAccounts, bSyncItems, bSyncHrefs,
	bUIDs, bEmails,
}

func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

func dateBytes(d model.Date) []byte {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, d.Key())
	return b
}

// join concatenates key parts into a fresh slice.
func join(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// idAt reads the 8-byte id that starts at offset i of a key.
func idAt(k []byte, i int) uint64 { return binary.BigEndian.Uint64(k[i : i+8]) }

// lastID reads the 8-byte id that ends a key.
func lastID(k []byte) uint64 { return idAt(k, len(k)-8) }

func dateAt(k []byte, i int) model.Date {
	return model.DateFromKey(binary.BigEndian.Uint32(k[i : i+4]))
}

func timeMonth(b byte) time.Month { return time.Month(b) }
