package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// maxProblems caps the problems listed: a broken file must not bury the
// summary under thousands of lines.
const maxProblems = 50

func newImportCmd(a *app) *cobra.Command {
	var dryRun bool
	var stage string
	var tags []string
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import contacts from vCard, Google or LinkedIn CSV, or restore a backup",
		Long: `Import contacts from FILE:
  .vcf     vCard 2.1, 3.0 or 4.0, one or many cards (a phone, Apple Contacts,
           Google, Outlook), or a folder of .vcf files (a khard or vdirsyncer vdir)
  .csv     a Google Contacts export or LinkedIn's Connections.csv
  .json    a rapport backup (rapport export --format json), restored exactly
           into an empty database

Importing the same file again adds no one twice: a card matches a contact
only on strong evidence (its UID, else an email address, else the exact name
together with the same company) and updates what changed. Two rows of one
file become one contact only when they agree on every field both have. Every
such merge, and every near-match left apart as another person, is listed. A
card or row that cannot be read is reported with its line and skipped; the
counts add up to the rows read. vCard properties rapport has no field for are
kept as they came, written back by the vCard export, and counted.`,
		Example: `  rapport import contacts.vcf --dry-run
  rapport import ~/.contacts/work --tag work
  rapport import Connections.csv --stage lead --tag linkedin
  rapport --db new.db import rapport-backup.json`,
		Args: exactArgs(1, "a FILE (.vcf, .csv or .json) or a folder of .vcf files"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt := exchange.ImportOptions{DryRun: dryRun}
			if stage != "" {
				st, err := model.ParseStage(stage)
				if err != nil {
					return usageError{err}
				}
				opt.Stage = st
			}
			for _, t := range tags {
				if t = strings.TrimSpace(model.CleanLine(t)); t == "" {
					return usagef("--tag needs a name")
				}
				opt.Tags = append(opt.Tags, t)
			}
			now, err := a.now()
			if err != nil {
				return err
			}
			batch, err := exchange.Read(args[0], now)
			if err != nil {
				return err
			}
			if batch.Backup == nil && len(batch.Records) == 0 {
				a.listProblems(batch.Problems, batch.Source, false)
				return fmt.Errorf("no contact could be read from %s", batch.Source)
			}
			s, done, err := a.importStore(dryRun)
			if err != nil {
				return err
			}
			defer done()
			ctx, stop := a.interruptible()
			defer stop()
			opt.Progress, opt.Context = a.progress("Importing"), ctx
			rep, err := exchange.Import(s, batch, opt)
			a.listProblems(rep.Problems, rep.Source, dryRun)
			if err != nil {
				return err
			}
			a.listSteps(rep)
			a.listDecisions(rep)
			a.importSummary(rep)
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&dryRun, "dry-run", false, "show what would be added, updated and skipped, and write nothing")
	f.StringVar(&stage, "stage", "", "stage of new contacts (default prospect)")
	f.StringArrayVar(&tags, "tag", nil, "add this tag to every imported contact (repeatable)")
	return cmd
}

// importStore opens the database; a dry run against one that does not
// exist yet plans against an empty one in a temporary folder, so that
// "nothing was written" holds for the file too.
func (a *app) importStore(dryRun bool) (s *store.Store, done func(), err error) {
	done = func() {}
	if _, statErr := os.Stat(a.path()); !dryRun || statErr == nil {
		s, err = a.store()
		if err == nil {
			s.Group() // an import commits in chunks; undo takes it whole
		}
		return s, done, err
	}
	dir, err := os.MkdirTemp("", "rapport-dry-run-")
	if err != nil {
		return nil, done, err
	}
	s, err = store.Open(filepath.Join(dir, "empty.db"))
	return s, func() { os.RemoveAll(dir) }, err
}

// listProblems reports skipped cards and left-out fields, file:line first
// as compilers do. A dry run lists them with the plan, on stdout.
func (a *app) listProblems(problems []exchange.Problem, source string, dryRun bool) {
	w := a.errOut
	if dryRun {
		w = a.out
	}
	for i, p := range problems {
		if i == maxProblems {
			printf(w, "… and %d more problems", len(problems)-maxProblems)
			break
		}
		printf(w, "%s: %s", p.Where(source), p.Msg)
	}
}

