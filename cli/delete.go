package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

func newDeleteCmd(a *app) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete QUERY",
		Short: "Delete a contact with its notes, follow-ups and questions (rapport undo brings it back)",
		Args:  exactArgs(1, `a QUERY naming one contact (quote a full name: "ada lovelace")`),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			c, err := s.Resolve(args[0])
			if err != nil {
				return err
			}
			d, err := s.Detail(c.ID)
			if err != nil {
				return err
			}
			if err := a.confirm(yes, "Delete %s (#%d) with %s, %s and %s?", c.Name, c.ID,
				plural(len(d.Notes), "note", "notes"), plural(len(d.FollowUps), "follow-up", "follow-ups"),
				plural(len(d.Questions), "question", "questions")); err != nil {
				return err
			}
			r, err := s.DeleteContact(c.ID)
			if err != nil {
				return err
			}
			printf(a.out, "Deleted %s (#%d) with %s, %s and %s (rapport undo brings them back).", r.Contact.Name, r.Contact.ID,
				plural(r.Notes, "note", "notes"), plural(r.FollowUps, "follow-up", "follow-ups"), plural(r.Questions, "question", "questions"))
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask (needed when not run from a terminal)")
	return cmd
}

// mergeJSON is the documented shape of `rapport merge --json`.
type mergeJSON struct {
	Keep      refJSON          `json:"keep"`
	Other     refJSON          `json:"other"`
	DryRun    bool             `json:"dry_run"`
	Notes     int              `json:"notes"`
	FollowUps int              `json:"follow_ups"`
	Questions int              `json:"questions"`
	Referrals int              `json:"referrals"`
	Conflicts []model.Conflict `json:"conflicts"`
	Merged    model.Contact    `json:"merged"`
}

func newMergeCmd(a *app) *cobra.Command {
	var yes, dryRun, asJSON bool
	cmd := &cobra.Command{
		Use:   "merge KEEP OTHER",
		Short: "Merge two records of one person: OTHER's history moves to KEEP, OTHER is deleted",
		Long: "Merge OTHER into KEEP: notes, follow-ups, questions, moments, tags, emails, phones and referrals move to KEEP;\n" +
			"KEEP's empty fields are filled from OTHER; where both have a different value, KEEP's stays and the conflict is listed.\n" +
			"rapport undo splits them again exactly.",
		Example: `  rapport merge "ada lovelace" "ada king" --dry-run`,
		Args:    exactArgs(2, "KEEP and OTHER, two QUERYs naming one contact each"),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			keep, err := s.Resolve(args[0])
			if err != nil {
				return err
			}
			other, err := s.Resolve(args[1])
			if err != nil {
				return err
			}
			plan, err := s.Merge(keep.ID, other.ID, true)
			if err != nil {
				return err
			}
			if !dryRun {
				if !yes && a.interactive() {
					printMerge(a, plan, true, false)
				}
				if err := a.confirm(yes, "Merge %s (#%d) into %s (#%d)?", other.Name, other.ID, keep.Name, keep.ID); err != nil {
					return err
				}
				if plan, err = s.Merge(keep.ID, other.ID, false); err != nil {
					return err
				}
			}
			printMerge(a, plan, dryRun, asJSON)
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask (needed when not run from a terminal)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "show what would happen and write nothing")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	return cmd
}

// printMerge says what a merge did, or (plan) would do.
func printMerge(a *app, r store.MergeResult, plan, asJSON bool) {
	if asJSON {
		conflicts := r.Conflicts
		if conflicts == nil {
			conflicts = []model.Conflict{}
		}
		writeJSON(a.out, mergeJSON{refJSON{r.Keep.ID, r.Keep.Name}, refJSON{r.Other.ID, r.Other.Name}, plan,
			r.Notes, r.FollowUps, r.Questions, r.Referrals, conflicts, r.Merged})
		return
	}
	verb := "Merged"
	if plan {
		verb = "Would merge"
	}
	printf(a.out, "%s %s (#%d) into %s (#%d): %s, %s, %s and %s move over.", verb, r.Other.Name, r.Other.ID, r.Keep.Name, r.Keep.ID,
		plural(r.Notes, "note", "notes"), plural(r.FollowUps, "follow-up", "follow-ups"),
		plural(r.Questions, "question", "questions"), plural(r.Referrals, "referral", "referrals"))
	for _, c := range r.Conflicts {
		printf(a.out, "  %s differs: keeping %q, dropping %q", c.Field, c.Kept, c.Dropped)
	}
	if !plan {
		printf(a.out, "rapport undo splits them again.")
	}
}

// duplicateJSON is the documented shape of `rapport duplicates --json`.
type duplicateJSON struct {
	A   refJSON  `json:"a"`
	B   refJSON  `json:"b"`
	Why []string `json:"why"`
}

func newDuplicatesCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "duplicates",
		Short: "List likely pairs of records of one person, with why",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			pairs, err := s.Duplicates()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSONArray(a.out, len(pairs), func(i int) any {
					p := pairs[i]
					return duplicateJSON{refJSON{p.A.ID, p.A.Name}, refJSON{p.B.ID, p.B.Name}, p.Why}
				})
			}
			if len(pairs) == 0 {
				printf(a.out, "No likely duplicates.")
				return nil
			}
			for _, p := range pairs {
				printf(a.out, "%s  and  %s: %s", who(p.A), who(p.B), strings.Join(p.Why, ", "))
				printf(a.out, "    rapport merge '#%d' '#%d'", p.A.ID, p.B.ID)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	return cmd
}

// who names a contact with the company and id that tell namesakes apart.
func who(c model.ContactRef) string {
	if c.Company != "" {
		return c.Name + " (" + c.Company + ", #" + itoa(int(c.ID)) + ")"
	}
	return c.Name + " (#" + itoa(int(c.ID)) + ")"
}
