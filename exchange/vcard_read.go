package exchange

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-vcard"

	"rapport/model"
)

// rapport's own properties, so a vCard export read back gives the same
// contacts. Other programs keep X- properties they do not know.
const (
	xStage    = "X-RAPPORT-STAGE"
	xCadence  = "X-RAPPORT-CADENCE"
	xHowWeMet = "X-RAPPORT-HOW-WE-MET"
	xMatters  = "X-RAPPORT-MATTERS"
	xABDate   = "X-ABDATE"  // Apple's labelled dates (itemN.X-ABDATE)
	xABLabel  = "X-ABLABEL" // the label of the fields in the same group
)

// anniversaryProps hold a personal anniversary: 4.0's own, then the 3.0
// extensions of Microsoft, Outlook and Evolution.
var anniversaryProps = []string{vcard.FieldAnniversary, "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY"}

// readVCards reads every card of one file. Group cards (Apple's and 4.0's
// KIND:group) are not contacts: their names become tags of their members.
func readVCards(text []byte, file string, now time.Time) ([]Record, []Problem) {
	recs, probs, groups := readCards(text, file, now)
	applyGroups(recs, groups)
	return recs, probs
}

// readCards reads one file's cards and its group cards apart: in a vdir a
// group and its members sit in different files.
func readCards(text []byte, file string, now time.Time) ([]Record, []Problem, []groupCard) {
	text = unBOM(text)
	if !strings.Contains(string(text), "\n") {
		text = []byte(strings.ReplaceAll(string(text), "\r", "\n")) // classic Mac line ends
	}
	var recs []Record
	var probs []Problem
	var groups []groupCard
	for _, rc := range prepass(text) {
		for _, w := range rc.warns {
			w.File = file
			probs = append(probs, w)
		}
		skip := func(why string) {
			probs = append(probs, Problem{File: file, Line: rc.line, Msg: "card skipped: " + why, Skipped: true})
		}
		if rc.err != "" {
			skip(rc.err)
			continue
		}
		card, err := vcard.NewDecoder(strings.NewReader(rc.text)).Decode()
		if err != nil {
			skip(strings.TrimPrefix(err.Error(), "vcard: "))
			continue
		}
		if g, ok := asGroup(card); ok {
			groups = append(groups, g)
			continue
		}
		cr := cardReader{card: card, raw: &rc, file: file}
		rec, err := cr.record(now)
		probs = append(probs, cr.probs...)
		if err != nil {
			skip(err.Error())
			continue
		}
		rec.File, rec.Line = file, rc.line
		recs = append(recs, rec)
	}
	return recs, probs, groups
}

// vtext finishes unescaping a text value: go-vcard undoes "\\", "\n" and
// "\," but leaves "\;", "\N" and "\:" (which 2.1 and some 3.0 writers
// use) in the text.
var vtext = strings.NewReplacer(`\;`, ";", `\N`, "\n", `\:`, ":").Replace

// text is a card's first value of prop, unescaped and cleaned.
func (cr *cardReader) text(prop string) string {
	return cleanField(vtext(cr.card.Value(prop)))
}

// cardReader turns one parsed card into a record, collecting warnings.
type cardReader struct {
	card  vcard.Card
	raw   *rawCard
	file  string
	probs []Problem
}

func (cr *cardReader) warn(prop string, i int, msg string) {
	cr.probs = append(cr.probs, Problem{File: cr.file, Line: cr.raw.lineAt(prop, i), Msg: prop + ": " + msg})
}

func (cr *cardReader) record(now time.Time) (Record, error) {
	c := model.Contact{Created: now}
	c.Name = cr.name()
	if c.Name == "" {
		return Record{}, fmt.Errorf("it has no name (FN, N or ORG)")
	}
	c.UID = cr.text(vcard.FieldUID)
	c.Company = strings.Join(nonEmpty(structured(cr.card.Value(vcard.FieldOrganization))...), ", ")
	c.Title = cr.text(vcard.FieldTitle)
	if c.Title == "" {
		c.Title = cr.text(vcard.FieldRole)
	}
	emails := cr.card[vcard.FieldEmail]
	for _, f := range preferredFirst(emails) {
		i := indexOf(emails, f)
		c.Emails = addEmail(c.Emails, f.Value, func(m string) { cr.warn(vcard.FieldEmail, i, m) })
	}
	for _, f := range preferredFirst(cr.card[vcard.FieldTelephone]) {
		c.Phones = addPhone(c.Phones, f.Value)
	}
	for _, f := range cr.card[vcard.FieldCategories] {
		for _, t := range strings.Split(f.Value, ",") {
			c.Tags = addTag(c.Tags, t)
		}
	}
	cr.dates(&c)
	cr.rapportFields(&c)
	rec := Record{Contact: c}
	var notes []string
	for _, n := range cr.card.Values(vcard.FieldNote) {
		notes = append(notes, vtext(n))
	}
	if text := noteText(notes, cr.extras()); text != "" {
		rec.Notes = []model.Interaction{{Kind: model.Note, Text: text, At: now}}
	}
	return rec, nil
}

