package exchange

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"rapport/model"
)

// BackupFile is a JSON backup read once from start to end and checked
// whole, without keeping its contacts: a restore reads it a second time,
// bundle by bundle, so neither pass holds the book in memory (a 100k
// backup is over a gigabyte of JSON).
type BackupFile struct {
	path    string
	size    int64
	modTime time.Time
	enc     textEncoding
	// Count is the number of contacts in the backup.
	Count int
	// names holds a fingerprint of each contact's name and UID by id, to
	// recognise what an interrupted restore of this backup wrote.
	names map[uint64]uint64
	// referrals are the referred-by links, set once every contact is in.
	referrals map[uint64]uint64
}

type textEncoding int

const (
	encUTF8 textEncoding = iota
	encUTF16
	encLatin
)

// readBackupFile checks the backup at path in one streaming pass.
func readBackupFile(path string, info os.FileInfo) (*BackupFile, error) {
	bf := &BackupFile{path: path, size: info.Size(), modTime: info.ModTime()}
	enc, err := sniffEncoding(path)
	if err != nil {
		return nil, err
	}
	bf.enc = enc
	ck := newBackupCheck()
	err = bf.each(ck.add)
	if err == nil {
		err = ck.finish()
	}
	if err != nil {
		return nil, err
	}
	bf.Count, bf.names, bf.referrals = ck.count, ck.names, ck.referrals
	return bf, nil
}

// Each calls fn with every bundle of the backup, cleaned, in file order.
// The file must not have changed since it was checked.
func (bf *BackupFile) Each(fn func(model.Bundle) error) error {
	info, err := os.Stat(bf.path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", bf.path, errUnwrap(err))
	}
	if info.Size() != bf.size || !info.ModTime().Equal(bf.modTime) {
		return fmt.Errorf("%s changed while it was being restored; run the import again", bf.path)
	}
	return bf.each(fn)
}

func (bf *BackupFile) each(fn func(model.Bundle) error) error {
	f, err := os.Open(bf.path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", bf.path, errUnwrap(err))
	}
	defer f.Close()
	_, err = decodeBackup(bf.decoded(f), fn)
	return err
}

// decoded turns the file into UTF-8 the way decodeFile does for files
// read whole: a UTF-8 mark dropped, UTF-16 converted, else Windows-1252
// when the bytes are not UTF-8.
func (bf *BackupFile) decoded(f io.Reader) io.Reader {
	switch bf.enc {
	case encUTF16:
		return transform.NewReader(f, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	case encLatin:
		return transform.NewReader(f, charmap.Windows1252.NewDecoder())
	}
	return transform.NewReader(f, unicode.UTF8BOM.NewDecoder())
}

// sniffEncoding reads the file once to tell UTF-8 from UTF-16 and
// Windows-1252.
func sniffEncoding(path string) (textEncoding, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("cannot read %s: %w", path, errUnwrap(err))
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	if head, _ := r.Peek(2); len(head) == 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF) {
		return encUTF16, nil
	}
	buf := make([]byte, 1<<16)
	carry := 0
	for {
		n, err := r.Read(buf[carry:])
		n += carry
		// a sequence cut by the buffer's end waits for the next read
		end := n
		for k := 1; k <= utf8.UTFMax-1 && end-k >= 0 && err == nil; k++ {
			if utf8.RuneStart(buf[end-k]) {
				if !utf8.FullRune(buf[end-k : end]) {
					end -= k
				}
				break
			}
		}
		if !utf8.Valid(buf[:end]) {
			return encLatin, nil
		}
		carry = copy(buf, buf[end:n])
		if err == io.EOF {
			return encUTF8, nil
		}
		if err != nil {
			return 0, fmt.Errorf("cannot read %s: %w", path, errUnwrap(err))
		}
	}
}

// backupHead is what a backup says about itself.
type backupHead struct {
	Format  string
	Version int
}

func (h backupHead) check() error {
	if h.Format != backupFormat {
		return fmt.Errorf("it is JSON but not a rapport backup (no \"format\": %q)", backupFormat)
	}
	if h.Version > backupVersion {
		return fmt.Errorf("it was written by a newer rapport (backup version %d; this one reads %d): upgrade rapport", h.Version, backupVersion)
	}
	return nil
}

