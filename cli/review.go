package cli

import (
	"io"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/ui/chart"
)

// reviewWidth is the width of `rapport review`'s text: it fits any
// terminal and a plain-text email.
const reviewWidth = 60

func newReviewCmd(a *app) *cobra.Command {
	var asJSON bool
	var week string
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Review a week against the four weeks before it",
		Long: `Review a week (Monday to Sunday) against the four weeks before it: meetings,
calls, touches the contacts started, meetings thanked for within a day,
promises made, kept on time and late, cards sent, new contacts, the count
going cold, a bar chart by day, and the relationships that warmed and
cooled most against their own usual week. The Friday ritual.`,
		Example: `  rapport review
  rapport review --week 2026-11-16 --json`,
		Args: exactArgs(0, "no arguments (use --week DATE)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			today, err := a.todayDate()
			if err != nil {
				return err
			}
			day := today
			if week != "" {
				if day, err = model.ParseDate(week); err != nil || !day.HasYear() {
					return usagef("--week takes a day of the week as YYYY-MM-DD, not %q", week)
				}
				if day.Year < model.MinYear {
					return usagef("--week takes a day from %d on, not %s", model.MinYear, day)
				}
				if model.WeekStart(day).After(today) {
					return usagef("the week of %s has not begun yet (today is %s)", day, today)
				}
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			r, err := s.Review(model.WeekStart(day), today)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.out, r)
			}
			printReview(a.out, r, today)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	cmd.Flags().StringVar(&week, "week", "", "any day of the week to review (default this week)")
	return cmd
}

func printReview(w io.Writer, r model.Review, today model.Date) {
	io.WriteString(w, chart.WeekTitle(r.Week.Start)+"\n")
	if note := chart.WeekSoFar(r.Week.Start, today); note != "" {
		io.WriteString(w, note+"\n")
	}
	io.WriteString(w, "\n")
	for _, l := range chart.ReviewLines(r, reviewWidth, chart.Paint{}) {
		io.WriteString(w, l+"\n")
	}
}
