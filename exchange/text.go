package exchange

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodeFile turns a file's bytes into UTF-8 text: unBOM, then text that
// is not valid UTF-8 is read as Windows-1252, the usual charset of old
// exports.
func decodeFile(b []byte) []byte {
	b = unBOM(b)
	if utf8.Valid(b) {
		return b
	}
	return latin(b)
}

// unBOM drops a UTF-8 byte order mark and converts UTF-16 (what Outlook
// writes). vCards stop here: their lines may each name a charset, so the
// pre-pass decodes them line by line.
func unBOM(b []byte) []byte {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		if out, err := dec.Bytes(b); err == nil {
			return out
		}
	}
	return b
}

// latin reads bytes as Windows-1252 (a superset of ISO-8859-1 for text).
func latin(b []byte) []byte {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}
