package exchange

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// maxFile bounds what Read loads into memory: far above any real address
// book (10,000 cards are about 4 MB; a backup with their notes 60 MB).
const maxFile = 1 << 30

// Read reads a file or folder to import: a .vcf file with one or many
// cards, a folder of .vcf files (a khard or vdirsyncer vdir, searched
// recursively), a Google Contacts or LinkedIn CSV (told apart by their
// headers), or a rapport JSON backup. now becomes the creation time of new
// contacts and the time of the notes they bring. Cards and rows that
// cannot be read are reported in the batch's Problems; only a file that
// cannot be read at all is an error.
func Read(path string, now time.Time) (*Batch, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, errUnwrap(err))
	}
	b := &Batch{Source: path}
	if info.IsDir() {
		err := readVdir(b, path, now)
		b.bound()
		return b, err
	}
	if err := regularFile(path, info, math.MaxInt64); err != nil {
		return nil, err
	}
	if isBackup(path) {
		// streamed twice (checked, then written), never held whole
		b.Format = Backup
		if b.Backup, err = readBackupFile(path, info); err != nil {
			return nil, fmt.Errorf("cannot restore %s: %w", path, err)
		}
		return b, nil
	}
	if err := regularFile(path, info, maxFile); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, errUnwrap(err))
	}
	switch sniff(path, data) {
	case VCard:
		b.Format = VCard
		b.Records, b.Problems = readVCards(data, "", now)
		if len(b.Records) == 0 && len(b.Problems) == 0 {
			return nil, fmt.Errorf("%s holds no vCard (no BEGIN:VCARD line)", path)
		}
	default:
		err := readCSVFile(b, data, now)
		b.bound()
		return b, err
	}
	b.bound()
	return b, nil
}

// isBackup sniffs the file's first bytes (or its extension) for a backup.
func isBackup(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false // Read's own read says why
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return sniff(path, head[:n]) == Backup
}

// sniff decides a file's format by its extension, or by its first bytes
// when the extension says nothing.
func sniff(path string, data []byte) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".vcf", ".vcard":
		return VCard
	case ".json":
		return Backup
	case ".csv":
		return GoogleCSV
	}
	head := bytes.ToUpper(bytes.TrimSpace(decodeFile(data[:min(len(data), 4096)])))
	switch {
	case bytes.HasPrefix(head, []byte("BEGIN:VCARD")):
		return VCard
	case bytes.HasPrefix(head, []byte("{")):
		return Backup
	}
	return GoogleCSV
}

func readCSVFile(b *Batch, data []byte, now time.Time) error {
	rows, probs := readCSV(data, "")
	switch {
	case isLinkedIn(rows):
		b.Format = LinkedInCSV
		b.Records, b.Problems = readLinkedInCSV(rows, "", now)
	case len(rows) > 0 && isGoogleHeader(newHeader(rows[0].fields)):
		b.Format = GoogleCSV
		b.Records, b.Problems = readGoogleCSV(rows, "", now)
	default:
		first := ""
		if len(rows) > 0 {
			first = cleanField(strings.Join(rows[0].fields, ","))
			if len(first) > 80 {
				first = first[:80] + "…"
			}
		}
		return fmt.Errorf("%s is neither a vCard file, a Google Contacts CSV, LinkedIn's Connections.csv nor a rapport backup (its first line reads %q)", b.Source, first)
	}
	b.Problems = append(probs, b.Problems...)
	return nil
}

// readVdir reads every .vcf file under dir, in name order.
func readVdir(b *Batch, dir string, now time.Time) error {
	b.Format = VCard
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir // .git, vdirsyncer's status
		}
		if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".vcf" || ext == ".vcard") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("cannot read the folder %s: %w", dir, errUnwrap(err))
	}
	if len(files) == 0 {
		return fmt.Errorf("the folder %s holds no .vcf files", dir)
	}
	sort.Strings(files)
	var groups []groupCard
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		if err := lstatRegular(f, maxVdirFile); err != nil {
			b.Problems = append(b.Problems, Problem{File: rel, Msg: "file skipped: " + err.Error(), Skipped: true})
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Problems = append(b.Problems, Problem{File: rel, Msg: "file skipped: " + errUnwrap(err).Error(), Skipped: true})
			continue
		}
		name := filepath.Join(filepath.Base(dir), rel)
		recs, probs, gs := readCards(data, name, now)
		if len(recs) == 0 && len(probs) == 0 && len(gs) == 0 {
			probs = []Problem{{File: name, Msg: "file skipped: it holds no vCard (no BEGIN:VCARD line)"}}
		}
		b.Records = append(b.Records, recs...)
		b.Problems = append(b.Problems, probs...)
		groups = append(groups, gs...)
	}
	applyGroups(b.Records, groups)
	return nil
}

// errUnwrap drops the path an *fs.PathError repeats.
func errUnwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
