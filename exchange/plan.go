package exchange

import (
	"fmt"
	"reflect"
	"strings"

	"rapport/model"
)

// Action says what an import does with one contact.
type Action string

// The actions, as --dry-run prints them.
const (
	Add       Action = "add"
	Update    Action = "update"
	Unchanged Action = "unchanged"
)

// Step is one contact of an import: a new one, or a stored one that the
// file's records are merged into.
type Step struct {
	Action  Action
	ID      uint64 // the stored contact (0 for a new one)
	Name    string
	File    string // where its first record is
	Line    int
	Changes []string // what an update changes, for people to read
	Why     string   // why a stored contact was matched: "same UID"

	contact model.Contact   // the new contact, or the update as planned
	merges  []model.Contact // records merged into a stored contact, in order
	notes   []model.Interaction
}

// Where names the step's first record: "contacts.vcf:12".
func (st Step) Where(source string) string { return where(source, st.File, st.Line) }

// Decision is one merge an import made, or one near-match it left apart
// on purpose: every one is listed in the report, dry run included.
type Decision struct {
	Merged bool   // false: left apart, as another person
	Name   string // the record's name
	File   string // where the record is
	Line   int
	With   string // the other contact: "#12 Ada Lovelace" or "Ada Lovelace (book.vcf:3)"
	Why    string // "same email ada@x", "same name, another company (A / B)"
}

// Where names the record's place: "contacts.vcf:12".
func (d Decision) Where(source string) string { return where(source, d.File, d.Line) }

// target is a contact records can match: stored, or new in this import.
type target struct {
	step    *Step
	stored  model.Contact // for stored ones, the fields matching weighs (storedBook)
	c       model.Contact // with every record merged so far (finish makes it whole)
	texts   map[string]bool
	uids    map[string]bool // UIDs of the records of this import merged in
	records int             // records of this import merged in
	// name and company folded (case and accents), set by index
	name, company string
}

// takes reports whether a record with uid may merge into t: within one
// import, cards with different UIDs are different entries of the source
// (two people sharing info@company.com), whatever else they share.
func (t *target) takes(uid string) bool {
	return uid == "" || len(t.uids) == 0 || t.uids[uidKey(uid)]
}

// conflict names a field on which a record disagrees with what rows of
// this import already said about t ("" when they agree on every field
// both have). Two rows of one file become one person only when nothing
// conflicts; a stored contact, which the rep may have edited, takes the
// file's values instead.
func (t *target) conflict(c model.Contact) string {
	if t.records == 0 {
		return ""
	}
	differ := func(a, b string) bool { return a != "" && b != "" && model.Fold(a) != model.Fold(b) }
	switch {
	case differ(t.c.Company, c.Company):
		return "another company (" + t.c.Company + " / " + c.Company + ")"
	case differ(t.c.Title, c.Title):
		return "another title (" + t.c.Title + " / " + c.Title + ")"
	case !t.c.Birthday.IsZero() && !c.Birthday.IsZero() && t.c.Birthday != c.Birthday && !sameDayNoYear(t.c.Birthday, c.Birthday):
		return "another birthday"
	}
	return ""
}

func sameDayNoYear(a, b model.Date) bool {
	return a.Month == b.Month && a.Day == b.Day && (!a.HasYear() || !b.HasYear())
}

// label names t for a report: "#12 Ada Lovelace", or for a contact new in
// this import its first record's place.
func (t *target) label(source string) string {
	if t.stored.ID != 0 {
		return fmt.Sprintf("#%d %s", t.stored.ID, model.CleanLine(t.stored.Name))
	}
	return fmt.Sprintf("%s (%s)", model.CleanLine(t.c.Name), t.step.Where(source))
}

