package cli

import (
	"fmt"
	"os"
	"path/filepath"
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

Importing the same file again adds no one twice: a card matches a contact by
its UID, then by email, then by exact name, and updates what changed. A card
or row that cannot be read is reported with its line and skipped.`,
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
			if dryRun {
				a.listSteps(rep)
			}
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

// listSteps prints a dry run's plan: whom it would add and update.
func (a *app) listSteps(rep exchange.Report) {
	for _, st := range rep.Steps {
		switch st.Action {
		case exchange.Add:
			printf(a.out, "would add     %s  %s", pad(st.Name, 30), st.Where(rep.Source))
		case exchange.Update:
			printf(a.out, "would update  %s  #%d: %s", pad(st.Name, 30), st.ID, strings.Join(st.Changes, ", "))
		}
	}
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
	counts := fmt.Sprintf("%d added, %d updated, %d unchanged, %d skipped", rep.Added, rep.Updated, rep.Unchanged, rep.Skipped)
	if rep.DryRun {
		counts = fmt.Sprintf("%d to add, %d to update, %d unchanged, %d to skip", rep.Added, rep.Updated, rep.Unchanged, rep.Skipped)
		printf(a.out, "Dry run of %s (%s): %s; nothing was written.", rep.Source, string(rep.Format), counts)
		return
	}
	printf(a.out, "Imported %s (%s): %s.", rep.Source, string(rep.Format), counts)
}
