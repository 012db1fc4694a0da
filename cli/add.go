package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"rapport/model"
	"rapport/store"
)

func newAddCmd(a *app) *cobra.Command {
	var f contactFlags
	var duplicate bool
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a contact",
		Example: `  rapport add "Ada Lovelace" --company "Analytical Engines" --email ada@example.com \
      --birthday 12-10 --tag holiday-card --stage prospect --cadence 2w`,
		Args: exactArgs(1, `a NAME (quote it: "Ada Lovelace")`),
		RunE: func(cmd *cobra.Command, args []string) error {
			now, err := a.now()
			if err != nil {
				return err
			}
			c := model.Contact{Name: strings.TrimSpace(args[0]), Stage: model.DefaultStage, Created: now}
			// A referrer can only be found in a book that exists already.
			existing := func() (*store.Store, error) {
				if err := a.mustExist(); err != nil {
					return nil, fmt.Errorf("--referred-by: there is no book at %s yet to find %q in", a.path(), f.referredBy)
				}
				return a.store()
			}
			if err := f.apply(cmd, &c, existing); err != nil {
				return err
			}
			s, err := a.store()
			if err != nil {
				return err
			}
			others, _ := s.Matches(c.Name)
			for _, o := range others {
				if !duplicate && o.Folded == model.Fold(c.Name) && model.Fold(o.Company) == model.Fold(c.Company) {
					return fmt.Errorf("%s (#%d) is already in the book with the same name and company; add --duplicate to add another", model.CleanLine(o.Name), o.ID)
				}
			}
			if err := s.AddContact(&c); err != nil {
				return err
			}
			printf(a.out, "Added %s (#%d), %s, in touch every %d days.", c.Name, c.ID, string(c.Stage), c.CadenceDays())
			if len(others) > 0 && model.Fold(others[0].Name) == model.Fold(c.Name) {
				printf(a.errOut, "note: %s (#%d) has the same name; use #ID to tell them apart", others[0].Name, others[0].ID)
			}
			return nil
		},
	}
	f.register(cmd.Flags(), false)
	cmd.Flags().BoolVar(&duplicate, "duplicate", false, "add even when a contact with the same name and company exists")
	return cmd
}

func newEditCmd(a *app) *cobra.Command {
	var f contactFlags
	cmd := &cobra.Command{
		Use:     "edit QUERY",
		Short:   "Change a contact's details",
		Example: `  rapport edit ada --title CTO --tag vip --tag holiday-card`,
		Args:    exactArgs(1, "a QUERY naming one contact"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !anyOwnFlag(cmd) {
				return usagef("edit needs at least one flag saying what to change (see rapport edit --help)")
			}
			s, err := a.store()
			if err != nil {
				return err
			}
			c, err := s.Resolve(args[0])
			if err != nil {
				return err
			}
			if err := f.apply(cmd, &c, func() (*store.Store, error) { return s, nil }); err != nil {
				return err
			}
			if err := s.UpdateContact(c); err != nil {
				return err
			}
			printf(a.out, "Updated %s (#%d).", c.Name, c.ID)
			return nil
		},
	}
	f.register(cmd.Flags(), true)
	return cmd
}

// anyOwnFlag reports whether a flag of the command itself, not a global
// one such as --db, was given.
func anyOwnFlag(cmd *cobra.Command) bool {
	found := false
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if cmd.InheritedFlags().Lookup(f.Name) == nil {
			found = true
		}
	})
	return found
}