// planner matches records to contacts on strong evidence only: the vCard
// UID, else an email address, else the exact name (ignoring case and
// accents) together with the same company. A record that matches several
// contacts equally is skipped rather than written to the wrong person;
// one that shares a name but not a company, or conflicts with an earlier
// row it would merge with, is left apart as another person and reported.
//
// The stored contacts it matches against are those book looked up for
// the records (lookUp before add); the maps here hold what the import
// itself adds: new contacts, and stored ones under the UID, emails and
// names records merged into them. Stored ones come first, in id order.
type planner struct {
	book      *storedBook
	byUID     map[string]*target
	byEmail   map[string][]*target
	byName    map[string][]*target
	steps     []*Step
	probs     []Problem
	decisions []Decision
	apartSeen map[apartKey]bool
	source    string
	stage     model.Stage
	tags      []string
}

func newPlanner(book candidates, stage model.Stage, tags []string) *planner {
	return &planner{book: newStoredBook(book), byUID: map[string]*target{}, byEmail: map[string][]*target{}, byName: map[string][]*target{},
		apartSeen: map[apartKey]bool{}, stage: stage, tags: tags}
}

func uidKey(uid string) string { return UIDKey(uid) }

// index makes t findable by its UID, emails and name; safe to call again
// after a merge added some. A UID names the contact that had it first.
func (p *planner) index(t *target) {
	if t.c.UID != "" {
		if _, taken := p.byUIDKey(uidKey(t.c.UID)); !taken {
			p.byUID[uidKey(t.c.UID)] = t
		}
	}
	for _, e := range t.c.Emails {
		p.byEmail[strings.ToLower(e)] = addTarget(p.byEmail[strings.ToLower(e)], t)
	}
	// Folding is the costly part of matching: once per merge, not per look.
	t.name, t.company = model.Fold(t.c.Name), model.Fold(t.c.Company)
	p.byName[t.name] = addTarget(p.byName[t.name], t)
}

// byUIDKey finds the contact a UID key names: a stored one, else one
// this import gave it.
func (p *planner) byUIDKey(k string) (*target, bool) {
	if t := p.book.uid[k]; t != nil {
		return t, true
	}
	t, ok := p.byUID[k]
	return t, ok
}

// withEmail lists the contacts with an email (lower case): stored ones,
// then those this import gave it.
func (p *planner) withEmail(k string) []*target { return joinTargets(p.book.email[k], p.byEmail[k]) }

// withName lists the contacts with a folded name, likewise.
func (p *planner) withName(k string) []*target { return joinTargets(p.book.name[k], p.byName[k]) }

func joinTargets(stored, added []*target) []*target {
	if len(added) == 0 {
		return stored
	}
	out := append([]*target(nil), stored...)
	for _, t := range added {
		out = addTarget(out, t)
	}
	return out
}

func addTarget(list []*target, t *target) []*target {
	for _, have := range list {
		if have == t {
			return list
		}
	}
	return append(list, t)
}

// apart records a near-match left apart, once per record and contact.
func (p *planner) apart(r Record, t *target, why string) {
	key := apartKey{r.File, r.Line, t}
	if p.apartSeen[key] {
		return
	}
	p.apartSeen[key] = true
	p.decisions = append(p.decisions, Decision{Name: r.Contact.Name, File: r.File, Line: r.Line, With: t.label(p.source), Why: why})
}

// apartKey names a record and a contact it was compared with.
type apartKey struct {
	file string
	line int
	t    *target
}

// match finds the contact a record is about and why; nil means a new
// contact.
func (p *planner) match(r Record) (*target, string, error) {
	c := r.Contact
	if c.UID != "" {
		if t, ok := p.byUIDKey(uidKey(c.UID)); ok {
			return t, "same UID", nil
		}
	}
	byEmail, why := p.sameEmail(r)
	switch {
	case len(byEmail) == 1:
		return byEmail[0], why, nil
	case len(byEmail) > 1:
		var same []*target
		name := model.Fold(c.Name)
		for _, t := range byEmail {
			if t.name == name {
				same = append(same, t)
			}
		}
		if len(same) == 1 {
			return same[0], why + " and name", nil
		}
		return nil, "", p.ambiguous(c.Name, "share its email addresses", byEmail)
	}
	byName := p.sameNameAndCompany(r)
	switch len(byName) {
	case 0:
		return nil, "", nil
	case 1:
		if c.Company == "" {
			return byName[0], "same name, neither has a company", nil
		}
		return byName[0], "same name and company", nil
	}
	return nil, "", p.ambiguous(c.Name, "have this name", byName)
}

