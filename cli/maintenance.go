package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"rapport/store"
)

// version is set at build time with -ldflags "-X rapport/cli.version=...".
var version = "0.1.0"

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			printf(a.out, "rapport %s (database schema %d)", version, int(store.SchemaVersion()))
			return nil
		},
	}
}

func newBackupCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Copy the database to FILE while it stays in use",
		Args:  exactArgs(1, "the FILE to write the backup to"),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			if err := s.Backup(args[0]); err != nil {
				return err
			}
			printf(a.out, "Backed up %s to %s.", s.Path(), args[0])
			return nil
		},
	}
}

func newCheckCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Verify the database file and that its indexes agree with the records",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			r, err := s.CheckProgress(a.progress("Checking"))
			if err != nil {
				return err
			}
			for _, p := range r.Problems {
				printf(a.out, "%s", p)
			}
			for _, u := range r.Unverified {
				printf(a.errOut, "note: %s", u)
			}
			if len(r.Problems) > 0 {
				return fmt.Errorf("the database has %s, listed above", plural(len(r.Problems), "problem", "problems"))
			}
			if len(r.Unverified) > 0 {
				printf(a.out, "Found no problems in %s; what the note above names was not verified.", s.Path())
				return nil
			}
			printf(a.out, "%s is consistent.", s.Path())
			return nil
		},
	}
}
