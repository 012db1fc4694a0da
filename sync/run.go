// Package sync keeps a rapport book and CardDAV/CalDAV servers in step:
// contacts as vCards in an address book, follow-ups as VTODOs in a task
// list. rapport is a client only; its own file never travels.
//
// A run pulls first. A record changed on one side moves to the other;
// changed on both, it is merged field by field against the snapshot taken
// at the last sync (model.Merge3), and where both changed one field the
// server's value wins and the rep's is kept as a conflict to resolve.
// Every write is conditional (If-Match / If-None-Match), and a 412 re-reads
// and merges again. Record writes go through the store's journal, so
// `rapport undo` can take a run back; the sync state is written in the same
// transactions but not journaled.
package sync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// Account is one configured server account.
type Account struct {
	Name        string
	URL         string
	User        string
	Password    string
	Tasks       string // the task list's name; "" syncs contacts only
	ScopeTags   []string
	ScopeStages []string
}

// Options tune a run.
type Options struct {
	DryRun bool
	Yes    bool // go ahead with a run that deletes a large share of a side
	Force  bool // go ahead when the server's collection is empty
	Now    time.Time
	HTTP   *http.Client
	// Progress, when set, hears how far a long phase has come.
	Progress func(phase string, done, total int)
}

// Report says what a run did (or, dry, would do).
type Report struct {
	Account      string   `json:"account"`
	DryRun       bool     `json:"dry_run,omitempty"`
	Pulled       int      `json:"pulled"`
	Pushed       int      `json:"pushed"`
	DeletedHere  int      `json:"deleted_here"`
	DeletedThere int      `json:"deleted_there"`
	Merged       int      `json:"merged"`
	Conflicts    int      `json:"conflicts"`
	Notices      []string `json:"notices,omitempty"`
	Errors       []string `json:"errors,omitempty"`
}

// ErrNeedsConfirm stops a run that would delete too much; the message says
// which flag goes ahead.
type ErrNeedsConfirm struct{ Msg string }

func (e *ErrNeedsConfirm) Error() string { return e.Msg }

// maxRetries bounds the re-reads after a 412 for one object.
const maxRetries = 3

// chunk is how many records go to the server before their state is
// stored: an interrupted run loses at most this much bookkeeping, and
// resumes by UID without duplicates.
const chunk = 25

// Run syncs one account.
func Run(ctx context.Context, s *store.Store, acc Account, opt Options) (Report, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	rep := Report{Account: acc.Name, DryRun: opt.DryRun}
	client, err := NewClient(acc.URL, acc.User, acc.Password, opt.HTTP)
	if err != nil {
		return rep, err
	}
	state, _, err := s.SyncState(acc.Name)
	if err != nil {
		return rep, err
	}
	cols, err := collections(ctx, s, client, &state, acc, opt.DryRun)
	if err != nil {
		return rep, err
	}
	// The run's writes carry its own command, so the next run can tell
	// them from the rep's; the handle's own is given back after.
	defer s.SetCommand(s.Command())
	s.SetCommand(syncCommand(acc.Name))
	state.Errors = nil
	if state.Client == "" {
		b := make([]byte, 8)
		if _, err := rand.Read(b); err != nil {
			return rep, err
		}
		state.Client = hex.EncodeToString(b)
		if !opt.DryRun {
			// Stored before any PUT: a run cut short resumes with the same UIDs.
			if err := s.PutSyncAccount(state); err != nil {
				return rep, err
			}
		}
	}
	head, err := s.JournalHead()
	if err != nil {
		return rep, err
	}
	r := &runner{s: s, c: client, acc: acc, opt: opt, state: state, rep: &rep}
	today := model.DateOf(opt.Now)
	if err := r.kind(ctx, contacts{now: opt.Now}, cols.Contacts); err != nil {
		return rep, r.fail(err)
	}
	if cols.Tasks != "" {
		m, err := r.taskMapper(today)
		if err != nil {
			return rep, r.fail(err)
		}
		if err := r.kind(ctx, m, cols.Tasks); err != nil {
			return rep, r.fail(err)
		}
	}
	rep.Errors = r.state.Errors
	if opt.DryRun {
		return rep, nil
	}
	r.state.LastRun = store.SyncRun{At: opt.Now, Pulled: rep.Pulled, Pushed: rep.Pushed, Deleted: rep.DeletedHere + rep.DeletedThere, Merged: rep.Merged, Finished: true}
	// The head as the run began: writes made meanwhile from another shell
	// are looked at again next time (the run's own are skipped by command).
	r.state.Marker, r.state.Schema = head, store.SchemaVersion()
	return rep, s.PutSyncAccount(r.state)
}

