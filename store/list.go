package store

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Entries lists every contact in name order from idx_names, without
// decoding a single record: what the contact list loads.
func (s *Store) Entries() ([]Entry, error) { return s.entries(0) }

// FirstEntries lists the first n contacts by name: what a list screen needs
// before anyone scrolls.
func (s *Store) FirstEntries(n int) ([]Entry, error) { return s.entries(n) }

// entries reads idx_names in order; limit 0 reads it all.
func (s *Store) entries(limit int) ([]Entry, error) {
	var out []Entry
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = readEntries(tx, limit)
		return err
	})
	return out, err
}

func readEntries(tx *bolt.Tx, limit int) ([]Entry, error) {
	size := contactCount(tx)
	if limit > 0 {
		size = min(size, limit)
	}
	out := make([]Entry, 0, size)
	c := tx.Bucket(bNames).Cursor()
	for k, v := c.First(); k != nil && (limit == 0 || len(out) < limit); k, v = c.Next() {
		e, err := decodeEntry(k, v)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// NoMatchError is a query that names nobody.
type NoMatchError struct{ Query string }

func (e *NoMatchError) Error() string {
	return fmt.Sprintf("no contact matches %q; `rapport list` shows everyone", e.Query)
}

// AmbiguousError is a query that names several contacts equally well.
type AmbiguousError struct {
	Query      string
	Candidates []model.Candidate
}

func (e *AmbiguousError) Error() string {
	names := make([]string, 0, len(e.Candidates))
	for i, c := range e.Candidates {
		if i == 8 {
			names = append(names, fmt.Sprintf("and %d more", len(e.Candidates)-8))
			break
		}
		if c.Company != "" {
			names = append(names, fmt.Sprintf("%s (%s, #%d)", model.CleanLine(c.Name), model.CleanLine(c.Company), c.ID))
		} else {
			names = append(names, fmt.Sprintf("%s (#%d)", model.CleanLine(c.Name), c.ID))
		}
	}
	return fmt.Sprintf("%q matches %d contacts: %s; add a word of the company, be more specific or use #ID", e.Query, len(e.Candidates), strings.Join(names, ", "))
}

// Resolve finds the one contact a query names ("#12" names an id). No match
// and an ambiguous match are errors that say who the candidates are.
func (s *Store) Resolve(query string) (model.Contact, error) {
	var c model.Contact
	err := s.view(func(tx *bolt.Tx) error {
		id, err := resolve(tx, query)
		if err != nil {
			return err
		}
		return getJSON(tx, bContacts, id, &c)
	})
	return c, err
}

// Matches lists the contacts a query could mean, best tier only.
func (s *Store) Matches(query string) ([]model.Candidate, error) {
	var out []model.Candidate
	err := s.view(func(tx *bolt.Tx) error {
		out, _ = matches(tx, query)
		return nil
	})
	return out, err
}

func resolve(tx *bolt.Tx, query string) (uint64, error) {
	if id, ok := strings.CutPrefix(strings.TrimSpace(query), "#"); ok {
		n, err := strconv.ParseUint(id, 10, 64)
		if err != nil || tx.Bucket(bContacts).Get(u64(n)) == nil {
			return 0, fmt.Errorf("there is no contact %s", query)
		}
		return n, nil
	}
	found, _ := matches(tx, query)
	if len(found) != 1 {
		// "bekele krusty": the last words may name the company.
		if byCompany := matchWithCompany(tx, query); len(byCompany) > 0 {
			found = byCompany
		}
	}
	switch len(found) {
	case 0:
		return 0, &NoMatchError{query}
	case 1:
		return found[0].ID, nil
	}
	return 0, &AmbiguousError{query, found}
}

// matchWithCompany reads a query as name words then company words, the
// longest name first: the contacts the name part matches whose company
// has a word starting with each of the company words.
func matchWithCompany(tx *bolt.Tx, query string) []model.Candidate {
	words := strings.Fields(model.Fold(query))
	for k := len(words) - 1; k >= 1; k-- {
		named, _ := matches(tx, strings.Join(words[:k], " "))
		var out []model.Candidate
		for _, c := range named {
			if companyHas(c.Company, words[k:]) {
				out = append(out, c)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// companyHas reports whether every word starts a word of the company.
func companyHas(company string, words []string) bool {
	have := strings.Fields(model.Fold(company))
	for _, w := range words {
		if !slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(h, w) }) {
			return false
		}
	}
	return true
}

// matches tries the word index first: contacts with a name word starting
// with the query's first word. Only when that finds no exact or word-prefix
// match does it read every name to look for typos.
func matches(tx *bolt.Tx, query string) ([]model.Candidate, model.MatchTier) {
	words := strings.Fields(model.Fold(query))
	if len(words) == 0 {
		return nil, model.NoMatch
	}
	var cands []model.Candidate
	seen := map[uint64]bool{}
	prefix := []byte(words[0])
	c := tx.Bucket(bWords).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if e, err := decodeWordEntry(k, v); err == nil && !seen[e.ID] {
			seen[e.ID] = true
			cands = append(cands, e.Candidate())
		}
	}
	if found, tier := model.Match(query, cands); tier == model.Exact || tier == model.WordPrefix {
		return found, tier
	}
	cands = cands[:0]
	tx.Bucket(bNames).ForEach(func(k, v []byte) error {
		if e, err := decodeEntry(k, v); err == nil {
			cands = append(cands, e.Candidate())
		}
		return nil
	})
	return model.Match(query, cands)
}

// Empty reports whether the database holds no contact.
func (s *Store) Empty() (bool, error) {
	empty := true
	err := s.view(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bContacts).Cursor().First()
		empty = k == nil
		return nil
	})
	return empty, err
}

// contactCount totals the per-day next-touch counts: one per contact, read
// from a few hundred keys. Sizing a slice up front saves growing and copying
// it many times over at 100,000 contacts.
func contactCount(tx *bolt.Tx) int {
	n := 0
	tx.Bucket(bTouchDays).ForEach(func(_, v []byte) error {
		n += int(readU32(v))
		return nil
	})
	return n
}
