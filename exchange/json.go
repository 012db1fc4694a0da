package exchange

import (
	"bytes"
	"encoding/json"
	"io"

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

// readBackup reads and checks a backup held in memory (the fuzz target
// and tests; imports stream the file with readBackupFile). It is all or
// nothing: a backup restores exactly or not at all.
func readBackup(text []byte) (*Document, error) {
	doc := &Document{}
	ck := newBackupCheck()
	head, err := decodeBackup(bytes.NewReader(decodeFile(text)), func(b model.Bundle) error {
		if err := ck.add(b); err != nil {
			return err
		}
		doc.Contacts = append(doc.Contacts, b)
		return nil
	})
	if err == nil {
		err = ck.finish()
	}
	if err != nil {
		return nil, err
	}
	doc.Format, doc.Version = head.Format, head.Version
	return doc, nil
}

// cleanBundle cleans every text field. A backup rapport wrote is clean
// already; this is for one edited by hand or made by someone else.
func cleanBundle(b *model.Bundle) {
	b.Contact = b.Contact.Cleaned()
	for i := range b.Notes {
		b.Notes[i] = b.Notes[i].Cleaned()
		b.Notes[i].Gave = cleanField(b.Notes[i].Gave)
	}
	c := &b.Contact
	c.UID, c.Name, c.Company, c.Title = cleanField(c.UID), cleanName(c.Name), cleanField(c.Company), cleanField(c.Title)
	// HowWeMet and Matters keep their line breaks: Cleaned cleaned them
	// as the store keeps them, and a restore must give back the same book.
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