// sameEmail lists the contacts that share an email with the record and
// may take it, and why the first one matched; the others sharing one are
// left apart.
func (p *planner) sameEmail(r Record) ([]*target, string) {
	c := r.Contact
	var out []*target
	why := ""
	for _, e := range c.Emails {
		for _, t := range p.withEmail(strings.ToLower(e)) {
			if !t.takes(c.UID) {
				p.apart(r, t, "same email "+e+", another UID")
				continue
			}
			if conflict := t.conflict(c); conflict != "" {
				p.apart(r, t, "same email "+e+", "+conflict)
				continue
			}
			if len(out) == 0 {
				why = "same email " + e
			}
			out = addTarget(out, t)
		}
	}
	return out, why
}

// sameNameAndCompany lists the contacts with the record's name and
// company (both may have none) that may take it. Two cards with different
// UIDs are two people (two John Smiths). A common name may have hundreds
// of namesakes: the first one left apart is named and the rest counted,
// so a book of many Aiko Nakamuras costs a line per record, not per pair.
func (p *planner) sameNameAndCompany(r Record) []*target {
	c := r.Contact
	var out []*target
	var first *target
	firstWhy, others := "", 0
	company := model.Fold(c.Company)
	for _, t := range p.withName(model.Fold(c.Name)) {
		why := nameApart(t, c, company)
		if why == "" {
			out = append(out, t)
			continue
		}
		if first == nil {
			first, firstWhy = t, why
		} else {
			others++
		}
	}
	if first != nil {
		if others > 0 {
			firstWhy += fmt.Sprintf("; %s with this name also left apart", plural(others, "other"))
		}
		p.apart(r, first, firstWhy)
	}
	return out
}

// nameApart says why a namesake t is another person than the record c
// (whose folded company is company), or "" when it may take it.
func nameApart(t *target, c model.Contact, company string) string {
	switch {
	case !t.takes(c.UID) || c.UID != "" && t.c.UID != "" && uidKey(t.c.UID) != uidKey(c.UID):
		return "same name, another UID"
	case t.company != company:
		return "same name, " + companies(t.c.Company, c.Company)
	}
	if conflict := t.conflict(c); conflict != "" {
		return "same name, " + conflict
	}
	return ""
}

func companies(a, b string) string {
	switch {
	case a == "":
		return "only this one has a company (" + b + ")"
	case b == "":
		return "only the other has a company (" + a + ")"
	}
	return "another company (" + a + " / " + b + ")"
}

func (p *planner) ambiguous(name, why string, ts []*target) error {
	var who []string
	for _, t := range ts {
		if t.stored.ID == 0 {
			who = append(who, "the one at "+t.step.Where(p.source))
		} else {
			who = append(who, fmt.Sprintf("#%d", t.stored.ID))
		}
	}
	return fmt.Errorf("%d contacts %s (%s); skipped rather than merged into the wrong one", len(ts), why, strings.Join(who, ", "))
}

