package exchange

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"rapport/model"
)

// The vCard writer is written here rather than with go-vcard's encoder,
// which escapes every backslash and comma in a value the same way: it
// cannot write "\;" inside one part of a structured value (a company
// "Smith; Jones") nor tell the commas that separate CATEGORIES from a
// comma inside one tag ("vip, gold"). Here each property is escaped as
// RFC 6350 3.4 says for its value type, and lines are folded at 75 octets.

// EncodeCard is the vCard 4.0 of one contact: the inverse of ReadCard for
// every field a vCard can carry. Fields with no standard property travel
// as X-RAPPORT-* (stage, cadence, how we met, what matters) and Apple's
// labelled X-ABDATE (moments other than the anniversary), which Apple
// Contacts shows; properties kept from an imported card go back as they came.
func EncodeCard(c model.Contact) []byte {
	var b strings.Builder
	line := func(s string) {
		b.WriteString(fold(s))
		b.WriteString("\r\n")
	}
	text := func(name, v string) {
		if v = model.CleanLine(v); v != "" {
			line(name + ":" + escText(v))
		}
	}
	line("BEGIN:VCARD")
	line("VERSION:4.0")
	line("PRODID:-//rapport//rapport//EN")
	line("UID:" + escText(model.CleanLine(ContactUID(c))))
	text("FN", c.Name)
	line("N:" + escParts(nameParts(c)...))
	if c.Company != "" {
		line("ORG:" + escText(model.CleanLine(c.Company)))
	}
	text("TITLE", c.Title)
	for i, e := range c.Emails {
		line("EMAIL" + pref(i, len(c.Emails)) + ":" + escText(model.CleanLine(e)))
	}
	for i, p := range c.Phones {
		line("TEL" + pref(i, len(c.Phones)) + ":" + escText(model.CleanLine(p)))
	}
	if len(c.Tags) > 0 {
		line("CATEGORIES:" + escList(c.Tags))
	}
	if len(c.Nicknames) > 0 {
		line("NICKNAME:" + escList(c.Nicknames))
	}
	for i, u := range c.URLs {
		line("URL" + pref(i, len(c.URLs)) + ":" + model.CleanLine(u)) // a URI, not text: no escapes
	}
	item := 0
	group := func() string { item++; return "item" + strconv.Itoa(item) }
	for i, a := range c.Addresses {
		writeAddress(line, a, pref(i, len(c.Addresses)), group)
	}
	if !c.Birthday.IsZero() {
		line("BDAY:" + cardDate(c.Birthday))
	}
	anniversary := false
	for _, m := range c.Moments {
		if m.Label == model.LabelAnniversary && !anniversary {
			anniversary = true
			line("ANNIVERSARY:" + cardDate(m.Date))
			continue
		}
		g := group()
		line(g + "." + xABDate + ":" + cardDate(m.Date))
		line(g + "." + xABLabel + ":" + escText(model.CleanLine(m.Label)))
	}
	if c.Background != "" {
		line("NOTE:" + escText(model.CleanText(c.Background)))
	}
	if c.Stage != "" {
		line(xStage + ":" + string(c.Stage))
	}
	if c.Cadence > 0 {
		line(xCadence + ":" + strconv.Itoa(c.Cadence))
	}
	text(xHowWeMet, c.HowWeMet)
	text(xMatters, c.Matters)
	// Kept lines keep their groups apart from the ones written above
	// (Apple ties an X-ABLabel to the other fields of its group).
	regroup := map[string]string{}
	for _, k := range c.Kept {
		if k = model.CleanLine(k); keptLineOK(k) {
			if g := groupOf(k); g != "" {
				if regroup[g] == "" {
					regroup[g] = group()
				}
				k = regroup[g] + k[len(g):]
			}
			line(k)
		}
	}
	line("END:VCARD")
	return []byte(b.String())
}

// keptLineOK refuses a kept line that would break the card: one without a
// property name, or one that would end or nest a card.
func keptLineOK(l string) bool {
	if indexOutsideQuotes(l, ':') <= 0 {
		return false
	}
	name := strings.TrimSpace(model.KeptName(l))
	return name != "" && name != "BEGIN" && name != "END" && name != "VERSION"
}

func pref(i, n int) string {
	if i == 0 && n > 1 {
		return ";PREF=1"
	}
	return ""
}

// nameParts are N's five parts: the source's when they still fit the
// name, else a guess from it.
func nameParts(c model.Contact) []string {
	n := model.GuessNameParts(model.CleanLine(c.Name))
	if c.NameParts != nil && c.NameParts.Fits(c.Name) {
		n = *c.NameParts
	}
	return []string{n.Family, n.Given, n.Additional, n.Prefixes, n.Suffixes}
}

// addressTypes are the labels vCard names with TYPE; any other label goes
// in Apple's X-ABLabel, which Apple Contacts shows and rapport reads back.
var addressTypes = map[string]bool{"home": true, "work": true}

func writeAddress(line func(string), a model.Address, pref string, group func() string) {
	value := escParts("", "", a.Street, a.Locality, a.Region, a.PostalCode, a.Country)
	label := strings.ToLower(model.CleanLine(a.Label))
	switch {
	case label == "":
		line("ADR" + pref + ":" + value)
	case addressTypes[label]:
		line("ADR;TYPE=" + label + pref + ":" + value)
	default:
		g := group()
		line(g + ".ADR" + pref + ":" + value)
		line(g + "." + xABLabel + ":" + escText(model.CleanLine(a.Label)))
	}
}

// escText escapes a text value (RFC 6350 3.4): backslash, comma,
// semicolon and newline.
var escText = strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace

// escParts writes a structured value: parts escaped, joined by ";".
func escParts(parts ...string) string {
	for i := range parts {
		parts[i] = escText(model.CleanText(parts[i]))
	}
	return strings.Join(parts, ";")
}

// escList writes a list of text values: each escaped, joined by ",".
func escList(values []string) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = escText(model.CleanLine(v))
	}
	return strings.Join(out, ",")
}

// fold breaks a line into 75-octet pieces, never inside a UTF-8 sequence;
// continuations start with a space.
func fold(s string) string {
	if len(s) <= 75 {
		return s
	}
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	return b.String()
}
