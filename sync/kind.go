package sync

import (
	"context"
	"errors"

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
		delete(r.state.Tokens, coll) // something skipped or deleted: list it all next time
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
			for _, h := range deleted {
				delete(out, h)
			}
			// A server that logs history (Xandikos) may report an href
			// both deleted and written again: it exists now.
			for h, e := range changed {
				out[h] = e
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
	// read before what changed, as the tasks' mapper read its follow-ups
	var cs []model.Contact
	if _, ok := m.(contacts); ok {
		var err error
		if cs, _, err = r.s.SyncLocal(); err != nil {
			return nil, err
		}
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
		for _, f := range mm.follows {
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
