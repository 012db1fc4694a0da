package sync

import (
	"context"
	"errors"
	"fmt"

	"rapport/model"
	"rapport/store"
)

// fetch reads the server objects the plan needs: every new or changed one.
func (r *runner) fetch(ctx context.Context, m mapper, coll string, acts []*action) error {
	var hrefs []string
	for _, a := range acts {
		if a.etag != "" && (a.item == nil || a.etag != a.item.ETag) && !a.deleteThere {
			hrefs = append(hrefs, a.href)
		}
	}
	byHref := map[string]*Object{}
	for i := 0; i < len(hrefs); i += 100 {
		end := min(i+100, len(hrefs))
		objs, failed := r.c.Fetch(ctx, coll, m.coll(), hrefs[i:end])
		for j := range objs {
			byHref[objs[j].Href] = &objs[j]
		}
		for h, err := range failed {
			r.errorf("%s: %v (skipped)", h, err)
		}
		r.progress("reading "+m.noun()+"s", end, len(hrefs))
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	for _, a := range acts {
		if a.etag != "" {
			a.remote = byHref[a.href]
		}
	}
	return nil
}

// settleAll carries out the plan in chunks; clean is false when some
// object was skipped (so the next run lists everything again).
func (r *runner) settleAll(ctx context.Context, m mapper, coll string, acts []*action) (bool, error) {
	clean := true
	for i := 0; i < len(acts); i += chunk {
		var ops []store.SyncOp
		for _, a := range acts[i:min(i+chunk, len(acts))] {
			op, ok, err := r.settle(ctx, m, coll, a)
			if err != nil {
				return false, err
			}
			clean = clean && ok
			if op != nil {
				ops = append(ops, *op)
			}
		}
		if len(ops) > 0 && !r.opt.DryRun {
			if err := r.s.ApplySync(r.state, fmt.Sprintf("sync %s: %s", r.acc.Name, plural(len(ops), m.noun())), ops); err != nil {
				return false, err
			}
		}
		r.progress("syncing "+m.noun()+"s", min(i+chunk, len(acts)), len(acts))
		if err := ctx.Err(); err != nil {
			return false, err
		}
	}
	return clean, nil
}

// settle does one record's action: the server write first, then the local
// write and the state that goes with it, returned as an op for the chunk.
func (r *runner) settle(ctx context.Context, m mapper, coll string, a *action) (*store.SyncOp, bool, error) {
	switch {
	case a.forget:
		return &store.SyncOp{Drop: a.item}, true, nil
	case a.deleteThere:
		if !r.opt.DryRun {
			err := r.c.Delete(ctx, a.href, a.item.ETag)
			if errors.Is(err, ErrPrecondition) {
				r.notice("%s %s changed on the server while being deleted; it stays there", m.noun(), a.local.nameOr(a.href))
				return &store.SyncOp{Drop: a.item}, false, nil
			}
			if err != nil {
				return nil, false, err
			}
		}
		r.rep.DeletedThere++
		r.would("delete %s %s on the server", m.noun(), a.local.nameOr(a.href))
		// Not clean: a server that diffs states for its sync token
		// (Xandikos) would hide the object coming back unchanged.
		return &store.SyncOp{Drop: a.item}, false, nil
	case a.deleteHere:
		return r.deleteHere(m, coll, a)
	}
	if a.etag != "" && a.remote == nil && (a.item == nil || a.etag != a.item.ETag) {
		return nil, false, nil // could not be read: reported by fetch
	}
	return r.merge(ctx, m, coll, a, 0)
}

func (l *rec) nameOr(href string) string {
	if l == nil {
		return href
	}
	return l.name
}

// deleteHere deletes a record the server no longer has. A contact with
// notes, follow-ups or questions is kept and sent back: the server's copy
// is only a card, rapport's holds the history.
func (r *runner) deleteHere(m mapper, coll string, a *action) (*store.SyncOp, bool, error) {
	if m.kind() == store.SyncContact {
		d, err := r.s.Detail(a.local.id)
		if err != nil {
			return nil, false, err
		}
		if n := len(d.Notes) + len(d.FollowUps) + len(d.Questions); n > 0 {
			r.notice("%s was deleted on %s but has %s here: kept, and sent back (rapport delete removes it everywhere)", a.local.name, r.acc.Name, plural(n, "record"))
			a.item.ETag, a.deleteHere = "", false
			return r.merge(context.Background(), m, coll, a, 0)
		}
	}
	r.rep.DeletedHere++
	r.would("delete %s %s here", m.noun(), a.local.name)
	return &store.SyncOp{Delete: &store.SyncKey{Kind: m.kind(), ID: a.local.id}, Drop: a.item}, true, nil
}

// side is what the server holds of one record, and what it held at the
// last sync (the base of the merge).
type side struct {
	base, theirs model.Fields // theirs is nil when the server has no copy
	last         []byte       // the server's body, for the properties rapport keeps
	etag, uid    string
}

// theirSide reads the server's copy of a record; false when it cannot be
// read (reported).
func (r *runner) theirSide(m mapper, a *action) (side, bool) {
	sd := side{base: model.Fields{}}
	if a.item != nil {
		sd = side{base: a.item.Snapshot, theirs: a.item.Snapshot, last: a.item.Body, etag: a.item.ETag, uid: a.item.UID}
	}
	switch {
	case a.remote != nil:
		f, _, err := m.read(a.remote.Body)
		if err != nil {
			r.errorf("%s %s on the server cannot be read: %v (skipped)", m.noun(), a.href, err)
			return sd, false
		}
		sd.theirs, sd.last, sd.etag = f, a.remote.Body, a.remote.ETag
		if ruid := f.First("uid"); ruid != "" {
			sd.uid = ruid
		}
	case a.item != nil && a.etag == "":
		sd.etag, sd.last, sd.theirs = "", nil, nil // gone from the server: sent again as new
	}
	if sd.uid == "" && a.local != nil {
		sd.uid = a.local.uid
	}
	if sd.uid == "" {
		sd.uid = "rapport-" + hashFields(model.Fields{"href": {a.href}})
	}
	return sd, true
}

// merge brings one record into step: three-way against the last snapshot
// (or against nothing, for two records meeting for the first time), the
// local write when the merge changed it, and a conditional PUT when the
// server lacks what rapport has.
func (r *runner) merge(ctx context.Context, m mapper, coll string, a *action, try int) (*store.SyncOp, bool, error) {
	sd, ok := r.theirSide(m, a)
	if !ok {
		return nil, false, nil
	}
	var merged model.Fields
	var conflicts []model.FieldConflict
	switch {
	case a.local == nil:
		merged = sd.theirs
	case sd.theirs == nil:
		merged = a.local.fields
	default:
		merged, conflicts = model.Merge3(sd.base, a.local.fields, sd.theirs, m.lists())
	}
	op, after := &store.SyncOp{}, a.local
	if a.local == nil || !merged.Equal(a.local.fields) || a.local.dirty {
		o, rc, err := m.apply(a.local, merged, sd.uid)
		if err != nil {
			return r.notApplied(ctx, m, a, err)
		}
		op, after = &o, rc
		if a.remote != nil {
			r.rep.Pulled++
			r.would("take %s %s from the server", m.noun(), rc.name)
		}
		if a.local != nil && a.remote != nil && !a.local.fields.Equal(sd.base) {
			r.rep.Merged++
		}
	}
	if after.uid == "" {
		after.uid = sd.uid
	}
	item := store.SyncItem{Kind: m.kind(), LocalID: after.id, Href: a.href, UID: sd.uid, ETag: sd.etag, Snapshot: sd.theirs, Body: sd.last}
	if sd.theirs == nil || !after.fields.Equal(sd.theirs) {
		body, err := m.body(after, sd.last)
		if err != nil {
			return nil, false, err
		}
		if !r.opt.DryRun {
			newTag, err := r.c.Put(ctx, a.href, body, m.contentType(), sd.etag)
			if errors.Is(err, ErrPrecondition) && try < maxRetries {
				return r.reread(ctx, m, coll, a, try)
			}
			if err != nil {
				r.errorf("%s %s: %v (kept here; tried again next run)", m.noun(), after.name, err)
				return nil, false, nil
			}
			item.ETag = newTag
		}
		item.Snapshot, item.Body = after.fields, body
		r.rep.Pushed++
		r.would("send %s %s to the server", m.noun(), after.name)
	}
	if len(conflicts) > 0 {
		r.addConflicts(m.kind(), after.id, after.name, conflicts)
	}
	item.Hash = hashFields(item.Snapshot)
	op.Item = &item
	if a.item != nil && a.local == nil {
		op.Drop = a.item // the record comes back under a new id
	}
	return op, true, nil
}

// notApplied handles a server record rapport cannot take: a task whose
// contact was deleted here goes from the server too; anything else is
// reported and left for the next run.
func (r *runner) notApplied(ctx context.Context, m mapper, a *action, err error) (*store.SyncOp, bool, error) {
	var nc *noContactError
	switch {
	case errors.As(err, &nc) && a.item != nil && a.local == nil:
		return r.orphanTask(ctx, a, nc)
	case errors.As(err, &nc):
		r.notice("%s on the server names no contact in rapport: left there", a.href)
	default:
		r.errorf("%s %s: %v (skipped)", m.noun(), a.href, err)
	}
	return nil, false, nil
}

// reread fetches an object whose PUT failed its precondition, and merges
// again with what is there now.
func (r *runner) reread(ctx context.Context, m mapper, coll string, a *action, try int) (*store.SyncOp, bool, error) {
	objs, failed := r.c.Fetch(ctx, coll, m.coll(), []string{a.href})
	if len(objs) == 0 {
		// 409: the UID lives at another href (a copy made elsewhere).
		r.errorf("%s %s: the server holds its UID elsewhere and refuses a second copy (%v); kept here", m.noun(), a.local.nameOr(a.href), failed[a.href])
		return nil, false, nil
	}
	a.remote, a.etag = &objs[0], objs[0].ETag
	return r.merge(ctx, m, coll, a, try+1)
}

// orphanTask removes from the server a task changed there whose follow-up
// was deleted here together with its contact: the contact's deletion
// takes its tasks along.
func (r *runner) orphanTask(ctx context.Context, a *action, nc *noContactError) (*store.SyncOp, bool, error) {
	if !r.opt.DryRun {
		err := r.c.Delete(ctx, a.href, a.etag)
		if errors.Is(err, ErrPrecondition) {
			r.notice("the task %q changed on the server while being deleted; it stays there", nc.text)
			return &store.SyncOp{Drop: a.item}, false, nil
		}
		if err != nil {
			return nil, false, err
		}
	}
	r.notice("deleted the task %q on the server: its contact was deleted here", nc.text)
	r.rep.DeletedThere++
	return &store.SyncOp{Drop: a.item}, false, nil
}
