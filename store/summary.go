package store

import (
	"encoding/binary"
	"errors"

	"rapport/model"
)

// Entry is the compact form of a contact that lists and name matching load,
// read from idx_names without decoding any record.
type Entry struct {
	ID        uint64
	Name      string
	Company   string
	Folded    string // model.Fold(Name)
	LastTouch model.Date
	NextTouch model.Date
}

// Candidate gives the entry as name matching sees it.
func (e Entry) Candidate() model.Candidate {
	return model.Candidate{ID: e.ID, Name: e.Name, Folded: e.Folded}
}

func entryOf(c model.Contact) Entry {
	return Entry{ID: c.ID, Name: c.Name, Company: c.Company, Folded: model.Fold(c.Name), LastTouch: c.Touched(), NextTouch: c.NextTouch()}
}

// encodeSummary packs the parts of an entry not already in its key:
// last touch | next touch | uvarint len(name) | name | company.
func encodeSummary(e Entry) []byte {
	b := make([]byte, 8, 8+binary.MaxVarintLen32+len(e.Name)+len(e.Company))
	binary.BigEndian.PutUint32(b[0:], e.LastTouch.Key())
	binary.BigEndian.PutUint32(b[4:], e.NextTouch.Key())
	b = binary.AppendUvarint(b, uint64(len(e.Name)))
	b = append(b, e.Name...)
	return append(b, e.Company...)
}

var errBadSummary = errors.New("damaged name index entry")

// decodeEntry reads an idx_names key and value.
func decodeEntry(k, v []byte) (Entry, error) {
	if len(k) < 9 || len(v) < 9 {
		return Entry{}, errBadSummary
	}
	e := Entry{ID: lastID(k), Folded: string(k[:len(k)-9]), LastTouch: dateAt(v, 0), NextTouch: dateAt(v, 4)}
	n, w := binary.Uvarint(v[8:])
	if w <= 0 || 8+w+int(n) > len(v) {
		return Entry{}, errBadSummary
	}
	rest := v[8+w:]
	e.Name, e.Company = string(rest[:n]), string(rest[n:])
	return e, nil
}