// add plans one record.
func (p *planner) add(r Record) {
	in := r.Contact
	for _, t := range p.tags {
		in.Tags = addTag(in.Tags, t)
	}
	r.Contact = in
	t, why, err := p.match(r)
	if err != nil {
		p.probs = append(p.probs, Problem{File: r.File, Line: r.Line, Msg: model.CleanLine(in.Name) + ": " + err.Error(), Skipped: true})
		return
	}
	if t == nil {
		if in.Stage == "" {
			in.Stage = p.stage
		}
		if in.NameParts != nil && *in.NameParts == model.GuessNameParts(in.Name) {
			in.NameParts = nil // what an export would guess anyway
		}
		t = &target{c: in}
		t.step = &Step{Action: Add, Name: in.Name, File: r.File, Line: r.Line}
		p.steps = append(p.steps, t.step)
	} else {
		if t.records > 0 {
			p.decisions = append(p.decisions, Decision{Merged: true, Name: in.Name, File: r.File, Line: r.Line, With: t.label(p.source), Why: why})
		}
		if t.step == nil {
			t.step = &Step{Action: Unchanged, ID: t.stored.ID, Name: t.stored.Name, File: r.File, Line: r.Line, Why: why}
			p.steps = append(p.steps, t.step)
		}
		t.c = mergeContact(t.c, in)
		if t.step.ID != 0 {
			t.step.merges = append(t.step.merges, in)
		}
	}
	t.records++
	if t.stored.ID != 0 {
		p.book.merged[t.stored.ID] = t
	}
	if t.texts == nil {
		t.texts, t.uids = map[string]bool{}, map[string]bool{}
	}
	if in.UID != "" {
		t.uids[uidKey(in.UID)] = true
	}
	for _, n := range r.Notes {
		if !t.texts[n.Text] {
			t.texts[n.Text] = true
			t.step.notes = append(t.step.notes, n)
		}
	}
	t.step.contact, t.step.Name = t.c, t.c.Name
	p.index(t)
}

// needTexts lists stored contacts with incoming notes, whose note texts
// the importer must look up so a re-import adds no note twice.
func (p *planner) needTexts() []uint64 {
	var ids []uint64
	for _, st := range p.steps {
		if st.ID != 0 && len(st.notes) > 0 {
			ids = append(ids, st.ID)
		}
	}
	return ids
}

// storedIDs lists the stored contacts records were merged into, which
// finish needs whole: planning saw only the fields matching weighs.
func (p *planner) storedIDs() []uint64 {
	var ids []uint64
	for _, st := range p.steps {
		if st.ID != 0 {
			ids = append(ids, st.ID)
		}
	}
	return ids
}

// finish drops notes the stored contacts have already and decides, for
// each stored contact (stored holds them whole), whether anything
// changes.
func (p *planner) finish(stored map[uint64]model.Contact, texts map[uint64][]string) []*Step {
	for _, st := range p.steps {
		if st.ID == 0 {
			st.Changes = nil
			continue
		}
		st.contact = replay(st.merges)(stored[st.ID])
		st.Name = st.contact.Name
		have := map[string]bool{}
		for _, t := range texts[st.ID] {
			have[t] = true
		}
		var fresh []model.Interaction
		for _, n := range st.notes {
			if !have[n.Text] {
				fresh = append(fresh, n)
			}
		}
		st.notes = fresh
		st.Changes = describeChanges(stored[st.ID], st.contact)
		if len(fresh) > 0 {
			st.Changes = append(st.Changes, plural(len(fresh), "note")+" added")
		}
		if len(st.Changes) > 0 {
			st.Action = Update
		}
	}
	return p.steps
}

// mergeContact folds what a record says into a contact. The file wins for
// the fields it fills in; lists (emails, phones, tags, moments) are
// joined, never cut, so an import never loses what the rep typed. A date
// without a year does not replace the same day with one.
func mergeContact(old, in model.Contact) model.Contact {
	c := old
	c.Emails = append([]string(nil), old.Emails...)
	c.Phones = append([]string(nil), old.Phones...)
	c.Tags = append([]string(nil), old.Tags...)
	c.Moments = append([]model.Moment(nil), old.Moments...)
	c.Nicknames = append([]string(nil), old.Nicknames...)
	c.URLs = append([]string(nil), old.URLs...)
	c.Addresses = append([]model.Address(nil), old.Addresses...)
	c.Kept = append([]string(nil), old.Kept...)
	if in.Name != "" && !(namedAfterEmail(in) && c.Name != "") {
		c.Name = in.Name // a card named only after its email renames nobody
	}
	if c.UID == "" && (old.ID == 0 || uidKey(in.UID) != uidKey(ContactUID(old))) {
		c.UID = in.UID // not the UID rapport derived for this contact: no news
	}
	if in.Company != "" {
		c.Company = in.Company
	}
	if in.Title != "" {
		c.Title = in.Title
	}
	for _, e := range in.Emails {
		c.Emails = addEmail(c.Emails, e, func(string) {})
	}
	for _, ph := range in.Phones {
		c.Phones = addPhone(c.Phones, ph)
	}
	for _, t := range in.Tags {
		c.Tags = addTag(c.Tags, t)
	}
	if better(in.Birthday, c.Birthday) {
		c.Birthday = in.Birthday
	}
	for _, m := range in.Moments {
		i := momentIndex(c.Moments, m.Label)
		switch {
		case i < 0:
			if len(c.Moments) < model.MaxMoments {
				c.Moments = append(c.Moments, m)
			}
		case better(m.Date, c.Moments[i].Date):
			c.Moments[i].Date = m.Date
		}
	}
	if in.Stage != "" {
		c.Stage = in.Stage
	}
	if in.Cadence > 0 {
		c.Cadence = in.Cadence
	}
	if c.HowWeMet == "" {
		c.HowWeMet = in.HowWeMet
	}
	if in.Matters != "" {
		c.Matters = in.Matters
	}
	mergeLists(&c, in)
	return c
}

