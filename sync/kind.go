package sync

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// action is what one record needs this run.
type action struct {
	item   *store.SyncItem // what was synced last; nil for a record new to this account
	local  *rec            // nil when rapport has no such record (any more)
	href   string
	etag   string // the server's current ETag; "" when it has no object there
	remote *Object
	// what to do
	deleteHere, deleteThere, forget bool
}

// kind syncs one collection: contacts or tasks.
func (r *runner) kind(ctx context.Context, m mapper, coll string) error {
	_, items, err := r.s.SyncState(r.acc.Name)
	if err != nil {
		return err
	}
	byHref := map[string]store.SyncItem{}
	for k, it := range items {
		if k.Kind != m.kind() {
			delete(items, k)
			continue
		}
		byHref[it.Href] = it
	}
	remote, token, err := r.listRemote(ctx, coll, byHref)
	if err != nil {
		return err
	}
	locals, err := r.locals(m, items)
	if err != nil {
		return err
	}
	acts, err := r.plan(m, coll, items, remote, locals)
	if err != nil {
		return err
	}
	if err := r.fetch(ctx, m, coll, acts); err != nil {
		return err
	}
	acts = r.link(m, acts)
	clean, err := r.settleAll(ctx, m, coll, acts)
	if err != nil {
		return err
	}
	if r.state.Tokens == nil {
		r.state.Tokens = map[string]string{}
	}
	if clean && token != "" {
		r.state.Tokens[coll] = token
	} else {
		delete(r.state.Tokens, coll) // something was skipped: list it all next time
	}
	return nil
}

// listRemote is every object on the server (href -> ETag): the changes
// since the stored sync token applied to what the state knows, or a full
// listing when there is no token or the server refuses it.
func (r *runner) listRemote(ctx context.Context, coll string, known map[string]store.SyncItem) (map[string]string, string, error) {
	if tok := r.state.Tokens[coll]; tok != "" {
		changed, deleted, next, err := r.c.Changes(ctx, coll, tok)
		if err == nil {
			out := map[string]string{}
			for h, it := range known {
				out[h] = it.ETag
			}
			for h, e := range changed {
				out[h] = e
			}
			for _, h := range deleted {
				delete(out, h)
			}
			return out, next, nil
		}
		if !errors.Is(err, errBadToken) {
			return nil, "", err
		}
	}
	token := r.c.Token(ctx, coll)
	list, err := r.c.List(ctx, coll)
	return list, token, err
}

// locals reads every record of the kind. A record synced before that no
// journal entry touched since the last run is taken as its snapshot,
// without reading it back through its card: a quiet run costs what
// changed, not the size of the book.
func (r *runner) locals(m mapper, items map[store.SyncKey]store.SyncItem) (map[uint64]*rec, error) {
	cs, fs, err := r.s.SyncLocal()
	if err != nil {
		return nil, err
	}
	changed, ok, err := r.s.ChangedSince(r.state.Marker, syncCommand(r.acc.Name))
	if err != nil {
		return nil, err
	}
	full := !ok || r.state.Schema != store.SchemaVersion()
	quiet := func(id uint64) (store.SyncItem, bool) {
		it, synced := items[store.SyncKey{Kind: m.kind(), ID: id}]
		return it, synced && !full && !changed[store.SyncKey{Kind: m.kind(), ID: id}]
	}
	out := map[uint64]*rec{}
	switch mm := m.(type) {
	case contacts:
		for _, c := range cs {
			scope := inScope(c, r.acc.ScopeTags, r.acc.ScopeStages)
			if it, q := quiet(c.ID); q {
				out[c.ID] = &rec{id: c.ID, name: c.Name, uid: it.UID, fields: it.Snapshot, inScope: scope, contact: &c}
				continue
			}
			out[c.ID] = mm.rec(c, scope)
		}
	case tasks:
		for _, f := range fs {
			it, q := quiet(f.ID)
			if q {
				out[f.ID] = &rec{id: f.ID, name: f.Text, uid: it.UID, fields: it.Snapshot, inScope: taskInScope(f, mm.today), fu: &f}
				continue
			}
			out[f.ID] = mm.rec(f, it.UID)
		}
	}
	return out, nil
}