// decodeBackup reads a backup's object key by key and its contacts one
// at a time, cleaning each before fn sees it. A bundle fn refuses stops
// the reading once the format is known; before that (a file written with
// sorted keys has "contacts" first) the rest is read without fn, since a
// format a backup does not have wins over the refusal: other JSON is "not
// a rapport backup".
func decodeBackup(r io.Reader, fn func(model.Bundle) error) (backupHead, error) {
	var head backupHead
	var refused error // a bundle refused before the format was read
	seenFormat, seenContacts := false, false
	notBackup := func(err error) error { return fmt.Errorf("it is not a rapport backup (%v)", err) }
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return head, notBackup(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return head, notBackup(err)
		}
		key, _ := tok.(string)
		switch strings.ToLower(key) {
		case "format":
			seenFormat = true
			err = dec.Decode(&head.Format)
		case "version":
			err = dec.Decode(&head.Version)
		case "contacts":
			if seenContacts {
				return head, fmt.Errorf("it holds two lists of contacts; the backup is damaged")
			}
			seenContacts = true
			err = decodeBundles(dec, func(b model.Bundle) error {
				if seenFormat && head.Format != backupFormat {
					return head.check()
				}
				if refused != nil {
					return nil // read on: a format further down may say it is other JSON
				}
				if err := fn(b); err != nil {
					if seenFormat {
						return err
					}
					refused = err
				}
				return nil
			})
			if be, bad := err.(*bundleError); bad {
				return head, be.err
			}
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return head, notBackup(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return head, notBackup(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return head, notBackup(fmt.Errorf("something follows the backup's end"))
	}
	if err := head.check(); err != nil {
		return head, err
	}
	return head, refused
}

// bundleError is a refusal by the caller's function, told apart from a
// JSON syntax error.
type bundleError struct{ err error }

func (e *bundleError) Error() string { return e.err.Error() }

func decodeBundles(dec *json.Decoder, fn func(model.Bundle) error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil { // "contacts": null
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("contacts is not a list")
	}
	for dec.More() {
		var b model.Bundle
		if err := dec.Decode(&b); err != nil {
			return err
		}
		cleanBundle(&b)
		if err := fn(b); err != nil {
			return &bundleError{err}
		}
	}
	return expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, found %v", want, tok)
	}
	return nil
}

// backupCheck proves, bundle by bundle, that a backup restores cleanly
// before anything is written: ids present, bounded and unique, every
// record under its own contact, every link pointing inside the backup,
// every record valid. It keeps ids, not records: about 8 bytes a note.
type backupCheck struct {
	count                             int
	names, referrals                  map[uint64]uint64
	notes, follows, questions, shares []uint64
}

func newBackupCheck() *backupCheck {
	return &backupCheck{names: map[uint64]uint64{}, referrals: map[uint64]uint64{}}
}

func namePrint(c model.Contact) uint64 {
	h := fnv.New64a()
	io.WriteString(h, c.Name)
	h.Write([]byte{0})
	io.WriteString(h, c.UID)
	return h.Sum64()
}

func (ck *backupCheck) add(b model.Bundle) error {
	c := b.Contact
	who := fmt.Sprintf("contact %d (%s)", c.ID, c.Name)
	if c.ID > model.MaxID {
		return fmt.Errorf("%s: its id is larger than rapport allows (%d); the backup is damaged", who, uint64(model.MaxID))
	}
	if _, dup := ck.names[c.ID]; c.ID == 0 || dup {
		return fmt.Errorf("%s: its id is missing or used twice", who)
	}
	ck.names[c.ID] = namePrint(c)
	ck.count++
	if c.ReferredBy != 0 {
		if c.ReferredBy == c.ID {
			return fmt.Errorf("%s: referred by contact %d, who is not in the backup", who, c.ReferredBy)
		}
		ck.referrals[c.ID] = c.ReferredBy
	}
	if err := c.Validate(); err != nil {
		return fmt.Errorf("%s: %w", who, err)
	}
	own := make(map[uint64]bool, len(b.Notes))
	for _, in := range b.Notes {
		if !ownedID(in.ID, in.ContactID, c.ID) || own[in.ID] {
			return fmt.Errorf("%s: note %d has a missing, repeated or foreign id", who, in.ID)
		}
		own[in.ID] = true
		ck.notes = append(ck.notes, in.ID)
		if err := in.Validate(); err != nil {
			return fmt.Errorf("%s: note %d: %w", who, in.ID, err)
		}
	}
	for _, q := range b.Questions {
		if !ownedID(q.ID, q.ContactID, c.ID) {
			return fmt.Errorf("%s: question %d has a missing, repeated or foreign id", who, q.ID)
		}
		ck.questions = append(ck.questions, q.ID)
		if strings.TrimSpace(q.Text) == "" {
			return fmt.Errorf("%s: question %d has no text", who, q.ID)
		}
	}
	for _, sh := range b.Shares {
		if !ownedID(sh.ID, sh.ContactID, c.ID) {
			return fmt.Errorf("%s: share %d has a missing, repeated or foreign id", who, sh.ID)
		}
		ck.shares = append(ck.shares, sh.ID)
		if strings.TrimSpace(sh.Text) == "" {
			return fmt.Errorf("%s: share %d has no text", who, sh.ID)
		}
	}
	for _, f := range b.FollowUps {
		if !ownedID(f.ID, f.ContactID, c.ID) {
			return fmt.Errorf("%s: follow-up %d has a missing, repeated or foreign id", who, f.ID)
		}
		ck.follows = append(ck.follows, f.ID)
		// notes carry their contact's id, so "theirs" is "in this bundle"
		if f.NoteID != 0 && !own[f.NoteID] {
			return fmt.Errorf("%s: follow-up %d comes from note %d, which is not theirs in the backup", who, f.ID, f.NoteID)
		}
		if err := f.Validate(); err != nil {
			return fmt.Errorf("%s: follow-up %d: %w", who, f.ID, err)
		}
	}
	return nil
}

// ownedID reports whether a record's id is present and bounded and the
// record sits under the contact whose bundle holds it. Ids repeated across
// bundles are caught by finish.
func ownedID(id, owner, contact uint64) bool {
	return id != 0 && id <= model.MaxID && owner == contact
}

// finish checks what needs the whole file: ids used by two contacts and
// referrals to contacts later in the file.
func (ck *backupCheck) finish() error {
	for _, l := range []struct {
		what string
		ids  []uint64
	}{{"note", ck.notes}, {"follow-up", ck.follows}, {"question", ck.questions}, {"share", ck.shares}} {
		slices.Sort(l.ids)
		for i := 1; i < len(l.ids); i++ {
			if l.ids[i] == l.ids[i-1] {
				return fmt.Errorf("%s %d has a missing, repeated or foreign id: two records use it", l.what, l.ids[i])
			}
		}
	}
	ck.notes, ck.follows, ck.questions, ck.shares = nil, nil, nil, nil
	var lost []uint64
	for id, r := range ck.referrals {
		if _, ok := ck.names[r]; !ok {
			lost = append(lost, id)
		}
	}
	if len(lost) > 0 {
		slices.Sort(lost)
		return fmt.Errorf("contact %d: referred by contact %d, who is not in the backup", lost[0], ck.referrals[lost[0]])
	}
	return nil
}
