package exchange

import (
	"bytes"
	"io"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// The pre-pass turns any vCard file into cards that go-vcard reads without
// losing data. go-vcard reads 3.0 and 4.0 well but quietly drops what 2.1
// (Android, old Nokia and Outlook exports) does differently:
//   - quoted-printable values continue on the next line after a soft "="
//     break, with no leading space, so go-vcard sees a broken line;
//   - CHARSET=ISO-8859-1 and friends name the bytes' encoding;
//   - parameters may be bare (TEL;CELL;PREF:+49...), which go-vcard reads as
//     a parameter named CELL whose value swallows the phone number;
//   - base64 PHOTO data may run over unindented lines.
// It also splits the file into cards itself, so a bad card can be reported
// with the line it starts on, and drops binary properties (PHOTO, LOGO,
// SOUND, KEY) early: rapport keeps no pictures and they can be megabytes.

// rawCard is one card found by the pre-pass.
type rawCard struct {
	line  int              // line of BEGIN:VCARD, from 1
	text  string           // the card, rewritten for go-vcard
	lines map[string][]int // property name -> line of each occurrence
	err   string           // why the card cannot be read; "" when fine
	warns []Problem        // lines left out of the card
	props []rawProp        // every property line, in order, as rewritten
	drops map[string]int   // binary properties dropped, by name
}

// rawProp is one property line as the pre-pass wrote it for go-vcard: what
// a card keeps as-is when rapport has no field for it.
type rawProp struct {
	name, group, line string
}

// lineAt is the line of the i-th occurrence of property name, or the
// card's first line.
func (rc *rawCard) lineAt(name string, i int) int {
	if ls := rc.lines[name]; i < len(ls) {
		return ls[i]
	}
	return rc.line
}

// logical is one unfolded content line and where it starts.
type logical struct {
	line int
	text string
}

// binaryProps are dropped: no field of rapport holds them.
var binaryProps = map[string]bool{"PHOTO": true, "LOGO": true, "SOUND": true, "KEY": true}

// prepass splits text into cards.
func prepass(text []byte) []rawCard {
	var cards []rawCard
	var cur *rawCard
	var body strings.Builder
	finish := func(err string) {
		if cur == nil {
			return
		}
		if err == "" {
			body.WriteString("END:VCARD\r\n")
			cur.text = body.String()
		}
		cur.err = err
		cards = append(cards, *cur)
		cur = nil
	}
	for _, l := range unfold(text) {
		name := strings.ToUpper(strings.TrimSpace(l.text))
		switch {
		case name == "BEGIN:VCARD":
			finish("it has no END:VCARD before the next BEGIN:VCARD")
			cur = &rawCard{line: l.line, lines: map[string][]int{}, drops: map[string]int{}}
			body.Reset()
			body.WriteString("BEGIN:VCARD\r\n")
		case cur == nil:
			// text outside any card (a preamble, a stray END) says nothing
		case name == "END:VCARD":
			finish("")
		default:
			out, prop, warn := normaliseLine(l.text)
			switch {
			case warn != "":
				cur.warns = append(cur.warns, Problem{Line: l.line, Msg: warn})
			case out != "":
				cur.lines[prop] = append(cur.lines[prop], l.line)
				cur.props = append(cur.props, rawProp{prop, groupOf(out), out})
				body.WriteString(out)
				body.WriteString("\r\n")
			case binaryProps[prop]:
				cur.drops[prop]++
			}
		}
	}
	finish("the file ends before its END:VCARD")
	return cards
}

// unfold joins continuation lines: RFC folding (a line that starts with a
// space or tab continues the previous one), quoted-printable soft breaks
// (a QP value ending in "=" continues on the next line) and unindented
// base64 runs. Blank lines are dropped.
func unfold(text []byte) []logical {
	var out []logical
	qpOpen, binOpen := false, false
	n := 0
	for len(text) > 0 {
		var raw []byte
		raw, text, _ = bytes.Cut(text, []byte("\n"))
		n++
		s := strings.TrimRight(string(raw), "\r")
		last := len(out) - 1
		switch {
		case qpOpen && last >= 0 && !isCardBoundary(s):
			out[last].text = strings.TrimSuffix(out[last].text, "=") + s // the soft break
		case last >= 0 && s != "" && (s[0] == ' ' || s[0] == '\t'):
			out[last].text += s[1:]
		case binOpen && last >= 0 && s != "" && !strings.Contains(s, ":"):
			out[last].text += s
		case strings.TrimSpace(s) == "":
			binOpen = false
			continue
		default:
			out = append(out, logical{n, s})
		}
		last = len(out) - 1
		head := headOf(out[last].text)
		qpOpen = strings.HasSuffix(out[last].text, "=") && strings.Contains(head, "QUOTED-PRINTABLE")
		binOpen = strings.Contains(head, "BASE64") || strings.Contains(head, "ENCODING=B")
	}
	return out
}

// isCardBoundary spots BEGIN:VCARD and END:VCARD, which no continuation
// may swallow.
func isCardBoundary(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	return s == "BEGIN:VCARD" || s == "END:VCARD"
}

// headOf is the upper-cased part of a line before its value, cut at most
// at the first colon (good enough to spot an encoding parameter).
func headOf(l string) string {
	head, _, _ := strings.Cut(l, ":")
	return strings.ToUpper(head)
}

// normaliseLine rewrites one property so go-vcard reads it fully. It
// returns the line ("" to drop it), the property name, and a warning when
// the line is not a property at all.
func normaliseLine(l string) (out, name, warn string) {
	colon := indexOutsideQuotes(l, ':')
	if colon < 0 {
		return "", "", "not a vCard property (no colon); left out"
	}
	head, value := l[:colon], l[colon+1:]
	parts := splitOutsideQuotes(head, ';')
	group, prop := "", parts[0]
	if g, p, ok := strings.Cut(prop, "."); ok {
		group, prop = g, p
	}
	prop = strings.ToUpper(strings.TrimSpace(prop))
	if prop == "" {
		return "", "", "not a vCard property (no name); left out"
	}
	if strings.Contains(prop, ".") {
		// One group, then a name: readers split "a.b.ADR" differently,
		// so it would be an address to one and a kept line to another.
		return "", "", "not a vCard property name (" + prop + "); left out"
	}
	if binaryProps[prop] {
		return "", prop, ""
	}
	if prop == "BEGIN" || prop == "END" { // go-vcard would end the card here
		return "", "", "a nested " + prop + " inside a card; left out"
	}
	changed := false
	var params [][2]string
	var encoding, charset string
	for _, p := range parts[1:] {
		k, v, hasValue := strings.Cut(p, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		if !hasValue { // a bare 2.1 parameter
			changed = true
			switch k {
			case "":
				continue
			case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
				k, v = "ENCODING", k
			default:
				k, v = "TYPE", k
			}
		}
		if strings.Contains(v, `"`) {
			v, changed = unquoteParam(v), true
		}
		switch k {
		case "ENCODING":
			encoding = strings.ToUpper(strings.Trim(v, `"`))
			if encoding == "QUOTED-PRINTABLE" || encoding == "8BIT" || encoding == "7BIT" {
				changed = true
				continue
			}
		case "CHARSET":
			charset, changed = strings.Trim(v, `"`), true
			continue
		}
		params = append(params, [2]string{k, v})
	}
	if encoding == "QUOTED-PRINTABLE" {
		value = escapeNewlines(decodeQP(value))
	}
	if charset != "" || !utf8.ValidString(value) {
		value = toUTF8(value, charset)
		changed = true
	}
	if listProps[prop] && strings.Contains(value, `\,`) {
		value, changed = protectCommas(value), true
	}
	if !changed {
		return l, prop, ""
	}
	var b strings.Builder
	if group != "" {
		b.WriteString(group + ".")
	}
	b.WriteString(prop)
	for _, p := range params {
		b.WriteString(";" + p[0] + "=" + p[1])
	}
	b.WriteString(":" + value)
	return b.String(), prop, ""
}

// decodeQP decodes a quoted-printable value. Exporters get QP wrong in
// small ways (a lone "=", lower-case hex); what the standard decoder
// refuses is decoded byte by byte, keeping what cannot be decoded.
func decodeQP(s string) string {
	out, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(s)))
	if err == nil {
		return string(out)
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		if s[i] == '=' && i == len(s)-1 {
			continue // a soft break left at the end
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// escapeNewlines writes the line breaks a QP value decoded to as vCard
// "\n" escapes, which go-vcard turns back into line breaks.
func escapeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", `\n`)
}

// toUTF8 converts a value from the named charset; an unknown charset or
// bytes that are not valid in it fall back to Windows-1252, so nothing
// reaches the store as invalid UTF-8.
func toUTF8(s, charset string) string {
	if charset != "" {
		if enc, err := htmlindex.Get(charset); err == nil {
			if out, err := enc.NewDecoder().String(s); err == nil && utf8.ValidString(out) {
				return out
			}
		}
	}
	if utf8.ValidString(s) {
		return s
	}
	return string(latin([]byte(s)))
}

// indexOutsideQuotes finds the first c that is not inside double quotes
// (a parameter value such as LABEL="1 Main St: back door" may hold one).
func indexOutsideQuotes(s string, c byte) int {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
		case s[i] == c && !quoted:
			return i
		}
	}
	return -1
}

