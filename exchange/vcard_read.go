package exchange

import (
	"fmt"
	"slices"
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
// extensions of Microsoft, Outlook, Evolution and KAddressBook.
var anniversaryProps = []string{vcard.FieldAnniversary, "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY", "X-KADDRESSBOOK-X-ANNIVERSARY"}

// readVCards reads every card of one file. Group cards (Apple's and 4.0's
// KIND:group) are not contacts: their names become tags of their members.
func readVCards(text []byte, file string, now time.Time) ([]Record, []Problem) {
	recs, probs, groups := readCards(text, file, now)
	applyGroups(recs, groups)
	return recs, probs
}

// ReadCard reads the first card of data (a CardDAV resource, a vdir file)
// into a record: the inverse of EncodeCard. The problems are fields left
// out; an error says why the card could not be read at all.
func ReadCard(data []byte, now time.Time) (Record, []Problem, error) {
	recs, probs, groups := readCards(data, "", now)
	if len(recs) == 0 {
		for _, p := range probs {
			if p.Skipped {
				return Record{}, probs, fmt.Errorf("%s", p.Msg)
			}
		}
		if len(groups) > 0 {
			return Record{}, probs, fmt.Errorf("it is a group card, not a contact")
		}
		return Record{}, probs, fmt.Errorf("it holds no vCard")
	}
	return recs[0], probs, nil
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
		for name, n := range rc.drops {
			for range n {
				rec.Dropped = append(rec.Dropped, name)
			}
		}
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
	c.NameParts = cr.nameParts()
	c.Name = cr.name(c.NameParts)
	c.UID = cr.text(vcard.FieldUID)
	c.Company = strings.Join(nonEmpty(structured(cr.card.Value(vcard.FieldOrganization))...), ", ")
	c.Title = cr.text(vcard.FieldTitle)
	if c.Title == "" {
		c.Title = cr.text(vcard.FieldRole)
	}
	emails := cr.card[vcard.FieldEmail]
	for _, f := range preferredFirst(emails) {
		i := indexOf(emails, f)
		c.Emails = addEmail(c.Emails, vtext(f.Value), func(m string) { cr.warn(vcard.FieldEmail, i, m) })
	}
	if c.Name == "" && len(c.Emails) > 0 {
		c.Name = c.Emails[0]
		cr.warn(vcard.FieldEmail, 0, "the card has no name (FN, N or ORG); named after its email address")
	}
	if c.Name == "" {
		return Record{}, fmt.Errorf("it has no name (FN, N or ORG) and no email address")
	}
	for _, f := range preferredFirst(cr.card[vcard.FieldTelephone]) {
		c.Phones = addPhone(c.Phones, vtext(f.Value))
	}
	for _, f := range cr.card[vcard.FieldCategories] {
		for _, t := range splitList(f.Value) {
			c.Tags = addTag(c.Tags, vtext(t))
		}
	}
	for _, f := range cr.card[vcard.FieldNickname] {
		for _, n := range splitList(f.Value) {
			c.Nicknames = addUnique(c.Nicknames, cleanName(vtext(n)))
		}
	}
	for _, v := range cr.card.Values(xAndroidCustom) {
		if n, ok := androidNickname(v); ok {
			c.Nicknames = addUnique(c.Nicknames, n)
		}
	}
	for _, f := range preferredFirst(cr.card[vcard.FieldURL]) {
		c.URLs = addUnique(c.URLs, cleanField(vtext(f.Value)))
	}
	c.Addresses = cr.addresses()
	var notes []string
	for _, n := range cr.card.Values(vcard.FieldNote) {
		if n = strings.TrimSpace(model.CleanText(vtext(n))); n != "" {
			notes = append(notes, n)
		}
	}
	c.Background = strings.Join(notes, "\n\n")
	cr.dates(&c)
	cr.rapportFields(&c)
	c.Kept = cr.kept()
	return Record{Contact: c}, nil
}

// addUnique appends v unless it is empty or there already.
func addUnique(list []string, v string) []string {
	if v == "" {
		return list
	}
	for _, have := range list {
		if have == v {
			return list
		}
	}
	return append(list, v)
}

// nameParts is N as the card gives it; nil when the card has none.
func (cr *cardReader) nameParts() *model.NameParts {
	f := cr.card.Get(vcard.FieldName)
	if f == nil {
		return nil
	}
	p := structured(f.Value)
	at := func(i int) string {
		if i < len(p) {
			// several values of one part are comma-separated
			return cleanName(strings.ReplaceAll(p[i], ",", " "))
		}
		return ""
	}
	n := model.NameParts{Family: at(0), Given: at(1), Additional: at(2), Prefixes: at(3), Suffixes: at(4)}
	if n.IsZero() {
		return nil
	}
	return &n
}

// name is FN, else the parts of N, else the organisation (company cards).
func (cr *cardReader) name(n *model.NameParts) string {
	for _, f := range cr.card[vcard.FieldFormattedName] {
		if n := cleanName(vtext(f.Value)); n != "" {
			return n
		}
	}
	if n != nil {
		return n.String()
	}
	if org := nonEmpty(structured(cr.card.Value(vcard.FieldOrganization))...); len(org) > 0 {
		return org[0]
	}
	return ""
}

// addresses reads ADR: post office box; extended address; street;
// locality; region; postal code; country. The box and the extended
// address (a suite, a floor) become street lines after the street, as
// on an envelope. The label is Apple's X-ABLabel, else the first TYPE
// that names a place (home, work) rather than a delivery (postal, parcel).
func (cr *cardReader) addresses() []model.Address {
	labels := cr.groupLabels()
	var out []model.Address
	for _, f := range preferredFirst(cr.card[vcard.FieldAddress]) {
		p := splitStructured(f.Value)
		for len(p) < 7 {
			p = append(p, "")
		}
		a := model.Address{
			Label:  addressLabel(labels[f.Group], f.Params.Types()),
			Street: streetLines(vtext(p[2]), vtext(p[1]), vtext(p[0])), Locality: cleanName(vtext(p[3])), Region: cleanName(vtext(p[4])),
			PostalCode: cleanName(vtext(p[5])), Country: cleanName(vtext(p[6])),
		}
		out = addAddress(out, a)
	}
	return out
}

// streetLines joins the non-empty lines of an address's street parts
// (the street, the extended address, the post office box), each cleaned.
func streetLines(parts ...string) string {
	var street []string
	for _, part := range parts {
		for _, l := range strings.Split(part, "\n") {
			if l = cleanName(l); l != "" {
				street = append(street, l)
			}
		}
	}
	return strings.Join(street, "\n")
}

// addAddress appends a unless it is empty or the list has it already.
func addAddress(list []model.Address, a model.Address) []model.Address {
	if a.IsZero() || slices.ContainsFunc(list, func(have model.Address) bool { return sameAddress(have, a) }) {
		return list
	}
	return append(list, a)
}

func addressLabel(apple string, types []string) string {
	if l := cleanField(appleLabel(apple)); l != "" {
		return strings.ToLower(l)
	}
	for _, t := range types {
		for _, t := range strings.Split(t, ",") {
			switch t = strings.ToLower(strings.TrimSpace(t)); t {
			case "", "pref", "postal", "parcel", "dom", "intl", "internet", "voice":
			default:
				return cleanField(strings.TrimPrefix(t, "x-"))
			}
		}
	}
	return ""
}

// sameAddress compares the parts, not the label: one place labelled twice
// is one address.
func sameAddress(a, b model.Address) bool {
	a.Label, b.Label = "", ""
	return a == b
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

// xAndroidCustom is how Android's contacts app exports the fields vCard
// 2.1 has no property for: "vnd.android.cursor.item/nickname;Lu;1;;…".
const xAndroidCustom = "X-ANDROID-CUSTOM"

// androidNickname reads the nickname out of an X-ANDROID-CUSTOM value.
func androidNickname(v string) (string, bool) {
	parts := splitStructured(v)
	if len(parts) < 2 || parts[0] != "vnd.android.cursor.item/nickname" {
		return "", false
	}
	n := cleanName(vtext(parts[1]))
	return n, n != ""
}

// mappedProps are the properties rapport reads into fields (or, like
// VERSION and REV, that describe the file rather than the person); every
// other property is kept as-is.
var mappedProps = map[string]bool{
	"VERSION": true, "PRODID": true, "REV": true, "UID": true, "FN": true, "N": true,
	"ORG": true, "TITLE": true, "EMAIL": true, "TEL": true, "CATEGORIES": true,
	"BDAY": true, "NOTE": true, "NICKNAME": true, "URL": true, "ADR": true,
	"KIND": true, "MEMBER": true, "X-ADDRESSBOOKSERVER-KIND": true, "X-ADDRESSBOOKSERVER-MEMBER": true,
	// 2.1 and 3.0's LABEL is the ADR formatted for an envelope: derived.
	"LABEL": true,
	xStage:  true, xCadence: true, xHowWeMet: true, xMatters: true, xABDate: true,
}

func init() {
	for _, p := range anniversaryProps {
		mappedProps[p] = true
	}
}

// kept lists the card's properties that no field holds, as the lines the
// pre-pass wrote: the vCard export writes them back. ROLE is mapped only
// when it stood in for a missing TITLE; an X-ABLabel goes with a kept
// property of its group and is dropped with a mapped one.
func (cr *cardReader) kept() []string {
	keep := func(p rawProp) bool {
		switch p.name {
		case xAndroidCustom:
			_, nick := androidNickname(p.line[indexOutsideQuotes(p.line, ':')+1:])
			return !nick
		case vcard.FieldRole:
			return cr.card.Value(vcard.FieldTitle) != ""
		case xABLabel:
			return false
		}
		return !mappedProps[p.name]
	}
	groups := map[string]bool{}
	for _, p := range cr.raw.props {
		if p.group != "" && p.name != xABLabel && keep(p) {
			groups[p.group] = true
		}
	}
	// Groups are renamed by order of appearance (g1, g2 ...): the export
	// numbers them after its own, so the names a card came with would
	// not survive a round trip, and a re-import would see new lines.
	names := map[string]string{}
	var out []string
	for _, p := range cr.raw.props {
		if !keep(p) && !(p.name == xABLabel && groups[p.group]) {
			continue
		}
		l := strings.ReplaceAll(p.line, escapedComma, `\,`)
		if p.group != "" {
			if names[p.group] == "" {
				names[p.group] = "g" + strconv.Itoa(len(names)+1)
			}
			l = names[p.group] + l[len(p.group):]
		}
		// Keep only what the writer will write back: a line it would
		// refuse (no property name) would differ on every round trip.
		if l = model.CleanLine(l); keptLineOK(l) {
			out = append(out, l)
		}
	}
	return out
}

// structured splits a structured value (N, ORG, ADR) on the semicolons
// that are not escaped, cleaning every part; parts keep their places.
// go-vcard splits on every semicolon, so a company called "A\; B" would
// otherwise become a company and a department.
func structured(v string) []string {
	parts := splitStructured(v)
	for i := range parts {
		parts[i] = cleanName(vtext(parts[i]))
	}
	return parts
}

// splitStructured splits on unescaped semicolons, turning "\;" into ";"
// and leaving the rest of each part as it was.
func splitStructured(v string) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v) && v[i+1] == ';':
			b.WriteByte(';')
			i++
		case v[i] == ';':
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(v[i])
		}
	}
	return append(parts, b.String())
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

// bareUID drops the urn:uuid: prefix (see model.BareUID).
func bareUID(s string) string { return model.BareUID(s) }

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
