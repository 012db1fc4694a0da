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

	contact model.Contact   // the new contact, or the update as planned
	merges  []model.Contact // records merged into a stored contact, in order
	notes   []model.Interaction
}

// Where names the step's first record: "contacts.vcf:12".
func (st Step) Where(source string) string { return where(source, st.File, st.Line) }

// target is a contact records can match: stored, or new in this import.
type target struct {
	step   *Step
	stored model.Contact // as read before the import, for stored ones
	c      model.Contact // with every record merged so far
	texts  map[string]bool
	uids   map[string]bool // UIDs of the records of this import merged in
}

// takes reports whether a record with uid may merge into t: within one
// import, cards with different UIDs are different entries of the source
// (two people sharing info@company.com), whatever else they share.
func (t *target) takes(uid string) bool {
	return uid == "" || len(t.uids) == 0 || t.uids[uidKey(uid)]
}

// planner matches records to contacts: the vCard UID first, then an
// email address, then the exact name (ignoring case and accents). A
// record that matches several contacts equally is skipped rather than
// written to the wrong person.
type planner struct {
	byUID   map[string]*target
	byEmail map[string][]*target
	byName  map[string][]*target
	steps   []*Step
	probs   []Problem
	stage   model.Stage
	tags    []string
}

func newPlanner(stored []model.Contact, stage model.Stage, tags []string) *planner {
	p := &planner{byUID: map[string]*target{}, byEmail: map[string][]*target{}, byName: map[string][]*target{}, stage: stage, tags: tags}
	for _, c := range stored {
		t := &target{stored: c, c: c}
		p.index(t)
		// rapport's own export gives contacts without a UID a derived one;
		// reading that export back must find them by it.
		if c.UID == "" {
			p.byUID[uidKey(ContactUID(c))] = t
		}
	}
	return p
}

func uidKey(uid string) string { return strings.ToLower(bareUID(uid)) }

// index makes t findable by its UID, emails and name; safe to call again
// after a merge added some.
func (p *planner) index(t *target) {
	if t.c.UID != "" {
		if _, taken := p.byUID[uidKey(t.c.UID)]; !taken {
			p.byUID[uidKey(t.c.UID)] = t
		}
	}
	for _, e := range t.c.Emails {
		p.byEmail[strings.ToLower(e)] = addTarget(p.byEmail[strings.ToLower(e)], t)
	}
	p.byName[model.Fold(t.c.Name)] = addTarget(p.byName[model.Fold(t.c.Name)], t)
}

func addTarget(list []*target, t *target) []*target {
	for _, have := range list {
		if have == t {
			return list
		}
	}
	return append(list, t)
}

// match finds the contact a record is about; nil means a new contact.
func (p *planner) match(c model.Contact) (*target, error) {
	if c.UID != "" {
		if t, ok := p.byUID[uidKey(c.UID)]; ok {
			return t, nil
		}
	}
	var byEmail []*target
	for _, e := range c.Emails {
		for _, t := range p.byEmail[strings.ToLower(e)] {
			if t.takes(c.UID) {
				byEmail = addTarget(byEmail, t)
			}
		}
	}
	name := model.Fold(c.Name)
	switch {
	case len(byEmail) == 1:
		return byEmail[0], nil
	case len(byEmail) > 1:
		var same []*target
		for _, t := range byEmail {
			if model.Fold(t.c.Name) == name {
				same = append(same, t)
			}
		}
		if len(same) == 1 {
			return same[0], nil
		}
		return nil, ambiguous(c.Name, "share its email addresses", byEmail)
	}
	// Two cards with different UIDs and the same name are two people
	// (two John Smiths); a name alone matches only when no UID disagrees.
	var byName []*target
	for _, t := range p.byName[name] {
		if t.takes(c.UID) && (c.UID == "" || t.c.UID == "" || uidKey(t.c.UID) == uidKey(c.UID)) {
			byName = append(byName, t)
		}
	}
	switch len(byName) {
	case 0:
		return nil, nil
	case 1:
		return byName[0], nil
	}
	return nil, ambiguous(c.Name, "have this name", byName)
}

func ambiguous(name, why string, ts []*target) error {
	var who []string
	for _, t := range ts {
		if t.step != nil && t.step.ID == 0 {
			who = append(who, "one earlier in the file")
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
	t, err := p.match(in)
	if err != nil {
		p.probs = append(p.probs, Problem{File: r.File, Line: r.Line, Msg: model.CleanLine(in.Name) + ": " + err.Error(), Skipped: true})
		return
	}
	if t == nil {
		if in.Stage == "" {
			in.Stage = p.stage
		}
		t = &target{c: in}
		t.step = &Step{Action: Add, Name: in.Name, File: r.File, Line: r.Line}
		p.steps = append(p.steps, t.step)
	} else {
		if t.step == nil {
			t.step = &Step{Action: Unchanged, ID: t.stored.ID, Name: t.stored.Name, File: r.File, Line: r.Line}
			p.steps = append(p.steps, t.step)
		}
		t.c = mergeContact(t.c, in)
		if t.step.ID != 0 {
			t.step.merges = append(t.step.merges, in)
		}
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

// finish drops notes the stored contacts have already and decides, for
// each stored contact, whether anything changes.
func (p *planner) finish(stored map[uint64]model.Contact, texts map[uint64][]string) []*Step {
	for _, st := range p.steps {
		if st.ID == 0 {
			st.Changes = nil
			continue
		}
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
	if in.Name != "" {
		c.Name = in.Name
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
	return c
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
