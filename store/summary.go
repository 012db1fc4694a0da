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
	return model.Candidate{ID: e.ID, Name: e.Name, Folded: e.Folded, Company: e.Company}
}

func entryOf(c model.Contact) Entry {
	return Entry{ID: c.ID, Name: c.Name, Company: c.Company, Folded: model.Fold(c.Name), LastTouch: c.Touched(), NextTouch: c.NextTouch()}
}

// encodeSummary packs the parts of an entry not already in its key:
// last touch | next touch | uvarint len(name) | name | uvarint
// len(company) | company | fold(company). The folded company lets the list
// filter run over raw bytes without folding anything at query time.
func encodeSummary(e Entry) []byte {
	folded := model.Fold(e.Company)
	b := make([]byte, 8, 8+2*binary.MaxVarintLen32+len(e.Name)+len(e.Company)+len(folded))
	binary.BigEndian.PutUint32(b[0:], e.LastTouch.Key())
	binary.BigEndian.PutUint32(b[4:], e.NextTouch.Key())
	b = binary.AppendUvarint(b, uint64(len(e.Name)))
	b = append(b, e.Name...)
	b = binary.AppendUvarint(b, uint64(len(e.Company)))
	b = append(b, e.Company...)
	return append(b, folded...)
}

// summaryParts splits a summary value into name, company and folded company.
func summaryParts(v []byte) (name, company, foldedCompany []byte, ok bool) {
	if len(v) < 9 {
		return nil, nil, nil, false
	}
	rest := v[8:]
	n, w := binary.Uvarint(rest)
	if w <= 0 || uint64(len(rest)-w) < n {
		return nil, nil, nil, false
	}
	name, rest = rest[w:w+int(n)], rest[w+int(n):]
	n, w = binary.Uvarint(rest)
	if w <= 0 || uint64(len(rest)-w) < n {
		return nil, nil, nil, false
	}
	return name, rest[w : w+int(n)], rest[w+int(n):], true
}

var errBadSummary = errors.New("damaged name index entry")

// decodeEntry reads an idx_names key and value.
func decodeEntry(k, v []byte) (Entry, error) {
	if len(k) < 9 || len(v) < 9 {
		return Entry{}, errBadSummary
	}
	name, company, _, ok := summaryParts(v)
	if !ok {
		return Entry{}, errBadSummary
	}
	return Entry{ID: lastID(k), Folded: string(k[:len(k)-9]), Name: string(name), Company: string(company),
		LastTouch: dateAt(v, 0), NextTouch: dateAt(v, 4)}, nil
}

// encodeWordValue is the value of a word-index entry: uvarint len(folded)
// | folded name | summary. It holds the whole entry, so a prefix seek over
// the word index lists contacts without a lookup per hit.
func encodeWordValue(e Entry) []byte {
	b := binary.AppendUvarint(nil, uint64(len(e.Folded)))
	b = append(b, e.Folded...)
	return append(b, encodeSummary(e)...)
}

// splitWordValue splits a word-index value into the folded name and the
// summary.
func splitWordValue(v []byte) (folded, summary []byte, ok bool) {
	n, w := binary.Uvarint(v)
	if w <= 0 || uint64(len(v)-w) < n {
		return nil, nil, false
	}
	return v[w : w+int(n)], v[w+int(n):], true
}

// decodeWordEntry reads a word-index key and value.
func decodeWordEntry(k, v []byte) (Entry, error) {
	folded, summary, ok := splitWordValue(v)
	if !ok || len(k) < 9 {
		return Entry{}, errBadSummary
	}
	name, company, _, ok := summaryParts(summary)
	if !ok {
		return Entry{}, errBadSummary
	}
	return Entry{ID: lastID(k), Folded: string(folded), Name: string(name), Company: string(company),
		LastTouch: dateAt(summary, 0), NextTouch: dateAt(summary, 4)}, nil
}
