package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
)

func newLaterCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "later QUERY WHEN",
		Short: "Put off a contact's next touch without logging anything",
		Long: "Move the day a contact falls due for a touch, without a fake interaction; the next real\n" +
			"touch (a call, meeting, email, message or card) brings the cadence back. WHEN accepts: " + model.DueForms + ".",
		Example: `  rapport later "ada lovelace" next month`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef(`later takes a QUERY and WHEN: rapport later ada "next month"`)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			today, err := a.todayDate()
			if err != nil {
				return err
			}
			due, err := model.ParseDue(strings.Join(args[1:], " "), today)
			if err != nil {
				return usageError{err}
			}
			if !due.After(today) {
				return usagef("%s is not a later day; later puts the next touch off to a day after today", longDay(due))
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			c, err := s.Resolve(args[0])
			if err != nil {
				return err
			}
			if _, err := s.Later(c.ID, due); err != nil {
				return err
			}
			printf(a.out, "Next touch with %s (#%d) put off to %s (%s).", c.Name, c.ID, longDay(due), relDay(due, today))
			return nil
		},
	}
}
