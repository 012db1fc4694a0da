package exchange

import (
	"fmt"
	"io/fs"
	"os"

	"rapport/model"
)

// maxVdirFile bounds one file of a vdir: a card with a large photo is well
// under 10 MB, so a bigger .vcf is not a contact.
const maxVdirFile = 64 << 20

// bound drops the records the store would refuse for their size (a name
// over model.MaxFieldRunes, a bbolt key too large) and the notes over
// model.MaxNoteBytes, each with a problem naming its file and line, so one
// oversized card never stops the cards after it.
func (b *Batch) bound() {
	kept := b.Records[:0]
	for _, r := range b.Records {
		if err := r.Contact.CheckLengths(); err != nil {
			b.Problems = append(b.Problems, Problem{File: r.File, Line: r.Line, Msg: "skipped: " + err.Error(), Skipped: true})
			continue
		}
		notes := r.Notes[:0]
		for _, in := range r.Notes {
			if err := model.CheckNoteSize(len(in.Text)); err != nil {
				b.Problems = append(b.Problems, Problem{File: r.File, Line: r.Line, Msg: "note left out: " + err.Error()})
				continue
			}
			notes = append(notes, in)
		}
		r.Notes = notes
		kept = append(kept, r)
	}
	b.Records = kept
}

// regularFile refuses what is not a plain file: a FIFO would hang the
// read and a device such as /dev/zero never ends.
func regularFile(path string, info fs.FileInfo, limit int64) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (a device, pipe or socket); rapport imports files and folders", path)
	}
	if info.Size() > limit {
		return fmt.Errorf("%s is %d MB; rapport reads files up to %d MB", path, info.Size()>>20, limit>>20)
	}
	return nil
}

// lstatRegular is regularFile for a path found while walking a folder,
// where a link to a device must not be followed either.
func lstatRegular(path string, limit int64) error {
	info, err := os.Stat(path)
	if err != nil {
		return errUnwrap(err)
	}
	return regularFile(path, info, limit)
}