// listSteps prints whom a dry run would add, and whom any import updates,
// with the evidence that matched them: every merge into a contact of the
// book is named.
func (a *app) listSteps(rep exchange.Report) {
	n := 0
	for _, st := range rep.Steps {
		if st.Action == exchange.Unchanged || st.Action == exchange.Add && !rep.DryRun {
			continue
		}
		if n++; n > maxProblems {
			printf(a.out, "… and more")
			return
		}
		switch {
		case st.Action == exchange.Add:
			printf(a.out, "would add     %s  %s", pad(st.Name, 30), st.Where(rep.Source))
		case rep.DryRun:
			printf(a.out, "would update  %s  #%d (%s): %s", pad(st.Name, 30), st.ID, st.Why, strings.Join(st.Changes, ", "))
		default:
			printf(a.out, "updated  %s  #%d (%s): %s", pad(st.Name, 30), st.ID, st.Why, strings.Join(st.Changes, ", "))
		}
	}
}

// listDecisions names every row merged with another row of the file and
// every near-match left apart, so no two people become one unseen.
func (a *app) listDecisions(rep exchange.Report) {
	for i, d := range rep.Decisions {
		if i == maxProblems {
			printf(a.out, "… and %d more merges and near-matches", len(rep.Decisions)-maxProblems)
			break
		}
		name := model.CleanLine(d.Name)
		if d.Merged {
			printf(a.out, "%s: merged %s into %s: %s", d.Where(rep.Source), name, d.With, d.Why)
		} else {
			printf(a.out, "%s: kept %s apart from %s: %s", d.Where(rep.Source), name, d.With, d.Why)
		}
	}
	if len(rep.Kept) > 0 {
		printf(a.out, "Kept as-is for the vCard export (no field in rapport): %s.", countList(rep.Kept))
	}
	if len(rep.Dropped) > 0 {
		printf(a.out, "Left out (rapport keeps no pictures or keys): %s.", countList(rep.Dropped))
	}
}

// countList writes "IMPP 3, X-MS-SPOUSE 1", most frequent first.
func countList(m map[string]int) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if m[names[i]] != m[names[j]] {
			return m[names[i]] > m[names[j]]
		}
		return names[i] < names[j]
	})
	for i, k := range names {
		names[i] = fmt.Sprintf("%s %d", model.CleanLine(k), m[k])
	}
	return strings.Join(names, ", ")
}

func (a *app) importSummary(rep exchange.Report) {
	if rep.Format == exchange.Backup {
		verb, tail := "Restored", "."
		if rep.DryRun {
			verb, tail = "Would restore", "; nothing was written."
		}
		if rep.Restored == 0 {
			printf(a.out, "Nothing to restore: the %s of %s are in the database already.", plural(rep.RestoredBefore, "contact", "contacts"), rep.Source)
			return
		}
		before := ""
		if rep.RestoredBefore > 0 {
			before = fmt.Sprintf(" (%s there already, from an earlier run)", plural(rep.RestoredBefore, "contact was", "contacts were"))
		}
		printf(a.out, "%s %s from %s%s%s", verb, plural(rep.Restored, "contact", "contacts"), rep.Source, before, tail)
		return
	}
	read, other := plural(rep.Read, "row", "rows"), "row"
	if rep.Format == exchange.VCard {
		read, other = plural(rep.Read, "card", "cards"), "card"
	}
	counts := fmt.Sprintf("%s read: %d added, %d updated, %d unchanged, %d merged with another %s, %d skipped",
		read, rep.Added, rep.Updated, rep.Unchanged, rep.Merged, other, rep.Skipped)
	if rep.DryRun {
		counts = fmt.Sprintf("%s read: %d to add, %d to update, %d unchanged, %d to merge with another %s, %d to skip",
			read, rep.Added, rep.Updated, rep.Unchanged, rep.Merged, other, rep.Skipped)
		printf(a.out, "Dry run of %s (%s): %s; nothing was written.", rep.Source, string(rep.Format), counts)
		return
	}
	printf(a.out, "Imported %s (%s): %s.", rep.Source, string(rep.Format), counts)
}
