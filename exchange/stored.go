package exchange

import (
	"strings"
	"time"

	"rapport/model"
	"rapport/store"
)

// candidates is what an import reads of the book: the stored contacts
// under some UIDs, emails and names (*store.Store; tests count the calls).
type candidates interface {
	MatchCandidates(keys store.MatchKeys, known func(uint64) bool) (store.Matches, error)
}

// storedBook is what the planner knows of the book: the stored contacts
// the cards of one chunk could match, looked up in the store's indexes in
// one read transaction, never the whole book. For every key of the chunk
// it answers what a map over every stored contact, built in id order
// before the import, would (see uidOwner).
//
// A candidate is read with only the fields matching weighs (a stub) and
// kept for later chunks, up to maxStubs; a common name or a shared
// company address can have hundreds of stored namesakes. Contacts records
// were merged into stay as they are; the importer reads those whole when
// planning ends.
type storedBook struct {
	src    candidates
	stubs  map[uint64]stub      // stored contacts read so far
	merged map[uint64]*target   // stored contacts records were merged into
	chunk  map[uint64]*target   // targets of this chunk's candidates
	uid    map[string]*target   // the contact a UID key names (nil: none)
	email  map[string][]*target // contacts with the email, in id order
	name   map[string][]*target // contacts with the folded name, in id order
}

// maxStubs bounds the candidates kept between chunks (about 200 bytes
// each); past it they are read again when a later chunk names them.
var maxStubs = 50_000 // a variable so tests can make it small

// stub is what matching needs of a stored contact: a quarter of a
// model.Contact's size, since tens of thousands may be kept.
type stub struct {
	id                        uint64
	uid, name, company        string
	title                     string
	birthday                  model.Date
	created                   time.Time
	foldedName, foldedCompany string
}

func stubOf(c model.Contact) stub {
	return stub{id: c.ID, uid: c.UID, name: c.Name, company: c.Company, title: c.Title, birthday: c.Birthday, created: c.Created,
		foldedName: model.Fold(c.Name), foldedCompany: model.Fold(c.Company)}
}

// target makes a target of a stored contact from its stub.
func (h stub) target() *target {
	c := model.Contact{ID: h.id, UID: h.uid, Name: h.name, Company: h.company, Title: h.title, Birthday: h.birthday, Created: h.created}
	return &target{stored: c, c: c, name: h.foldedName, company: h.foldedCompany}
}

func newStoredBook(src candidates) *storedBook {
	return &storedBook{src: src, stubs: map[uint64]stub{}, merged: map[uint64]*target{}}
}

// lookUp reads the stored contacts that records could match.
func (b *storedBook) lookUp(records []Record) error {
	if len(b.stubs) > maxStubs {
		clear(b.stubs)
	}
	var keys store.MatchKeys
	for _, r := range records {
		c := r.Contact
		if c.UID != "" {
			keys.UIDs = append(keys.UIDs, uidKey(c.UID))
		}
		for _, e := range c.Emails {
			keys.Emails = append(keys.Emails, strings.ToLower(e))
		}
		keys.Names = append(keys.Names, model.Fold(c.Name))
	}
	m, err := b.src.MatchCandidates(keys, func(id uint64) bool {
		_, ok := b.stubs[id]
		return ok || b.merged[id] != nil
	})
	if err != nil {
		return err
	}
	for id, c := range m.Contacts {
		b.stubs[id] = stubOf(c)
	}
	b.chunk = map[uint64]*target{}
	b.uid, b.email, b.name = map[string]*target{}, map[string][]*target{}, map[string][]*target{}
	for k, ids := range m.UIDs {
		b.uid[k] = uidOwner(k, b.targets(ids))
	}
	for k, ids := range m.Emails {
		b.email[k] = b.targets(ids)
	}
	for k, ids := range m.Names {
		b.name[k] = b.targets(ids)
	}
	return nil
}

// targets gives the targets of ids: one a record was merged into, else
// one made for this chunk from its stub.
func (b *storedBook) targets(ids []uint64) []*target {
	var out []*target
	for _, id := range ids {
		t := b.merged[id]
		if t == nil {
			t = b.chunk[id]
		}
		if h, ok := b.stubs[id]; t == nil && ok {
			t = h.target()
			b.chunk[id] = t
		}
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}

// uidOwner picks, among the stored contacts under a UID key (in id
// order), the one a card with that UID matches, as the planner always
// has: the last one whose UID an export derived (rapport's own export
// read back), else the first whose own UID it is.
func uidOwner(k string, ts []*target) *target {
	var owner *target
	for _, t := range ts {
		c := t.stored
		switch {
		case c.UID == "" && uidKey(model.ContactUID(c)) == k:
			owner = t
		case c.UID != "" && uidKey(c.UID) == k && owner == nil:
			owner = t
		}
	}
	return owner
}
