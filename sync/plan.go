package sync

import (
	"fmt"
	"sort"

	"rapport/exchange"
	"rapport/store"
)

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
	dropped := map[*action]bool{}
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
		uid := uidKey(f.First("uid"))
		if uid != "" {
			if other, dup := seen[uid]; dup {
				r.errorf("%s and %s on the server share the UID %s: %s skipped", other, a.href, uid, a.href)
				continue
			}
			seen[uid] = a.href
		}
		if l := byUID[uid]; uid != "" && l != nil {
			a.local = l.local
			dropped[l] = true
			delete(byUID, uid)
		}
		out = append(out, a)
	}
	final := out[:0]
	for _, a := range out {
		if !dropped[a] {
			final = append(final, a)
		}
	}
	return final
}
