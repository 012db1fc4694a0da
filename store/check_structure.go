package store

import (
	"bytes"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// The structural check holds the shared lock, which keeps writers out,
// so it never walks the whole tree in one transaction (at 100,000
// contacts the page walk and bbolt's check take about 3 s). It walks:
//
//  1. the header pages, the free-page list and the root page that names
//     the buckets (one short transaction);
//  2. each bucket's tree, split into subtrees (units) of a few hundred
//     pages, a batch of units per transaction; a later transaction finds
//     its place again by key, so a write in between can only move where
//     the next batch starts, never make a sound page look broken;
//  3. the page count: every page below the high-water mark is in the tree,
//     free, or a header or free-list page. This is the one global
//     property, and the tree's page statistics give it in one transaction
//     of a fraction of a second (0.2 s at 100,000 contacts).
//
// Each batch runs the plain-read walk (pagewalk.go) before bbolt's check
// of the same units in the same transaction, as the whole-file check did.

// structBudget is about how many pages one transaction of the structural
// check walks (4,096 pages take about 50 ms).
var structBudget = 4096

// checkStructure returns the problems of the file's structure; broken
// says the tree cannot be trusted, so the records must not be read.
func (s *Store) checkStructure(warn bool) (problems []string, broken bool, err error) {
	var names []string
	err = s.view(func(tx *bolt.Tx) error {
		h, err := readHeader(s.path)
		if err != nil {
			return err
		}
		if warn {
			problems = append(problems, h.warnings()...)
		}
		w, root, fl, p := openWalker(s.path, h)
		if p != "" {
			problems, broken = append(problems, "bbolt: "+p), true
			return nil
		}
		defer w.f.Close()
		w.shallow = true
		if fl != ^uint64(0) {
			w.freelist(fl)
		}
		w.page(root, 0)
		for name := range w.roots {
			names = append(names, name)
		}
		return w.report(&problems, &broken)
	})
	sort.Strings(names)
	for _, name := range names {
		if err != nil || broken {
			break
		}
		var from []byte
		for done := false; !done && err == nil && !broken; {
			err = s.view(func(tx *bolt.Tx) error {
				var p []string
				from, done, p = checkUnits(tx, s.path, []byte(name), from)
				problems = append(problems, p...)
				broken = len(p) > 0
				return nil
			})
			pauseCheck()
		}
	}
	if err == nil && !broken {
		err = s.view(func(tx *bolt.Tx) error {
			problems = append(problems, countPages(tx, s.path)...)
			return nil
		})
	}
	return problems, broken, err
}

// report adds the walker's problems, marking the tree broken.
func (w *pageWalker) report(problems *[]string, broken *bool) error {
	for _, p := range w.problems {
		*problems = append(*problems, "bbolt: "+p)
	}
	if len(w.problems) > 0 {
		*broken = true
	}
	return nil
}

// checkUnits walks a batch of the bucket's units, starting with the one
// whose range holds from, and returns where the next batch starts.
func checkUnits(tx *bolt.Tx, path string, name, from []byte) (next []byte, done bool, problems []string) {
	b := tx.Bucket(name)
	if b == nil || b.RootPage() == 0 {
		return nil, true, nil // gone since, or inline: walked with the root page
	}
	h, err := readHeader(path)
	if err != nil {
		return nil, true, []string{err.Error()}
	}
	w, _, fl, p := openWalker(path, h)
	if p != "" {
		return nil, true, []string{"bbolt: " + p}
	}
	defer w.f.Close()
	if fl != ^uint64(0) {
		w.freelist(fl) // bbolt's check reads it too, where a fault kills
	}
	us := w.units(uint64(b.RootPage()))
	start := 0
	for i := 1; i < len(us); i++ {
		if bytes.Compare(us[i].key, from) <= 0 {
			start = i
		}
	}
	i := start
	for ; i < len(us) && (i == start || len(w.seen) < structBudget) && len(w.problems) == 0; i++ {
		w.nest = 1 // inside a bucket
		w.page(us[i].page, maxUnitLevels)
	}
	var broken bool
	if w.report(&problems, &broken); broken {
		return nil, true, problems
	}
	for _, u := range us[start:i] {
		for err := range tx.Check(bolt.WithPageId(u.page)) {
			problems = append(problems, fmt.Sprintf("bbolt: %s: %v", name, err))
		}
	}
	if i == len(us) {
		return nil, true, problems
	}
	if from != nil && bytes.Compare(us[i].key, from) <= 0 {
		return nil, true, append(problems, fmt.Sprintf("bbolt: %s: the keys of its branch pages are out of order", name))
	}
	return us[i].key, false, problems
}

// countPages compares the pages the tree uses, the free ones and those of
// the headers and the free-page list with the file's high-water mark: a
// page lost, or used twice, shows as a difference.
func countPages(tx *bolt.Tx, path string) []string {
	h, err := readHeader(path)
	if err != nil {
		return []string{err.Error()}
	}
	w, _, fl, p := openWalker(path, h)
	if p != "" {
		return []string{"bbolt: " + p}
	}
	defer w.f.Close()
	if fl == ^uint64(0) {
		return nil // the free list is not kept in the file: nothing to count
	}
	free, own := w.freelist(fl)
	if len(w.problems) > 0 {
		var problems []string
		var broken bool
		w.report(&problems, &broken)
		return problems
	}
	st := tx.Cursor().Bucket().Stats()
	used := uint64(st.BranchPageN + st.BranchOverflowN + st.LeafPageN + st.LeafOverflowN)
	if total := 2 + own + free + used; total != w.hwm {
		return []string{fmt.Sprintf("bbolt: the tree uses %d pages and %d are free, which with the header and free-list pages makes %d, but the file's header counts %d: a page is lost or used twice", used, free, total, w.hwm)}
	}
	return nil
}
