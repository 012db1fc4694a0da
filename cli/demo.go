package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

// demoChunk is how many sample contacts go into one transaction: big enough
// to amortise the two fsyncs of a commit, small enough that another process
// never waits long for the lock.
const demoChunk = 1000

func newDemoCmd(a *app) *cobra.Command {
	var n int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill an empty database with realistic sample data",
		Long:  "Fill an empty database with realistic sample data, relative to today (or --today).\nIt refuses a database that already holds contacts: pick a new file with --db.",
		Example: `  DIR=$(mktemp -d); rapport --db $DIR/demo.db demo --contacts 1000
  rapport --db $DIR/demo.db today`,
		Args: exactArgs(0, "no arguments (use --contacts and --seed)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if n < 1 || n > 1_000_000 {
				return usagef("--contacts takes a number from 1 to 1000000, not %d", n)
			}
			s, now, err := a.open()
			if err != nil {
				return err
			}
			if empty, err := s.Empty(); err != nil {
				return err
			} else if !empty {
				return fmt.Errorf("%s already holds contacts; demo fills only an empty database (choose another file with --db)", s.Path())
			}
			start := time.Now()
			ctx, stop := a.interruptible()
			defer stop()
			if err := a.fillDemoAside(ctx, s.Path(), n, seed, now); err != nil {
				return err
			}
			printf(a.out, "Added %d sample contacts to %s in %.1fs.", n, s.Path(), time.Since(start).Seconds())
			return nil
		},
	}
	cmd.Flags().IntVar(&n, "contacts", 300, "how many contacts")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed: the same seed and day give the same book")
	return cmd
}

// fillDemo writes n sample contacts in chunks into an empty book (both
// callers check that first), re-linking "referred by" to the ids the store
// gave earlier contacts.
func fillDemo(ctx context.Context, s *store.Store, n int, seed uint64, now time.Time, progress func(done, total int)) error {
	sampler := model.NewSampler(seed, n, now)
	ids := make([]uint64, 0, n)
	var pending [][2]int // contact index, referrer index in the same chunk
	for len(ids) < n {
		if ctx.Err() != nil {
			return stopped(len(ids), n, "sample contacts", "the book holds those; for a whole demo book, run demo again with another --db")
		}
		chunk := make([]model.Bundle, 0, min(demoChunk, n-len(ids)))
		for len(ids)+len(chunk) < n && len(chunk) < demoChunk {
			b := sampler.Next()
			if b.ReferredBy >= 0 && b.ReferredBy < len(ids) {
				b.Contact.ReferredBy = ids[b.ReferredBy]
			} else if b.ReferredBy >= 0 {
				pending = append(pending, [2]int{len(ids) + len(chunk), b.ReferredBy})
			}
			chunk = append(chunk, b.Bundle)
		}
		got, err := s.AddBundles(chunk)
		if err != nil {
			return err
		}
		ids = append(ids, got...)
		progress(len(ids), n)
	}
	return linkReferrals(s, ids, pending)
}

// linkReferrals sets the "referred by" links to contacts of the same
// chunk, whose ids were unknown until the chunk was written.
func linkReferrals(s *store.Store, ids []uint64, pending [][2]int) error {
	changes := make([]store.Change, 0, len(pending))
	for _, p := range pending {
		ref := ids[p[1]]
		changes = append(changes, store.Change{ID: ids[p[0]], Merge: func(c model.Contact) model.Contact {
			c.ReferredBy = ref
			return c
		}})
	}
	for len(changes) > 0 {
		n := min(demoChunk, len(changes))
		if _, err := s.Upsert(changes[:n]); err != nil {
			return err
		}
		changes = changes[n:]
	}
	return nil
}

// fillDemoAside fills a database next to path and renames it over the
// empty one at path when it is done (or stopped with Ctrl-C, keeping what
// was added), so a demo that was killed leaves path empty and the next
// demo can start again. Its partial file has a fixed name, which the next
// demo clears first.
func (a *app) fillDemoAside(ctx context.Context, path string, n int, seed uint64, now time.Time) error {
	partial := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".demo-partial")
	if err := os.Remove(partial); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("cannot clear the unfinished demo %s: %w", partial, store.Pathless(err))
	}
	s, err := store.Open(partial)
	if err != nil {
		return err
	}
	s.Group() // one change, however many chunks: undo takes it whole
	err = fillDemo(ctx, s, n, seed, now, a.progress("Adding sample contacts"))
	if err == nil {
		// The notes went in without the search index: one build now.
		err = s.RebuildTextIndex(a.stepProgress())
	}
	if err != nil && ctx.Err() == nil {
		os.Remove(partial)
		return err
	}
	os.Remove(partial + ".lock") // the store's writer-intent file
	if rerr := os.Rename(partial, path); rerr != nil {
		os.Remove(partial)
		return fmt.Errorf("cannot move the demo into place at %s: %w", path, store.Pathless(rerr))
	}
	syncDir(filepath.Dir(path))
	return err
}

// syncDir makes a rename durable; a folder that cannot be synced is not
// worth failing for, since the file itself is.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// demoPath is a fresh database in a new temporary folder.
func demoPath() (string, error) {
	dir, err := os.MkdirTemp("", "rapport-demo-")
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "demo.db"), nil
}
