package store

import (
	"encoding/binary"
	"fmt"
	"os"
)

// bbolt's own consistency check runs in a goroutine of its own, where a
// fault cannot be recovered: a page pointer overwritten with garbage kills
// the process. The check therefore walks the B+tree first from the file
// with plain reads (no mmap, so nothing can fault), checking every page
// number, element and key range that bbolt's check will follow. Only a
// file whose structure is in bounds is handed to bbolt's check.

const (
	flagBranch = 0x01
	flagLeaf   = 0x02
	flagBucket = 0x01 // a leaf element that is a nested bucket
	elemLen    = 16   // both branch and leaf elements
)

type pageWalker struct {
	f        *os.File
	pageSize int64
	hwm      uint64
	seen     map[uint64]bool
	problems []string
	// shallow stops at top-level buckets, noting their roots instead of
	// walking them: checkStructure walks each in transactions of its own.
	shallow bool
	roots   map[string]uint64
	key     []byte // the name of the bucket element being followed
	nest    int    // buckets entered
}

// openWalker returns a walker on the file with the root page of the tree
// and the free-page list's page (^0 for none), as the current header page
// of h gives them. The caller closes w.f.
func openWalker(path string, h header) (w *pageWalker, root, freelist uint64, problem string) {
	m, ok := h.current()
	if !ok {
		return nil, 0, 0, "no header page can be read"
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err.Error()
	}
	w = &pageWalker{f: f, pageSize: m.pageSize, hwm: m.pages, seen: map[uint64]bool{}}
	return w, m.root, m.freelist, ""
}

func (w *pageWalker) problem(format string, args ...any) {
	if len(w.problems) < 50 {
		w.problems = append(w.problems, fmt.Sprintf(format, args...))
	}
}

// read returns page id with its overflow pages, or nil after a problem.
func (w *pageWalker) read(id uint64) []byte {
	if id < 2 || id >= w.hwm {
		w.problem("a page pointer names page %d, outside 2..%d", id, w.hwm-1)
		return nil
	}
	if w.seen[id] {
		w.problem("page %d is referenced twice", id)
		return nil
	}
	w.seen[id] = true
	head := make([]byte, pageHeaderLen)
	if _, err := w.f.ReadAt(head, int64(id)*w.pageSize); err != nil {
		w.problem("page %d cannot be read: %v", id, err)
		return nil
	}
	over := uint64(binary.NativeEndian.Uint32(head[12:]))
	if binary.NativeEndian.Uint64(head) != id || id+over >= w.hwm {
		w.problem("page %d is damaged (its header says page %d with %d overflow pages)", id, binary.NativeEndian.Uint64(head), over)
		return nil
	}
	buf := make([]byte, int64(over+1)*w.pageSize)
	if _, err := w.f.ReadAt(buf, int64(id)*w.pageSize); err != nil {
		w.problem("page %d cannot be read: %v", id, err)
		return nil
	}
	return buf
}

// page walks page id and what hangs below it; depth stops a cycle.
func (w *pageWalker) page(id uint64, depth int) {
	if depth > 64 {
		w.problem("the tree is deeper than any real file (a cycle at page %d)", id)
		return
	}
	if buf := w.read(id); buf != nil {
		w.elements(buf, id, depth)
	}
}

// elements checks a page's elements, in a page read from disk or in an
// inline bucket's value.
func (w *pageWalker) elements(buf []byte, id uint64, depth int) {
	if len(buf) < pageHeaderLen {
		w.problem("page %d is shorter than its header", id)
		return
	}
	flags := binary.NativeEndian.Uint16(buf[8:])
	count := int(binary.NativeEndian.Uint16(buf[10:]))
	if pageHeaderLen+count*elemLen > len(buf) {
		w.problem("page %d claims %d elements, more than it can hold", id, count)
		return
	}
	for i := 0; i < count; i++ {
		at := pageHeaderLen + i*elemLen
		e := buf[at : at+elemLen]
		switch {
		case flags&flagBranch != 0:
			pos, ksize := int64(binary.NativeEndian.Uint32(e[0:])), int64(binary.NativeEndian.Uint32(e[4:]))
			if int64(at)+pos+ksize > int64(len(buf)) {
				w.problem("page %d: branch element %d runs past the page", id, i)
				return
			}
			w.page(binary.NativeEndian.Uint64(e[8:]), depth+1)
		case flags&flagLeaf != 0:
			eflags, pos := binary.NativeEndian.Uint32(e[0:]), int64(binary.NativeEndian.Uint32(e[4:]))
			ksize, vsize := int64(binary.NativeEndian.Uint32(e[8:])), int64(binary.NativeEndian.Uint32(e[12:]))
			end := int64(at) + pos + ksize + vsize
			if end > int64(len(buf)) || end < int64(at) {
				w.problem("page %d: leaf element %d runs past the page", id, i)
				return
			}
			if eflags&flagBucket != 0 {
				w.key = buf[int64(at)+pos : int64(at)+pos+ksize]
				w.bucket(buf[int64(at)+pos+ksize:end], id, depth)
			}
		default:
			w.problem("page %d is neither a branch nor a leaf (flags %#x)", id, flags)
			return
		}
	}
}