// name is FN, else the parts of N, else the organisation (company cards).
func (cr *cardReader) name() string {
	for _, f := range cr.card[vcard.FieldFormattedName] {
		if n := cleanName(vtext(f.Value)); n != "" {
			return n
		}
	}
	if n := cr.card.Get(vcard.FieldName); n != nil {
		p := structured(n.Value) // family; given; additional; prefix; suffix
		at := func(i int) string {
			if i < len(p) {
				return p[i]
			}
			return ""
		}
		if n := cleanName(strings.Join([]string{at(3), at(1), at(2), at(0), at(4)}, " ")); n != "" {
			return n
		}
	}
	if org := nonEmpty(structured(cr.card.Value(vcard.FieldOrganization))...); len(org) > 0 {
		return org[0]
	}
	return ""
}

// dates reads the birthday and the other yearly moments.
func (cr *cardReader) dates(c *model.Contact) {
	read := func(prop string, i int, f *vcard.Field) (model.Date, bool) {
		d, err := ParseCardDate(f.Value, f.Params.Get("X-APPLE-OMIT-YEAR"))
		if err != nil {
			cr.warn(prop, i, err.Error()+"; left out")
			return d, false
		}
		return d, true
	}
	if f := cr.card.Get(vcard.FieldBirthday); f != nil {
		if d, ok := read(vcard.FieldBirthday, 0, f); ok {
			c.Birthday = d
		}
	}
	for _, prop := range anniversaryProps {
		if f := cr.card.Get(prop); f != nil && !hasMoment(c.Moments, model.LabelAnniversary) {
			if d, ok := read(prop, 0, f); ok {
				c.Moments = setMoment(c.Moments, model.LabelAnniversary, d)
			}
		}
	}
	labels := cr.groupLabels()
	lost := 0
	for i, f := range cr.card[xABDate] {
		d, ok := read(xABDate, i, f)
		if !ok {
			continue
		}
		label := momentLabel(appleLabel(labels[f.Group]))
		if label == model.LabelBirthday {
			if c.Birthday.IsZero() {
				c.Birthday = d
			}
			continue
		}
		if len(c.Moments) >= model.MaxMoments && !hasMoment(c.Moments, label) {
			lost++
		}
		c.Moments = setMoment(c.Moments, label, d)
	}
	if lost > 0 {
		cr.warn(xABDate, model.MaxMoments, tooManyMoments(lost))
	}
}

func hasMoment(list []model.Moment, label string) bool {
	for _, m := range list {
		if m.Label == label {
			return true
		}
	}
	return false
}

// rapportFields reads rapport's own X- properties.
func (cr *cardReader) rapportFields(c *model.Contact) {
	if v := cr.text(xStage); v != "" {
		if st, err := model.ParseStage(v); err == nil {
			c.Stage = st
		} else {
			cr.warn(xStage, 0, err.Error()+"; left out")
		}
	}
	if v := cr.text(xCadence); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 && n < 100000 {
			c.Cadence = n
		} else {
			cr.warn(xCadence, 0, fmt.Sprintf("%q is not a number of days; left out", v))
		}
	}
	c.HowWeMet = cr.text(xHowWeMet)
	c.Matters = cr.text(xMatters)
}

// groupLabels maps a property group (Apple's "item1") to its X-ABLabel.
func (cr *cardReader) groupLabels() map[string]string {
	labels := map[string]string{}
	for _, f := range cr.card[xABLabel] {
		if f.Group != "" {
			labels[f.Group] = vtext(f.Value)
		}
	}
	return labels
}

// appleLabel reads Apple's built-in labels, written "_$!<Anniversary>!$_".
func appleLabel(s string) string {
	if inner, ok := strings.CutPrefix(s, "_$!<"); ok {
		return strings.ToLower(strings.TrimSuffix(inner, ">!$_"))
	}
	return s
}

