package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
)

// Fuzz targets added for hardening (short runs in .ci/run):
//   FuzzBackup  the JSON backup reader: what it accepts restores (ids in
//               range, records valid and clean) and writes back the same
//   FuzzVdir    a folder of .vcf files, as khard and vdirsyncer keep them

func FuzzBackup(f *testing.F) {
	f.Add([]byte(`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":1,"name":"Ada","stage":"lead","created":"2026-01-01T00:00:00Z"},"notes":[{"id":1,"contact_id":1,"kind":"call","topics":["problem"],"text":"hi","at":"2026-01-02T00:00:00Z"}],"follow_ups":[],"questions":[]}]}`))
	f.Add([]byte(`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":18446744073709551615,"name":"A\u202e","stage":"Lead\u0085"}}]}`))
	f.Add([]byte(`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":2,"name":"B","stage":"lead","referred_by":2,"cadence_days":99999}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := readBackup(data)
		if err != nil {
			return
		}
		for _, b := range doc.Contacts {
			c := b.Contact
			if c.ID == 0 || c.ID > model.MaxID {
				t.Fatalf("contact id %d accepted", c.ID)
			}
			if err := c.Validate(); err != nil || c.Cleaned().Name != c.Name {
				t.Fatalf("contact %+v accepted: %v", c, err)
			}
			for _, in := range b.Notes {
				if err := in.Validate(); err != nil || in.ID > model.MaxID || in.Cleaned().Text != in.Text {
					t.Fatalf("note %+v accepted: %v", in, err)
				}
			}
		}
		var out bytes.Buffer
		if err := WriteBackup(&out, doc.Contacts); err != nil {
			t.Fatal(err)
		}
		again, err := readBackup(out.Bytes())
		if err != nil || len(again.Contacts) != len(doc.Contacts) {
			t.Fatalf("a backup read back as %v", err)
		}
	})
}

func FuzzVdir(f *testing.F) {
	seedFiles(f, "*.vcf")
	f.Add([]byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n\x00BEGIN:VCARD\r\nFN:" + strings.Repeat("x", 1200) + "\r\nEND:VCARD\r\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		old, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range old {
			os.RemoveAll(p)
		}
		// A NUL splits the input into files of the folder.
		for i, part := range bytes.SplitN(data, []byte{0}, 4) {
			os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".vcf"), part, 0o600)
		}
		b, err := Read(dir, now)
		if err != nil {
			return
		}
		checkFuzzRecords(t, b.Records)
		for _, p := range b.Problems {
			if p.File == "" && p.Line == 0 {
				t.Fatalf("a problem that points nowhere: %+v", p)
			}
		}
	})
}