// plan decides what each record needs, and refuses a run that would
// delete too much before anything is written.
func (r *runner) plan(m mapper, coll string, items map[store.SyncKey]store.SyncItem, remote map[string]string, locals map[uint64]*rec) ([]*action, error) {
	var acts []*action
	linked := map[string]bool{}
	delHere, delThere, synced := 0, 0, 0
	for _, it := range items {
		it := it
		linked[it.Href] = true
		synced++
		a := &action{item: &it, local: locals[it.LocalID], href: it.Href, etag: remote[it.Href]}
		if a.local != nil {
			a.local.uid = it.UID
		}
		onServer := a.etag != ""
		remoteChanged := onServer && a.etag != it.ETag
		localChanged := a.local != nil && (!a.local.fields.Equal(it.Snapshot) || a.local.dirty)
		switch {
		case !onServer && a.local == nil:
			a.forget = true
		case !onServer && !a.local.inScope:
			a.forget = true
		case !onServer && !localChanged:
			a.deleteHere = true
			delHere++
		case a.local == nil && !remoteChanged:
			a.deleteThere = true
			delThere++
		case a.local != nil && !a.local.inScope && !remoteChanged:
			a.deleteThere = true
			delThere++
		case !remoteChanged && !localChanged:
			continue
		}
		acts = append(acts, a)
	}
	for href, etag := range remote {
		if !linked[href] {
			acts = append(acts, &action{href: href, etag: etag})
		}
	}
	taken := map[string]bool{}
	for _, it := range items {
		taken[uidKey(it.UID)] = true
	}
	for id, l := range locals {
		if _, ok := items[store.SyncKey{Kind: m.kind(), ID: id}]; !ok && l.inScope {
			if taken[uidKey(l.uid)] {
				// Another record here already went up under this UID (a
				// copy made outside rapport, say): this one gets its own.
				l.uid = "urn:uuid:" + exchange.NewUID(l.uid, id)
				l.dirty = true
				if l.contact != nil {
					l.contact.UID = l.uid
					l.fields["uid"] = []string{l.uid}
				}
			}
			taken[uidKey(l.uid)] = true
			acts = append(acts, &action{local: l, href: childHref(coll, l.uid, m.ext())})
		}
	}
	sort.SliceStable(acts, func(i, j int) bool { return acts[i].href < acts[j].href })
	noun := m.noun()
	// An empty collection that held more than a few records was wiped
	// (or is the wrong one); a small one may just have been emptied.
	if len(remote) == 0 && synced > 3 {
		if !r.opt.Force {
			return nil, &ErrNeedsConfirm{fmt.Sprintf("the server's %s collection %s is empty, but %s were synced with it: if it was emptied on purpose, run again with --force to upload them (nothing is deleted here)", noun, coll, plural(synced, noun))}
		}
		for _, a := range acts { // the server lost everything: upload it again
			if a.deleteHere {
				a.deleteHere, a.item = false, nil
			}
		}
		delHere = 0
	}
	if r.opt.DryRun {
		if tooMany(delHere, len(locals)) || tooMany(delThere, len(remote)) {
			r.notice("a real run would stop and ask for --yes: it deletes %d of %d here and %d of %d on the server", delHere, len(locals), delThere, len(remote))
		}
		return acts, nil
	}
	switch {
	case tooMany(delHere, len(locals)) && !r.opt.Yes:
		return nil, &ErrNeedsConfirm{fmt.Sprintf("this run would delete %s of %d here (deleted on the server %s): run with --yes to go ahead, or --dry-run to see them", plural(delHere, noun), len(locals), r.acc.Name)}
	case tooMany(delThere, len(remote)) && !r.opt.Yes:
		return nil, &ErrNeedsConfirm{fmt.Sprintf("this run would delete %s of %d on the server %s: run with --yes to go ahead, or --dry-run to see them", plural(delThere, noun), len(remote), r.acc.Name)}
	}
	return acts, nil
}

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
		return &store.SyncOp{Drop: a.item}, true, nil
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

