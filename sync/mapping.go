package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"rapport/exchange"
	"rapport/model"
)

// A record is compared, merged and hashed as model.Fields: the values a
// vCard or VTODO carries, named. The local side is always read back from
// the body rapport would send, so a field the format cannot carry (or
// carries differently) never looks like a change.

// contactLists are the contact fields merged as sets.
var contactLists = []string{"emails", "phones", "tags", "moments", "nicknames", "urls", "addresses", "kept"}

// contactFields flattens the contact fields a vCard carries.
func contactFields(c model.Contact) model.Fields {
	f := model.Fields{}
	set := func(k string, vs ...string) {
		for _, v := range vs {
			if v != "" {
				f[k] = append(f[k], v)
			}
		}
	}
	set("uid", c.UID)
	set("name", c.Name)
	set("company", c.Company)
	set("title", c.Title)
	set("emails", c.Emails...)
	set("phones", c.Phones...)
	set("tags", c.Tags...)
	if !c.Birthday.IsZero() {
		set("birthday", c.Birthday.String())
	}
	for _, m := range c.Moments {
		set("moments", m.Label+"="+m.Date.String())
	}
	set("stage", string(c.Stage))
	if c.Cadence > 0 {
		set("cadence", strconv.Itoa(c.Cadence))
	}
	set("how_we_met", c.HowWeMet)
	set("matters", c.Matters)
	set("nicknames", c.Nicknames...)
	set("urls", c.URLs...)
	for _, a := range c.Addresses {
		set("addresses", jsonValue(a))
	}
	set("background", c.Background)
	if c.NameParts != nil && !c.NameParts.IsZero() {
		set("name_parts", jsonValue(*c.NameParts))
	}
	// Properties rapport has no field for (a phone's IMPP, PHOTO ...):
	// merged as a set, written back as they came.
	set("kept", c.Kept...)
	return f
}

// jsonValue is a structured value (an address, a name's parts) as one
// comparable string.
func jsonValue(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// setContactFields writes fields onto a contact. Stage and cadence are
// advisory: a card without them (from a phone) leaves rapport's own.
func setContactFields(c *model.Contact, f model.Fields) {
	if uid := f.First("uid"); uid != "" {
		c.UID = uid
	}
	c.Name = f.First("name")
	c.Company = f.First("company")
	c.Title = f.First("title")
	c.Emails = slices.Clone(f["emails"])
	c.Phones = slices.Clone(f["phones"])
	c.Tags = slices.Clone(f["tags"])
	c.Birthday = model.Date{}
	if d, err := model.ParseDate(f.First("birthday")); err == nil {
		c.Birthday = d
	}
	c.Moments = nil
	for _, m := range f["moments"] {
		label, date, _ := strings.Cut(m, "=")
		if d, err := model.ParseDate(date); err == nil {
			c.Moments = append(c.Moments, model.Moment{Label: label, Date: d})
		}
	}
	if st, err := model.ParseStage(f.First("stage")); err == nil {
		c.Stage = st
	}
	if n, err := strconv.Atoi(f.First("cadence")); err == nil && n > 0 {
		c.Cadence = n
	}
	c.HowWeMet = f.First("how_we_met")
	c.Matters = f.First("matters")
	c.Nicknames = slices.Clone(f["nicknames"])
	c.URLs = slices.Clone(f["urls"])
	c.Addresses = nil
	for _, v := range f["addresses"] {
		var a model.Address
		if json.Unmarshal([]byte(v), &a) == nil {
			c.Addresses = append(c.Addresses, a)
		}
	}
	c.Background = f.First("background")
	c.NameParts = nil
	if v := f.First("name_parts"); v != "" {
		var n model.NameParts
		if json.Unmarshal([]byte(v), &n) == nil {
			c.NameParts = &n
		}
	}
	c.Kept = slices.Clone(f["kept"])
}

// cardFields reads a vCard body as fields; the contact comes with them
// for a record rapport does not have yet.
func cardFields(body []byte, now time.Time) (model.Fields, model.Contact, error) {
	rec, _, err := exchange.ReadCard(body, now)
	if err != nil {
		return nil, model.Contact{}, err
	}
	return contactFields(rec.Contact), rec.Contact, nil
}

// contactBody is the vCard rapport sends for a contact. Properties rapport
// has no field for travel in the contact's Kept lines (read from the
// server's copy like any other field), so the server's last body is not
// needed.
func contactBody(c model.Contact) []byte {
	if c.UID == "" {
		c.UID = exchange.ContactUID(c)
	}
	return exchange.EncodeCard(c)
}

// normContact is a contact's fields as they read back from its card.
func normContact(c model.Contact, now time.Time) model.Fields {
	f, _, err := cardFields(contactBody(c), now)
	if err != nil {
		return contactFields(c)
	}
	return f
}

// Follow-ups travel as tasks. The contact is named by UID.
func taskFields(t exchange.Task) model.Fields {
	f := model.Fields{}
	set := func(k, v string) {
		if v != "" {
			f[k] = []string{v}
		}
	}
	set("uid", t.UID)
	set("text", t.FollowUp.Text)
	set("due", dateString(t.FollowUp.Due))
	set("promised", dateString(t.FollowUp.Promised))
	set("done", dateString(t.FollowUp.Done))
	if t.FollowUp.TheyOwe {
		set("they_owe", "yes")
	}
	set("contact", exchange.UIDKey(t.ContactUID))
	return f
}

func dateString(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// setTaskFields writes fields onto a follow-up (the contact link is the
// caller's: it needs the book).
func setTaskFields(fu *model.FollowUp, f model.Fields) {
	fu.Text = f.First("text")
	fu.Due, _ = model.ParseDate(f.First("due"))
	fu.Promised, _ = model.ParseDate(f.First("promised"))
	if fu.Promised.IsZero() {
		fu.Promised = fu.Due
	}
	fu.Done, _ = model.ParseDate(f.First("done"))
	fu.TheyOwe = f.First("they_owe") == "yes"
}

// hashFields is a short digest of fields, stored beside the snapshot.
func hashFields(f model.Fields) string {
	h := sha256.New()
	for _, k := range slices.Sorted(maps.Keys(f)) {
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00", k, len(f[k]), strings.Join(f[k], "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// inScope says whether a contact goes to the server: every contact when
// the account names no tags and no stages, else those with one of the
// tags or one of the stages.
func inScope(c model.Contact, tags, stages []string) bool {
	if len(tags) == 0 && len(stages) == 0 {
		return true
	}
	for _, t := range tags {
		if c.HasTag(t) {
			return true
		}
	}
	for _, st := range stages {
		if strings.EqualFold(string(c.Stage), st) {
			return true
		}
	}
	return false
}

// taskInScope: open follow-ups, and those done in the last month (so a
// task ticked off on one side shows as done on the other, then leaves).
func taskInScope(f model.FollowUp, today model.Date) bool {
	return f.Open() || !f.Done.Before(today.AddDays(-30))
}

func taskOf(f model.FollowUp) exchange.Task { return exchange.Task{FollowUp: f} }