func splitOutsideQuotes(s string, sep byte) []string {
	var parts []string
	for {
		i := indexOutsideQuotes(s, sep)
		if i < 0 {
			return append(parts, s)
		}
		parts = append(parts, s[:i])
		s = s[i+1:]
	}
}

// listProps hold comma-separated lists of text values, where "\," is a
// comma inside one value. go-vcard unescapes it to a plain comma before
// rapport can split the list, so the pre-pass swaps it for escapedComma.
var listProps = map[string]bool{"CATEGORIES": true, "NICKNAME": true}

// escapedComma stands for "\," inside a list value until the list is split.
const escapedComma = "\uE000"

func protectCommas(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			if v[i+1] == ',' {
				b.WriteString(escapedComma)
			} else {
				b.WriteString(v[i : i+2])
			}
			i++
			continue
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// splitList splits a list value protected by protectCommas.
func splitList(v string) []string {
	parts := strings.Split(v, ",")
	for i := range parts {
		parts[i] = strings.ReplaceAll(parts[i], escapedComma, ",")
	}
	return parts
}

// unquoteParam rewrites a parameter value list that go-vcard cannot read:
// it accepts a quoted value only when it ends the parameter, so
// TYPE="cell",PREF (valid RFC 6350) would lose the whole line. The quotes
// go; a lone value that needs them (it holds : ; or ,) keeps them.
func unquoteParam(v string) string {
	values := splitOutsideQuotes(v, ',')
	for i := range values {
		values[i] = strings.Trim(strings.TrimSpace(values[i]), `"`)
	}
	if len(values) == 1 && strings.ContainsAny(values[0], ":;,") {
		return `"` + values[0] + `"`
	}
	for i := range values {
		values[i] = strings.NewReplacer(":", " ", ";", " ", ",", " ").Replace(values[i])
	}
	return strings.Join(values, ",")
}

// groupOf is the group of a property line ("item1" of "item1.ADR:...").
func groupOf(l string) string {
	i := strings.IndexAny(l, ".;:")
	if i < 0 || l[i] != '.' {
		return ""
	}
	return l[:i]
}