// fail stores the error as the account's last run, unless dry.
func (r *runner) fail(err error) error {
	if r.opt.DryRun {
		return err
	}
	var nc *ErrNeedsConfirm
	if !errors.As(err, &nc) {
		r.state.Errors = append(r.state.Errors, err.Error())
	}
	r.state.LastRun = store.SyncRun{At: r.opt.Now, Pulled: r.rep.Pulled, Pushed: r.rep.Pushed, Deleted: r.rep.DeletedHere + r.rep.DeletedThere, Merged: r.rep.Merged}
	_ = r.s.PutSyncAccount(r.state)
	return err
}

// collections finds (once, then from the state) the account's address
// book and task list.
func collections(ctx context.Context, s *store.Store, c *Client, state *store.SyncAccount, acc Account, dry bool) (Collections, error) {
	have := state.Collections
	if have != nil && have["url"] == acc.URL && have["tasks_name"] == acc.Tasks && have["contacts"] != "" {
		return Collections{Contacts: have["contacts"], Tasks: have["tasks"]}, nil
	}
	cols, err := c.discover(ctx, acc.Tasks)
	if err != nil {
		return cols, err
	}
	now := map[string]string{"url": acc.URL, "tasks_name": acc.Tasks, "contacts": cols.Contacts, "tasks": cols.Tasks}
	if !dry && have != nil {
		// Another server, or a collection that moved, is a first sync
		// again: records pair by UID, and nothing is taken for deleted.
		for _, k := range []struct {
			kind byte
			name string
		}{{store.SyncContact, "contacts"}, {store.SyncTask, "tasks"}} {
			moved := have["url"] != acc.URL || have[k.name] != now[k.name]
			if have[k.name] != "" && moved {
				if err := s.ForgetSyncItems(acc.Name, k.kind); err != nil {
					return cols, err
				}
			}
		}
	}
	state.Collections, state.Tokens = now, nil
	return cols, nil
}

type runner struct {
	s     *store.Store
	c     *Client
	acc   Account
	opt   Options
	state store.SyncAccount
	rep   *Report
}

func (r *runner) taskMapper(today model.Date) (tasks, error) {
	cs, fs, err := r.s.SyncLocal()
	if err != nil {
		return tasks{}, err
	}
	m := tasks{client: r.state.Client, now: r.opt.Now, today: today, byUID: map[string]model.Contact{}, byID: map[uint64]model.Contact{}, follows: fs}
	for _, c := range cs {
		m.byID[c.ID] = c
		m.byUID[uidKey(exchange.ContactUID(c))] = c
	}
	return m, nil
}

func (r *runner) errorf(format string, args ...any) {
	r.state.Errors = append(r.state.Errors, fmt.Sprintf(format, args...))
}

func (r *runner) notice(format string, args ...any) {
	r.rep.Notices = append(r.rep.Notices, fmt.Sprintf(format, args...))
}

// would notes, in a dry run, one thing a real run would do.
func (r *runner) would(format string, args ...any) {
	if r.opt.DryRun {
		r.notice("would "+format, args...)
	}
}

func (r *runner) progress(phase string, done, total int) {
	if r.opt.Progress != nil {
		r.opt.Progress(phase, done, total)
	}
}

// tooMany is the share of a side a run may delete without asking.
func tooMany(n, of int) bool { return n > 3 && n*10 > of*3 }

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// addConflicts records conflicts of one record, replacing older ones on
// the same fields.
func (r *runner) addConflicts(kind byte, id uint64, name string, cs []model.FieldConflict) {
	for _, c := range cs {
		r.state.Conflicts = slices.DeleteFunc(r.state.Conflicts, func(o store.SyncConflict) bool {
			return o.Kind == kind && o.LocalID == id && o.Field == c.Field
		})
		r.state.Conflicts = append(r.state.Conflicts, store.SyncConflict{Kind: kind, LocalID: id, Name: name, At: r.opt.Now, FieldConflict: c})
	}
	r.rep.Conflicts += len(cs)
}

// syncCommand names a run's writes in the journal.
func syncCommand(account string) string { return "rapport sync " + account }
