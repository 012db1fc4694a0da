package sync

import (
	"fmt"
	"time"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// rec is one local record as sync sees it.
type rec struct {
	id      uint64
	name    string
	uid     string
	fields  model.Fields
	inScope bool
	dirty   bool // must be written even when its fields are unchanged (a UID to store)
	contact *model.Contact
	fu      *model.FollowUp
}

// mapper is what differs between contacts and tasks.
type mapper interface {
	kind() byte
	noun() string
	coll() collKind
	ext() string
	contentType() string
	lists() []string
	// read turns a server body into fields, and a name for messages.
	read(body []byte) (model.Fields, string, error)
	// apply writes f onto r (a new record when r is nil): the op that
	// stores it and the record as it will be.
	apply(r *rec, f model.Fields, uid string) (store.SyncOp, *rec, error)
	// body is what is sent for r, keeping what last (the server's copy) adds.
	body(r *rec, last []byte) ([]byte, error)
}

// contacts maps contacts to vCards.
type contacts struct {
	now time.Time
}

func (contacts) kind() byte          { return store.SyncContact }
func (contacts) noun() string        { return "contact" }
func (contacts) coll() collKind      { return addressBook }
func (contacts) ext() string         { return ".vcf" }
func (contacts) contentType() string { return "text/vcard; charset=utf-8" }
func (contacts) lists() []string     { return contactLists }

func (m contacts) read(body []byte) (model.Fields, string, error) {
	f, c, err := cardFields(body, m.now)
	return f, c.Name, err
}

func (m contacts) apply(r *rec, f model.Fields, uid string) (store.SyncOp, *rec, error) {
	var c model.Contact
	if r != nil {
		c = *r.contact
	} else {
		c = model.Contact{Created: m.now, Stage: model.Prospect}
	}
	setContactFields(&c, f)
	if c.UID == "" {
		c.UID = uid
	}
	if err := c.Validate(); err != nil {
		return store.SyncOp{}, nil, err
	}
	after := m.rec(c, true)
	return store.SyncOp{Contact: after.contact}, after, nil
}

func (m contacts) body(r *rec, _ []byte) ([]byte, error) {
	return contactBody(*r.contact), nil
}

func (m contacts) rec(c model.Contact, scope bool) *rec {
	r := &rec{id: c.ID, name: c.Name, uid: exchange.ContactUID(c), inScope: scope, contact: &c}
	r.dirty = c.UID == ""
	r.fields = normContact(c, m.now)
	return r
}

// tasks maps follow-ups to VTODOs; contacts are found by UID.
type tasks struct {
	client string // the book's id for the account, in new tasks' UIDs
	now    time.Time
	today  model.Date
	byUID  map[string]model.Contact // bare lower-case UID -> contact
	byID   map[uint64]model.Contact
	// follows is the book's follow-ups, read with the contacts above.
	follows []model.FollowUp
}

func (tasks) kind() byte          { return store.SyncTask }
func (tasks) noun() string        { return "follow-up" }
func (tasks) coll() collKind      { return taskList }
func (tasks) ext() string         { return ".ics" }
func (tasks) contentType() string { return "text/calendar; charset=utf-8" }
func (tasks) lists() []string     { return nil }

func uidKey(uid string) string { return exchange.UIDKey(uid) }

func (m tasks) read(body []byte) (model.Fields, string, error) {
	t, err := exchange.ReadTask(body, m.today)
	if err != nil {
		return nil, "", err
	}
	return taskFields(t), t.FollowUp.Text, nil
}

func (m tasks) apply(r *rec, f model.Fields, uid string) (store.SyncOp, *rec, error) {
	var fu model.FollowUp
	if r != nil {
		fu = *r.fu
	}
	setTaskFields(&fu, f)
	c, ok := m.byUID[f.First("contact")]
	if !ok {
		return store.SyncOp{}, nil, &noContactError{fu.Text}
	}
	fu.ContactID = c.ID
	if err := fu.Validate(); err != nil {
		return store.SyncOp{}, nil, fmt.Errorf("the task %q: %v", fu.Text, err)
	}
	after := m.rec(fu, uid)
	return store.SyncOp{FollowUp: after.fu}, after, nil
}

func (m tasks) task(r *rec) exchange.Task {
	c := m.byID[r.fu.ContactID]
	return exchange.Task{UID: r.uid, FollowUp: *r.fu, ContactUID: exchange.ContactUID(c), ContactName: c.Name}
}

func (m tasks) body(r *rec, last []byte) ([]byte, error) {
	return exchange.EncodeTask(m.task(r), last, m.now)
}

// rec builds a follow-up's record; uid is its task's UID ("" for one
// never synced: derived from its contact and id).
func (m tasks) rec(f model.FollowUp, uid string) *rec {
	c := m.byID[f.ContactID]
	if uid == "" {
		uid = exchange.FollowUpUID(m.client+"/"+exchange.ContactUID(c), f.ID)
	}
	r := &rec{id: f.ID, name: f.Text + " (" + c.Name + ")", uid: uid, inScope: taskInScope(f, m.today), fu: &f}
	body, err := m.body(r, nil)
	if err == nil {
		if t, err := exchange.ReadTask(body, m.today); err == nil {
			r.fields = taskFields(t)
			return r
		}
	}
	r.fields = taskFields(m.task(r))
	return r
}

// noContactError is a task whose contact rapport does not have (deleted
// here, or a task made on a phone without one).
type noContactError struct{ text string }

func (e *noContactError) Error() string {
	return fmt.Sprintf("the task %q names no contact in rapport", e.text)
}
