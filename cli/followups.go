package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
)

func newDoneCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "done ID",
		Short: "Mark a follow-up done",
		Args:  exactArgs(1, "the ID of a follow-up (rapport today shows them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := followUpID(args[0])
			if err != nil {
				return err
			}
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			today := model.DateOf(now)
			f, err := s.Done(id, today)
			if err != nil {
				return notFound("follow-up", id, err)
			}
			verdict := "on time"
			if !f.KeptOnTime() {
				verdict = plural(f.Promised.DaysUntil(today), "day", "days") + " late"
			}
			printf(a.out, "Done: #%d %s (%s).", f.ID, f.Text, verdict)
			return nil
		},
	}
}

func newSnoozeCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "snooze ID WHEN",
		Short: "Move a follow-up's due date",
		Long:  "Move a follow-up's due date. WHEN accepts: " + model.DueForms + ".",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("snooze takes the ID of a follow-up and WHEN, e.g. rapport snooze 12 next tue")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := followUpID(args[0])
			if err != nil {
				return err
			}
			today, err := a.todayDate()
			if err != nil {
				return err
			}
			due, err := model.ParseDue(strings.Join(args[1:], " "), today)
			if err != nil {
				return usageError{err}
			}
			if due.Before(today) {
				return usagef("%s is in the past; snooze moves a follow-up to a later day", longDay(due))
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			f, err := s.Snooze(id, due)
			if err != nil {
				return notFound("follow-up", id, err)
			}
			printf(a.out, "Snoozed #%d %s to %s (%s).", f.ID, f.Text, longDay(due), relDay(due, today))
			return nil
		},
	}
}

func followUpID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usagef("%q is not a follow-up ID (a number, as rapport today shows)", s)
	}
	return id, nil
}

func newAskCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "ask QUERY QUESTION",
		Short:   `Add a "next time ask" question for call prep`,
		Example: `  rapport ask ada "How did the board meeting go?"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef(`ask takes a QUERY and a QUESTION: rapport ask ada "How did the launch go?"`)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			c, err := s.Resolve(args[0])
			if err != nil {
				return err
			}
			q := model.Question{ContactID: c.ID, Text: model.CleanLine(strings.Join(args[1:], " ")), Created: now}
			if err := s.AddQuestion(&q); err != nil {
				return err
			}
			printf(a.out, "Next time you talk to %s, ask: %s (#%d)", c.Name, q.Text, q.ID)
			return nil
		},
	}
}