// merge brings one record into step: three-way against the last snapshot
// (or against nothing, for two records meeting for the first time), the
// local write when the merge changed it, and a conditional PUT when the
// server lacks what rapport has.
func (r *runner) merge(ctx context.Context, m mapper, coll string, a *action, try int) (*store.SyncOp, bool, error) {
	base := model.Fields{}
	var theirs model.Fields
	var last []byte
	etag := ""
	uid := ""
	if a.item != nil {
		base, theirs, last, etag, uid = a.item.Snapshot, a.item.Snapshot, a.item.Body, a.item.ETag, a.item.UID
	}
	if a.remote != nil {
		f, name, err := m.read(a.remote.Body)
		if err != nil {
			r.errorf("%s %s on the server cannot be read: %v (skipped)", m.noun(), a.href, err)
			return nil, false, nil
		}
		theirs, last, etag = f, a.remote.Body, a.remote.ETag
		if ruid := firstValue(f, "uid"); ruid != "" {
			uid = ruid
		}
		_ = name
	} else if a.item != nil && a.etag == "" {
		etag, last, theirs = "", nil, nil // gone from the server: sent again as new
	}
	if uid == "" && a.local != nil {
		uid = a.local.uid
	}
	if uid == "" {
		uid = "rapport-" + hashFields(model.Fields{"href": {a.href}})
	}
	var merged model.Fields
	var conflicts []model.FieldConflict
	switch {
	case a.local == nil:
		merged = theirs
	case theirs == nil:
		merged = a.local.fields
	default:
		merged, conflicts = model.Merge3(base, a.local.fields, theirs, m.lists())
	}
	op := &store.SyncOp{}
	after := a.local
	if a.local == nil || !merged.Equal(a.local.fields) || a.local.dirty {
		o, rc, err := m.apply(a.local, merged, uid)
		var nc *noContactError
		switch {
		case errors.As(err, &nc) && a.item != nil && a.local == nil:
			return r.orphanTask(ctx, a, nc)
		case errors.As(err, &nc):
			r.notice("%s on the server names no contact in rapport: left there", a.href)
			return nil, false, nil
		case err != nil:
			r.errorf("%s %s: %v (skipped)", m.noun(), a.href, err)
			return nil, false, nil
		}
		op, after = &o, rc
		if a.remote != nil {
			r.rep.Pulled++
			r.would("take %s %s from the server", m.noun(), rc.name)
		}
		if a.local != nil && a.remote != nil && !a.local.fields.Equal(base) {
			r.rep.Merged++
		}
	}
	if after.uid == "" {
		after.uid = uid
	}
	item := store.SyncItem{Kind: m.kind(), LocalID: after.id, Href: a.href, UID: uid, ETag: etag, Snapshot: theirs, Body: last}
	if theirs == nil || !after.fields.Equal(theirs) {
		body, err := m.body(after, last)
		if err != nil {
			return nil, false, err
		}
		if !r.opt.DryRun {
			newTag, err := r.c.Put(ctx, a.href, body, m.contentType(), etag)
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

// link pairs each object new on the server with the record new here
// that has its UID (the same person added on both sides, or a run cut
// off after its PUT), so they merge instead of doubling; and spots UIDs
// the server holds twice.
func (r *runner) link(m mapper, acts []*action) []*action {
	byUID := map[string]*action{}
	for _, a := range acts {
		if a.item == nil && a.remote == nil && a.local != nil {
			byUID[uidKey(a.local.uid)] = a
		}
	}
	seen := map[string]string{}
	for _, a := range acts {
		if a.item != nil {
			seen[uidKey(a.item.UID)] = a.href
		}
	}
	out := acts[:0]
	var dropped []*action
	for _, a := range acts {
		if a.item != nil || a.remote == nil {
			out = append(out, a)
			continue
		}
		f, _, err := m.read(a.remote.Body)
		if err != nil {
			out = append(out, a) // merge reports it
			continue
		}
		uid := uidKey(firstValue(f, "uid"))
		if uid != "" {
			if other, dup := seen[uid]; dup {
				r.errorf("%s and %s on the server share the UID %s: %s skipped", other, a.href, uid, a.href)
				continue
			}
			seen[uid] = a.href
		}
		if l := byUID[uid]; uid != "" && l != nil {
			a.local = l.local
			dropped = append(dropped, l)
			delete(byUID, uid)
		}
		out = append(out, a)
	}
	final := out[:0]
	for _, a := range out {
		if !slicesContains(dropped, a) {
			final = append(final, a)
		}
	}
	return final
}

func slicesContains(list []*action, a *action) bool {
	for _, b := range list {
		if b == a {
			return true
		}
	}
	return false
}

func firstValue(f model.Fields, k string) string {
	if len(f[k]) == 0 {
		return ""
	}
	return f[k][0]
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
	return &store.SyncOp{Drop: a.item}, true, nil
}
