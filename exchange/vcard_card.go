package exchange

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-vcard"

	"rapport/model"
)

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

// EncodeCard is the vCard 4.0 of one contact.
func EncodeCard(c model.Contact) []byte {
	var b bytes.Buffer
	if err := vcard.NewEncoder(&b).Encode(contactCard(c)); err != nil {
		return nil // contactCard always sets VERSION, the only failure
	}
	return b.Bytes()
}

// mappedProps are the properties ReadCard turns into contact fields and
// EncodeCard writes from them; KeepUnknown carries every other one over.
var mappedProps = map[string]bool{
	"BEGIN": true, "END": true, "VERSION": true, "PRODID": true, "REV": true,
	"UID": true, "FN": true, "N": true, "ORG": true, "TITLE": true,
	"EMAIL": true, "TEL": true, "CATEGORIES": true, "BDAY": true,
	xABDate: true, xStage: true, xCadence: true, xHowWeMet: true, xMatters: true,
}

func init() {
	for _, p := range anniversaryProps {
		mappedProps[p] = true
	}
}

// KeepUnknown appends to card (written by EncodeCard) the content lines of
// last (the card as another client or server last wrote it) that rapport
// has no field for, byte for byte: a phone's IMPP, X-SOCIALPROFILE or
// PHOTO survive a round trip through rapport. Property groups (Apple's
// item1.URL with its item1.X-ABLabel) travel whole, renamed so they cannot
// collide with the groups EncodeCard uses for dates.
func KeepUnknown(card, last []byte) []byte {
	lines := unfold(unBOM(last))
	unknown := func(name string) bool { return name != "" && !mappedProps[name] && name != xABLabel }
	keepGroup := map[string]bool{}
	for _, l := range lines {
		if group, name := propName(l.text); group != "" && unknown(name) {
			keepGroup[group] = true
		}
	}
	// Lines the card already has (a writer that keeps unknown properties
	// itself) are not added twice; groups are compared without their name.
	have := map[string]bool{}
	for _, l := range unfold(card) {
		have[ungrouped(l.text)] = true
	}
	var kept []string
	groups := map[string]string{}
	for _, l := range lines {
		group, name := propName(l.text)
		if have[ungrouped(l.text)] {
			continue
		}
		if group == "" {
			if unknown(name) {
				kept = append(kept, l.text)
			}
			continue
		}
		if !keepGroup[group] {
			continue
		}
		if groups[group] == "" {
			groups[group] = "kept" + strconv.Itoa(len(groups)+1)
		}
		kept = append(kept, groups[group]+l.text[len(group):])
	}
	if len(kept) == 0 {
		return card
	}
	end := bytes.LastIndex(card, []byte("END:VCARD"))
	if end < 0 {
		return card
	}
	var out bytes.Buffer
	out.Write(card[:end])
	for _, k := range kept {
		out.WriteString(k)
		out.WriteString("\r\n")
	}
	out.Write(card[end:])
	return out.Bytes()
}

// propName splits a content line's name into its group and property name
// (upper case), ignoring parameters and value.
func propName(line string) (group, name string) {
	head := line
	if i := strings.IndexAny(head, ":;"); i >= 0 {
		head = head[:i]
	}
	if g, n, ok := strings.Cut(head, "."); ok {
		return g, strings.ToUpper(strings.TrimSpace(n))
	}
	return "", strings.ToUpper(strings.TrimSpace(head))
}

// NewUID derives a fresh UID from an old one and a record id, for a record
// whose UID another record already uses.
func NewUID(old string, id uint64) string {
	return hashUUID("rapport-uid", old, strconv.FormatUint(id, 10))
}

// ungrouped is a content line without its group prefix.
func ungrouped(line string) string {
	if g, _ := propName(line); g != "" {
		return line[len(g)+1:]
	}
	return line
}
