package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"rapport/model"
)

// BackupEncoder writes a JSON backup one contact at a time, the same bytes
// WriteBackup writes for the whole book, so an export never holds the book
// in memory.
type BackupEncoder struct {
	w   io.Writer
	n   int
	buf bytes.Buffer
	enc *json.Encoder
}

// NewBackupEncoder starts a backup on w; call Add per bundle, then Close.
func NewBackupEncoder(w io.Writer) *BackupEncoder {
	e := &BackupEncoder{w: w}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetIndent("    ", "  ")
	e.enc.SetEscapeHTML(false)
	return e
}

// Add writes one contact's bundle.
func (e *BackupEncoder) Add(b model.Bundle) error {
	e.buf.Reset()
	if e.n == 0 {
		fmt.Fprintf(&e.buf, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"contacts\": [\n    ", backupFormat, backupVersion)
	} else {
		e.buf.WriteString(",\n    ")
	}
	e.n++
	if err := e.enc.Encode(b); err != nil {
		return err
	}
	e.buf.Truncate(e.buf.Len() - 1) // Encode's newline
	_, err := e.w.Write(e.buf.Bytes())
	return err
}

// Close ends the document.
func (e *BackupEncoder) Close() error {
	tail := "\n  ]\n}\n"
	if e.n == 0 {
		tail = fmt.Sprintf("{\n  \"format\": %q,\n  \"version\": %d,\n  \"contacts\": []\n}\n", backupFormat, backupVersion)
	}
	_, err := io.WriteString(e.w, tail)
	return err
}
