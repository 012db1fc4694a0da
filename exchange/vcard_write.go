package exchange

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"rapport/model"
)

// ContactUID is the contact's own UID, or one derived from its id and
// creation time (see model.ContactUID).
func ContactUID(c model.Contact) string { return model.ContactUID(c) }

// hashUUID makes a name-based (version 5 style) UUID from parts.
func hashUUID(parts ...string) string { return model.HashUUID(parts...) }

// WriteVCards writes contacts as one vCard 4.0 file.
func WriteVCards(w io.Writer, contacts []model.Contact) error {
	for _, c := range contacts {
		if _, err := w.Write(EncodeCard(c)); err != nil {
			return err
		}
	}
	return nil
}

// VdirResult counts what WriteVdir did.
type VdirResult struct {
	Written, Unchanged int
}

// WriteVdir writes one vCard 4.0 file per contact into dir, named by UID,
// as khard and vdirsyncer expect. A file whose content would not change is
// left alone, so a sync tool sees only real changes; files rapport did not
// write are never touched.
func WriteVdir(dir string, contacts []model.Contact) (VdirResult, error) {
	w, err := NewVdirWriter(dir)
	if err != nil {
		return VdirResult{}, err
	}
	for _, c := range contacts {
		if err := w.Add(c); err != nil {
			return w.Result, err
		}
	}
	return w.Result, nil
}

// VdirWriter writes contacts one at a time into a vdir, so an export can
// stream a big book chunk by chunk; it keeps only the file names taken.
type VdirWriter struct {
	dir    string
	taken  map[string]bool
	Result VdirResult
}

// NewVdirWriter makes dir if need be.
func NewVdirWriter(dir string) (*VdirWriter, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return &VdirWriter{dir: dir, taken: map[string]bool{}}, nil
}

// Add writes c's card, leaving an unchanged file alone.
func (w *VdirWriter) Add(c model.Contact) error {
	card := EncodeCard(c)
	name := vdirName(ContactUID(c))
	if w.taken[strings.ToLower(name)] {
		name = fmt.Sprintf("%s-%d", name, c.ID)
	}
	w.taken[strings.ToLower(name)] = true
	path := filepath.Join(w.dir, name+".vcf")
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, card) {
		w.Result.Unchanged++
		return nil
	}
	if err := WriteFileAtomic(path, card); err != nil {
		return err
	}
	w.Result.Written++
	return nil
}

// vdirName makes a UID safe as a file name on any system.
func vdirName(uid string) string {
	var b strings.Builder
	for _, r := range bareUID(uid) {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.', r == '@':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.TrimLeft(b.String(), ".")
	if len(name) > 100 {
		name = hashUUID(uid)
	}
	if name == "" {
		name = hashUUID(uid)
	}
	return name
}

// WriteFileAtomic writes a 0600 file through a temporary file and a
// rename, so a reader never sees half a file and a failure leaves the old
// one in place.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rapport-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	// Synced before the rename, so a crash never leaves an empty file
	// under the real name.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