// extras keeps, as lines of text, the fields rapport has no place for.
func (cr *cardReader) extras() []string {
	labels := cr.groupLabels()
	label := func(f *vcard.Field) string {
		if l := cleanField(appleLabel(labels[f.Group])); l != "" {
			return " (" + l + ")"
		}
		var types []string
		for _, t := range f.Params.Types() {
			for _, t := range strings.Split(t, ",") {
				if t = strings.ToLower(strings.TrimSpace(t)); t != "" && t != "pref" && t != "internet" && t != "voice" {
					types = append(types, t)
				}
			}
		}
		if len(types) == 0 {
			return ""
		}
		return " (" + cleanField(strings.Join(types, ", ")) + ")"
	}
	var out []string
	add := func(prop, title string, value func(string) string) {
		for _, f := range cr.card[prop] {
			if v := value(vtext(f.Value)); v != "" {
				out = append(out, title+label(f)+": "+v)
			}
		}
	}
	add(vcard.FieldNickname, "Nickname", cleanField)
	add(vcard.FieldAddress, "Address", func(v string) string {
		return strings.Join(nonEmpty(structured(v)...), ", ")
	})
	add(vcard.FieldURL, "Website", cleanField)
	add(vcard.FieldIMPP, "Messaging", cleanField)
	add("X-SOCIALPROFILE", "Profile", cleanField)
	add(vcard.FieldRelated, "Related", cleanField)
	add("X-ABRELATEDNAMES", "Related", cleanField)
	return out
}

// structured splits a structured value (N, ORG, ADR) on the semicolons
// that are not escaped, cleaning every part; parts keep their places.
// go-vcard splits on every semicolon, so a company called "A\; B" would
// otherwise become a company and a department.
func structured(v string) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && v[i+1] == ';':
			b.WriteByte(';')
			i++
		case v[i] == ';':
			parts = append(parts, cleanName(vtext(b.String())))
			b.Reset()
		default:
			b.WriteByte(v[i])
		}
	}
	return append(parts, cleanName(vtext(b.String())))
}

// preferredFirst orders fields so the preferred one (PREF=1, or Apple's
// TYPE=pref) comes first; the rest keep their order.
func preferredFirst(fields []*vcard.Field) []*vcard.Field {
	rank := func(f *vcard.Field) int {
		if p := f.Params.Get(vcard.ParamPreferred); p != "" {
			if n, err := strconv.Atoi(p); err == nil {
				return n
			}
			return 1
		}
		if f.Params.HasType("pref") {
			return 1
		}
		return 101
	}
	out := append([]*vcard.Field(nil), fields...)
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

func indexOf(fields []*vcard.Field, f *vcard.Field) int {
	for i := range fields {
		if fields[i] == f {
			return i
		}
	}
	return 0
}

// groupCard is a contact group: Apple's X-ADDRESSBOOKSERVER-KIND:group or
// 4.0's KIND:group, listing its members by UID.
type groupCard struct {
	name    string
	members []string
}

func asGroup(card vcard.Card) (groupCard, bool) {
	kind := strings.ToLower(strings.TrimSpace(card.Value(vcard.FieldKind)))
	if kind == "" {
		kind = strings.ToLower(strings.TrimSpace(card.Value("X-ADDRESSBOOKSERVER-KIND")))
	}
	if kind != "group" {
		return groupCard{}, false
	}
	g := groupCard{name: cleanName(vtext(card.Value(vcard.FieldFormattedName)))}
	for _, prop := range []string{vcard.FieldMember, "X-ADDRESSBOOKSERVER-MEMBER"} {
		for _, m := range card.Values(prop) {
			g.members = append(g.members, bareUID(m))
		}
	}
	return g, true
}

// bareUID drops the urn:uuid: prefix, which some cards put on UID and
// some on MEMBER only.
func bareUID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 9 && strings.EqualFold(s[:9], "urn:uuid:") {
		return s[9:]
	}
	return s
}

func applyGroups(recs []Record, groups []groupCard) {
	if len(groups) == 0 {
		return
	}
	byUID := map[string]int{}
	for i, r := range recs {
		if r.Contact.UID != "" {
			byUID[strings.ToLower(bareUID(r.Contact.UID))] = i
		}
	}
	for _, g := range groups {
		for _, m := range g.members {
			if i, ok := byUID[strings.ToLower(m)]; ok {
				recs[i].Contact.Tags = addTag(recs[i].Contact.Tags, g.name)
			}
		}
	}
}
