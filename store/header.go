package store

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt keeps two header ("meta") pages at the start of the file and uses
// the newer valid one. It does not compare the header's page count with
// the file's length, so a file cut short (a killed copy, a full disk) is
// read past its end and the process dies in the mmap. readHeader makes
// that comparison before bbolt sees the file.

const (
	boltMagic     = 0xED0CDAED
	boltVersion   = 2
	pageHeaderLen = 16 // id, flags, count, overflow
	metaLen       = 64 // up to and including the checksum
)

// metaPage is what rapport needs from one bbolt header page.
type metaPage struct {
	valid    bool
	magic    bool // the page at least starts like a bbolt header
	pageSize int64
	root     uint64 // the root page of the tree
	freelist uint64 // the free-page list's page (^0 for none)
	pages    uint64 // the high-water mark: pages the file must hold
	txid     uint64
}

// header is what the two header pages say about the file.
type header struct {
	size  int64
	metas [2]metaPage
}

// parseMeta reads a header page laid out as bbolt writes it (native byte
// order, an FNV-64a checksum over the fields before it).
func parseMeta(page []byte) metaPage {
	if len(page) < pageHeaderLen+metaLen {
		return metaPage{}
	}
	m := page[pageHeaderLen : pageHeaderLen+metaLen]
	order := binary.NativeEndian
	out := metaPage{
		magic:    order.Uint32(m[0:]) == boltMagic,
		pageSize: int64(order.Uint32(m[8:])),
		root:     order.Uint64(m[16:]),
		freelist: order.Uint64(m[32:]),
		pages:    order.Uint64(m[40:]),
		txid:     order.Uint64(m[48:]),
	}
	h := fnv.New64a()
	h.Write(m[:56])
	sizeOK := out.pageSize >= 512 && out.pageSize <= 1<<24 && out.pageSize&(out.pageSize-1) == 0
	out.valid = out.magic && order.Uint32(m[4:]) == boltVersion && sizeOK && h.Sum64() == order.Uint64(m[56:])
	return out
}

// readHeader reads both header pages of the file at path. The second one's
// place depends on the page size, taken from the first or, when the first
// is damaged, found by trying the sizes bbolt would.
func readHeader(path string) (header, error) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return header{}, err
	}
	h := header{size: info.Size()}
	page := func(off int64) metaPage {
		buf := make([]byte, pageHeaderLen+metaLen)
		if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
			return metaPage{}
		}
		return parseMeta(buf)
	}
	h.metas[0] = page(0)
	if h.metas[0].valid {
		h.metas[1] = page(h.metas[0].pageSize)
		return h, nil
	}
	for size := int64(1024); size <= 1<<24 && size < h.size; size <<= 1 {
		if m := page(size); m.valid && m.pageSize == size {
			h.metas[1] = m
			break
		}
	}
	return h, nil
}

// current is the header page bbolt will use: the valid one with the
// higher transaction id.
func (h header) current() (metaPage, bool) {
	a, b := h.metas[0], h.metas[1]
	switch {
	case a.valid && b.valid && b.txid > a.txid:
		return b, true
	case a.valid:
		return a, true
	case b.valid:
		return b, true
	}
	return metaPage{}, false
}

// fatal is why the file cannot be opened at all, or nil. The sentence
// names the file and what to do.
func (h header) fatal(path string) error {
	if h.size == 0 {
		return nil // a new file: bbolt writes the headers
	}
	m, ok := h.current()
	switch {
	case !ok && !h.metas[0].magic && !h.metas[1].magic:
		return fmt.Errorf("%s is not a rapport database (it is not a database file at all); check the --db path", path)
	case !ok:
		return damagedError{fmt.Sprintf("%s is damaged: both of its header pages are unreadable; restore a backup", path)}
	case int64(m.pages)*m.pageSize > h.size || m.pages > uint64(h.size):
		return damagedError{fmt.Sprintf("%s is damaged: the file is shorter than its header says (%d of %d bytes); restore a backup", path, h.size, int64(m.pages)*m.pageSize)}
	}
	return nil
}

// warnings are header problems bbolt survives: one damaged header page, or
// two that are not consecutive transactions.
func (h header) warnings() []string {
	if h.size == 0 {
		return nil
	}
	a, b := h.metas[0], h.metas[1]
	var out []string
	for i, m := range h.metas {
		if !m.valid {
			out = append(out, fmt.Sprintf("header page %d is damaged; the file still opens with the other one", i))
		}
	}
	if a.valid && b.valid {
		gap := a.txid - b.txid
		if b.txid > a.txid {
			gap = b.txid - a.txid
		}
		if gap != 1 || a.pageSize != b.pageSize {
			out = append(out, fmt.Sprintf("the two header pages disagree (transactions %d and %d, page sizes %d and %d)", a.txid, b.txid, a.pageSize, b.pageSize))
		}
	}
	return out
}