// mergeLists joins the lists a newer import brought (nicknames, URLs,
// addresses, kept properties) and takes its background and name parts.
// Name parts that are only the guess rapport writes for a name without
// any are no news.
func mergeLists(c *model.Contact, in model.Contact) {
	for _, n := range in.Nicknames {
		c.Nicknames = addUnique(c.Nicknames, n)
	}
	for _, u := range in.URLs {
		c.URLs = addUnique(c.URLs, u)
	}
	for _, a := range in.Addresses {
		c.Addresses = addAddress(c.Addresses, a)
	}
	for _, k := range in.Kept {
		c.Kept = addUnique(c.Kept, k)
	}
	if in.Background != "" {
		c.Background = in.Background
	}
	guessed := in.NameParts != nil && *in.NameParts == model.GuessNameParts(in.Name)
	if in.NameParts != nil && !(guessed && c.NameParts == nil) {
		np := *in.NameParts
		c.NameParts = &np
	}
}

// better reports whether date in should replace have.
func better(in, have model.Date) bool {
	if in.IsZero() || in == have {
		return false
	}
	sameDay := in.Month == have.Month && in.Day == have.Day
	return !(sameDay && !in.HasYear() && have.HasYear())
}

func momentIndex(list []model.Moment, label string) int {
	for i, m := range list {
		if m.Label == label {
			return i
		}
	}
	return -1
}

// describeChanges lists what differs between two versions of a contact.
func describeChanges(old, c model.Contact) []string {
	var out []string
	field := func(name string, a, b any) {
		if !reflect.DeepEqual(a, b) {
			out = append(out, name)
		}
	}
	field("name", old.Name, c.Name)
	field("uid", old.UID, c.UID)
	field("company", old.Company, c.Company)
	field("title", old.Title, c.Title)
	grown := func(what string, a, b int) {
		if b > a {
			out = append(out, "+"+plural(b-a, what))
		}
	}
	grown("email", len(old.Emails), len(c.Emails))
	grown("phone", len(old.Phones), len(c.Phones))
	grown("tag", len(old.Tags), len(c.Tags))
	grown("nickname", len(old.Nicknames), len(c.Nicknames))
	grown("URL", len(old.URLs), len(c.URLs))
	grown("address", len(old.Addresses), len(c.Addresses))
	grown("kept property", len(old.Kept), len(c.Kept))
	field("background", old.Background, c.Background)
	field("name parts", old.NameParts, c.NameParts)
	field("birthday", old.Birthday, c.Birthday)
	if !reflect.DeepEqual(old.Moments, c.Moments) {
		out = append(out, "moments")
	}
	field("stage", old.Stage, c.Stage)
	field("cadence", old.Cadence, c.Cadence)
	field("how we met", old.HowWeMet, c.HowWeMet)
	field("what matters", old.Matters, c.Matters)
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// namedAfterEmail reports whether a record's name is one of its email
// addresses: the stand-in a reader gives a card without a name.
func namedAfterEmail(c model.Contact) bool {
	for _, e := range c.Emails {
		if strings.EqualFold(c.Name, e) {
			return true
		}
	}
	return false
}
