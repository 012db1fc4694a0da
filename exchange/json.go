package exchange

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"rapport/model"
)

// Document is rapport's JSON backup: every contact with everything
// recorded about them, ids included, so a restore gives back the same
// book (referrals and the notes behind follow-ups still link up). It
// carries no export time, so backing up an unchanged book twice gives the
// same bytes.
type Document struct {
	Format   string         `json:"format"`
	Version  int            `json:"version"`
	Contacts []model.Bundle `json:"contacts"`
}

// The backup format's name and version; a version this rapport does not
// know is refused rather than half read.
const (
	backupFormat  = "rapport-backup"
	backupVersion = 1
)

// WriteBackup writes the book as a JSON backup (indented, stable).
func WriteBackup(w io.Writer, book []model.Bundle) error {
	if book == nil {
		book = []model.Bundle{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(Document{Format: backupFormat, Version: backupVersion, Contacts: book})
}

// readBackup reads and checks a backup. It is all or nothing: a backup
// restores exactly or not at all.
func readBackup(text []byte) (*Document, error) {
	var doc Document
	if err := json.Unmarshal(decodeFile(text), &doc); err != nil {
		return nil, fmt.Errorf("it is not a rapport backup (%v)", err)
	}
	if doc.Format != backupFormat {
		return nil, fmt.Errorf("it is JSON but not a rapport backup (no \"format\": %q)", backupFormat)
	}
	if doc.Version > backupVersion {
		return nil, fmt.Errorf("it was written by a newer rapport (backup version %d; this one reads %d): upgrade rapport", doc.Version, backupVersion)
	}
	for i := range doc.Contacts {
		cleanBundle(&doc.Contacts[i])
	}
	if err := checkBackup(doc.Contacts); err != nil {
		return nil, err
	}
	return &doc, nil
}

// cleanBundle cleans every text field. A backup rapport wrote is clean
// already; this is for one edited by hand or made by someone else.
func cleanBundle(b *model.Bundle) {
	b.Contact = b.Contact.Cleaned()
	for i := range b.Notes {
		b.Notes[i] = b.Notes[i].Cleaned()
	}
	c := &b.Contact
	c.UID, c.Name, c.Company, c.Title = cleanField(c.UID), cleanName(c.Name), cleanField(c.Company), cleanField(c.Title)
	c.HowWeMet, c.Matters = cleanField(c.HowWeMet), cleanField(c.Matters)
	for i := range c.Emails {
		c.Emails[i] = cleanField(c.Emails[i])
	}
	for i := range c.Phones {
		c.Phones[i] = cleanField(c.Phones[i])
	}
	for i := range c.Tags {
		c.Tags[i] = cleanName(c.Tags[i])
	}
	for i := range c.Moments {
		c.Moments[i].Label = cleanName(c.Moments[i].Label)
	}
	for i := range b.Notes {
		b.Notes[i].Text = model.CleanText(b.Notes[i].Text)
		b.Notes[i].Gave = cleanField(b.Notes[i].Gave)
	}
	for i := range b.Shares {
		b.Shares[i].Text = cleanField(b.Shares[i].Text)
	}
	if b.Shares == nil {
		b.Shares = []model.Share{}
	}
	for i := range b.FollowUps {
		b.FollowUps[i].Text = cleanField(b.FollowUps[i].Text)
	}
	for i := range b.Questions {
		b.Questions[i].Text = cleanField(b.Questions[i].Text)
	}
	if b.Notes == nil {
		b.Notes = []model.Interaction{}
	}
	if b.FollowUps == nil {
		b.FollowUps = []model.FollowUp{}
	}
	if b.Questions == nil {
		b.Questions = []model.Question{}
	}
}

// checkBackup proves a backup restores cleanly before anything is written:
// ids present and unique, every record under its own contact, every link
// pointing inside the backup, every record valid.
func checkBackup(book []model.Bundle) error {
	contacts, notes, follows, questions := map[uint64]bool{}, map[uint64]uint64{}, map[uint64]bool{}, map[uint64]bool{}
	shares := map[uint64]bool{}
	for _, b := range book {
		c := b.Contact
		who := fmt.Sprintf("contact %d (%s)", c.ID, c.Name)
		if c.ID > model.MaxID {
			return fmt.Errorf("%s: its id is larger than rapport allows (%d); the backup is damaged", who, uint64(model.MaxID))
		}
		if c.ID == 0 || contacts[c.ID] {
			return fmt.Errorf("%s: its id is missing or used twice", who)
		}
		contacts[c.ID] = true
		if err := c.Validate(); err != nil {
			return fmt.Errorf("%s: %w", who, err)
		}
		for _, in := range b.Notes {
			if _, dup := notes[in.ID]; in.ID == 0 || in.ID > model.MaxID || dup || in.ContactID != c.ID {
				return fmt.Errorf("%s: note %d has a missing, repeated or foreign id", who, in.ID)
			}
			notes[in.ID] = c.ID
			if err := in.Validate(); err != nil {
				return fmt.Errorf("%s: note %d: %w", who, in.ID, err)
			}
		}
		for _, q := range b.Questions {
			if q.ID == 0 || q.ID > model.MaxID || questions[q.ID] || q.ContactID != c.ID {
				return fmt.Errorf("%s: question %d has a missing, repeated or foreign id", who, q.ID)
			}
			questions[q.ID] = true
			if strings.TrimSpace(q.Text) == "" {
				return fmt.Errorf("%s: question %d has no text", who, q.ID)
			}
		}
		if err := checkShares(who, c.ID, b.Shares, shares); err != nil {
			return err
		}
	}
	for _, b := range book {
		c := b.Contact
		who := fmt.Sprintf("contact %d (%s)", c.ID, c.Name)
		if r := c.ReferredBy; r != 0 && (r == c.ID || !contacts[r]) {
			return fmt.Errorf("%s: referred by contact %d, who is not in the backup", who, r)
		}
		for _, f := range b.FollowUps {
			if f.ID == 0 || f.ID > model.MaxID || follows[f.ID] || f.ContactID != c.ID {
				return fmt.Errorf("%s: follow-up %d has a missing, repeated or foreign id", who, f.ID)
			}
			follows[f.ID] = true
			if owner, ok := notes[f.NoteID]; f.NoteID != 0 && (!ok || owner != c.ID) {
				return fmt.Errorf("%s: follow-up %d comes from note %d, which is not theirs in the backup", who, f.ID, f.NoteID)
			}
			if err := f.Validate(); err != nil {
				return fmt.Errorf("%s: follow-up %d: %w", who, f.ID, err)
			}
		}
	}
	return nil
}

// checkShares checks a contact's "next time share" items the way
// questions are checked: ids present, unique and theirs, text given.
func checkShares(who string, contactID uint64, list []model.Share, seen map[uint64]bool) error {
	for _, sh := range list {
		if sh.ID == 0 || seen[sh.ID] || sh.ContactID != contactID {
			return fmt.Errorf("%s: share %d has a missing, repeated or foreign id", who, sh.ID)
		}
		seen[sh.ID] = true
		if strings.TrimSpace(sh.Text) == "" {
			return fmt.Errorf("%s: share %d has no text", who, sh.ID)
		}
	}
	return nil
}