// bucket follows a nested bucket's value: a root page, or an inline page.
func (w *pageWalker) bucket(v []byte, id uint64, depth int) {
	if len(v) < 16 {
		w.problem("page %d: a bucket value is %d bytes, too short", id, len(v))
		return
	}
	if root := binary.NativeEndian.Uint64(v); root != 0 {
		if w.shallow && w.nest == 0 {
			if w.roots == nil {
				w.roots = map[string]uint64{}
			}
			w.roots[string(w.key)] = root
			return
		}
		w.nest++
		w.page(root, depth+1)
		w.nest--
		return
	}
	w.nest++
	w.elements(v[16:], id, depth+1)
	w.nest--
}

// freelist checks the free-page list (bbolt's check loads it in its own
// goroutine when the file was opened read-only) and counts the pages it
// frees and the pages it takes itself.
func (w *pageWalker) freelist(id uint64) (free, own uint64) {
	buf := w.read(id)
	if buf == nil {
		return 0, 0
	}
	own = uint64(len(buf)) / uint64(w.pageSize)
	if binary.NativeEndian.Uint16(buf[8:])&0x10 == 0 {
		w.problem("page %d should hold the free-page list and does not", id)
		return 0, own
	}
	count, start := uint64(binary.NativeEndian.Uint16(buf[10:])), pageHeaderLen
	if count == 0xFFFF {
		count, start = binary.NativeEndian.Uint64(buf[pageHeaderLen:]), pageHeaderLen+8
	}
	if count > uint64(len(buf)-start)/8 {
		w.problem("the free-page list on page %d claims %d entries, more than it holds", id, count)
		return 0, own
	}
	for i := uint64(0); i < count; i++ {
		if free := binary.NativeEndian.Uint64(buf[start+int(i)*8:]); free < 2 || free >= w.hwm {
			w.problem("the free-page list names page %d, outside 2..%d", free, w.hwm-1)
			return 0, own
		}
	}
	return count, own
}

// unit is a subtree the structural check walks in one transaction: the
// page, and the first key of its range as its parent's element gives it.
type unit struct {
	key  []byte
	page uint64
}

// maxUnitLevels bounds how far units splits a tree: two levels below the
// root turn a bucket of 10^5 pages into a few hundred units.
const maxUnitLevels = 2

// units splits the tree under root into subtrees in key order, going a
// level down while there are fewer than 32 of them. The branch pages it
// reads on the way are checked and counted as walked; a leaf stays a unit.
func (w *pageWalker) units(root uint64) []unit {
	us := []unit{{nil, root}}
	for level := 0; level < maxUnitLevels && len(us) < 32; level++ {
		var next []unit
		for _, u := range us {
			kids, leaf := w.children(u.page)
			if len(w.problems) > 0 {
				return nil
			}
			if leaf {
				return us // every leaf is at the same depth: no level to split
			}
			if len(kids) > 0 {
				kids[0].key = u.key
			}
			next = append(next, kids...)
		}
		us = next
	}
	return us
}

// children reads branch page id and lists its elements; a leaf is left
// unread (unseen), for the walk of its unit.
func (w *pageWalker) children(id uint64) (kids []unit, leaf bool) {
	buf := w.read(id)
	if buf == nil {
		return nil, false
	}
	flags := binary.NativeEndian.Uint16(buf[8:])
	if flags&flagBranch == 0 {
		delete(w.seen, id)
		return nil, true
	}
	count := int(binary.NativeEndian.Uint16(buf[10:]))
	if pageHeaderLen+count*elemLen > len(buf) {
		w.problem("page %d claims %d elements, more than it can hold", id, count)
		return nil, false
	}
	for i := 0; i < count; i++ {
		at := pageHeaderLen + i*elemLen
		e := buf[at : at+elemLen]
		pos, ksize := int64(binary.NativeEndian.Uint32(e[0:])), int64(binary.NativeEndian.Uint32(e[4:]))
		if int64(at)+pos+ksize > int64(len(buf)) {
			w.problem("page %d: branch element %d runs past the page", id, i)
			return nil, false
		}
		kids = append(kids, unit{buf[int64(at)+pos : int64(at)+pos+ksize], binary.NativeEndian.Uint64(e[8:])})
	}
	return kids, false
}
