package exchange

// The planner as it was before it looked stored contacts up through the
// store's indexes: it built its maps from every stored contact. Kept
// here, unchanged but for its names, as the oracle the new one must agree
// with (plan_oracle_test.go).

import (
	"fmt"
	"strings"

	"rapport/model"
)

// oldTarget is a contact records can match: stored, or new in this import.
type oldTarget struct {
	step    *Step
	stored  model.Contact // as read before the import, for stored ones
	c       model.Contact // with every record merged so far
	texts   map[string]bool
	uids    map[string]bool // UIDs of the records of this import merged in
	records int             // records of this import merged in
	// name and company folded (case and accents), set by index
	name, company string
}

// takes reports whether a record with uid may merge into t: within one
// import, cards with different UIDs are different entries of the source
// (two people sharing info@company.com), whatever else they share.
func (t *oldTarget) takes(uid string) bool {
	return uid == "" || len(t.uids) == 0 || t.uids[uidKey(uid)]
}

// conflict names a field on which a record disagrees with what rows of
// this import already said about t ("" when they agree on every field
// both have). Two rows of one file become one person only when nothing
// conflicts; a stored contact, which the rep may have edited, takes the
// file's values instead.
func (t *oldTarget) conflict(c model.Contact) string {
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

// label names t for a report: "#12 Ada Lovelace", or for a contact new in
// this import its first record's place.
func (t *oldTarget) label(source string) string {
	if t.stored.ID != 0 {
		return fmt.Sprintf("#%d %s", t.stored.ID, model.CleanLine(t.stored.Name))
	}
	return fmt.Sprintf("%s (%s)", model.CleanLine(t.c.Name), t.step.Where(source))
}

// oldPlanner matches records to contacts on strong evidence only: the vCard
// UID, else an email address, else the exact name (ignoring case and
// accents) together with the same company. A record that matches several
// contacts equally is skipped rather than written to the wrong person;
// one that shares a name but not a company, or conflicts with an earlier
// row it would merge with, is left apart as another person and reported.
type oldPlanner struct {
	byUID     map[string]*oldTarget
	byEmail   map[string][]*oldTarget
	byName    map[string][]*oldTarget
	steps     []*Step
	probs     []Problem
	decisions []Decision
	apartSeen map[oldApartKey]bool
	source    string
	stage     model.Stage
	tags      []string
}

func newOldPlanner(stored []model.Contact, stage model.Stage, tags []string) *oldPlanner {
	p := &oldPlanner{byUID: map[string]*oldTarget{}, byEmail: map[string][]*oldTarget{}, byName: map[string][]*oldTarget{},
		apartSeen: map[oldApartKey]bool{}, stage: stage, tags: tags}
	for _, c := range stored {
		t := &oldTarget{stored: c, c: c}
		p.index(t)
		// rapport's own export gives contacts without a UID a derived one;
		// reading that export back must find them by it.
		if c.UID == "" {
			p.byUID[uidKey(ContactUID(c))] = t
		}
	}
	return p
}

// index makes t findable by its UID, emails and name; safe to call again
// after a merge added some.
func (p *oldPlanner) index(t *oldTarget) {
	if t.c.UID != "" {
		if _, taken := p.byUID[uidKey(t.c.UID)]; !taken {
			p.byUID[uidKey(t.c.UID)] = t
		}
	}
	for _, e := range t.c.Emails {
		p.byEmail[strings.ToLower(e)] = oldAddTarget(p.byEmail[strings.ToLower(e)], t)
	}
	// Folding is the costly part of matching: once per merge, not per look.
	t.name, t.company = model.Fold(t.c.Name), model.Fold(t.c.Company)
	p.byName[t.name] = oldAddTarget(p.byName[t.name], t)
}

func oldAddTarget(list []*oldTarget, t *oldTarget) []*oldTarget {
	for _, have := range list {
		if have == t {
			return list
		}
	}
	return append(list, t)
}

// apart records a near-match left apart, once per record and contact.
func (p *oldPlanner) apart(r Record, t *oldTarget, why string) {
	key := oldApartKey{r.File, r.Line, t}
	if p.apartSeen[key] {
		return
	}
	p.apartSeen[key] = true
	p.decisions = append(p.decisions, Decision{Name: r.Contact.Name, File: r.File, Line: r.Line, With: t.label(p.source), Why: why})
}

// oldApartKey names a record and a contact it was compared with.
type oldApartKey struct {
	file string
	line int
	t    *oldTarget
}

// match finds the contact a record is about and why; nil means a new
// contact.
func (p *oldPlanner) match(r Record) (*oldTarget, string, error) {
	c := r.Contact
	if c.UID != "" {
		if t, ok := p.byUID[uidKey(c.UID)]; ok {
			return t, "same UID", nil
		}
	}
	byEmail, why := p.sameEmail(r)
	switch {
	case len(byEmail) == 1:
		return byEmail[0], why, nil
	case len(byEmail) > 1:
		var same []*oldTarget
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
func (p *oldPlanner) sameEmail(r Record) ([]*oldTarget, string) {
	c := r.Contact
	var out []*oldTarget
	why := ""
	for _, e := range c.Emails {
		for _, t := range p.byEmail[strings.ToLower(e)] {
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
			out = oldAddTarget(out, t)
		}
	}
	return out, why
}

// sameNameAndCompany lists the contacts with the record's name and
// company (both may have none) that may take it. Two cards with different
// UIDs are two people (two John Smiths). A common name may have hundreds
// of namesakes: the first one left apart is named and the rest counted,
// so a book of many Aiko Nakamuras costs a line per record, not per pair.
func (p *oldPlanner) sameNameAndCompany(r Record) []*oldTarget {
	c := r.Contact
	var out []*oldTarget
	var first *oldTarget
	firstWhy, others := "", 0
	company := model.Fold(c.Company)
	for _, t := range p.byName[model.Fold(c.Name)] {
		why := oldNameApart(t, c, company)
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

// oldNameApart says why a namesake t is another person than the record c
// (whose folded company is company), or "" when it may take it.
func oldNameApart(t *oldTarget, c model.Contact, company string) string {
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

func (p *oldPlanner) ambiguous(name, why string, ts []*oldTarget) error {
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
func (p *oldPlanner) add(r Record) {
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
		t = &oldTarget{c: in}
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
func (p *oldPlanner) needTexts() []uint64 {
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
func (p *oldPlanner) finish(stored map[uint64]model.Contact, texts map[uint64][]string) []*Step {
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
