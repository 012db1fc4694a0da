package cli

import (
	"io"

	"github.com/spf13/cobra"

	"rapport/model"
)

// todayJSON is the documented shape of `rapport today --json`.
type todayJSON struct {
	model.Agenda
	FollowThrough followThroughJSON `json:"follow_through"`
	Value         valueJSON         `json:"value"`
}

type followThroughJSON struct {
	Kept    int  `json:"kept"`
	Due     int  `json:"due"`
	Percent *int `json:"percent"`
}

func newTodayCmd(a *app) *cobra.Command {
	var asJSON, all bool
	cmd := &cobra.Command{
		Use:   "today",
		Short: "Show today's agenda: overdue, due and coming follow-ups, moments, contacts going cold",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			today := model.DateOf(now)
			limit := model.ColdLimit
			if all {
				limit = 0
			}
			d, err := readDigest(s, today, limit)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.out, todayJSON{d.Agenda, d.FollowThrough, d.Value})
			}
			printAgenda(a.out, d.Agenda, d.FollowThrough, all)
			printValue(a.out, d.Value)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	cmd.Flags().BoolVar(&all, "all", false, "list every contact going cold, not just the first 10")
	return cmd
}

// agendaEmpty reports a day with nothing to list: the digest and today
// then say so in one line.
func agendaEmpty(a model.Agenda) bool {
	return len(a.Overdue)+len(a.DueToday)+len(a.ComingUp)+len(a.Moments)+len(a.Cold) == 0
}

func printAgenda(w io.Writer, a model.Agenda, ft followThroughJSON, all bool) {
	printf(w, "Today, %s", longDay(a.Day))
	if len(a.Overdue) > 0 {
		printf(w, "\nOverdue")
		for _, it := range a.Overdue {
			printf(w, "  #%-6d %s  %s  %s", it.ID, pad(plural(it.DaysOverdue, "day", "days")+" late", 13), pad(it.ContactName, 24), dueText(it))
		}
	}
	if len(a.DueToday) > 0 {
		printf(w, "\nDue today")
		for _, it := range a.DueToday {
			printf(w, "  #%-6d %s  %s", it.ID, pad(it.ContactName, 24), dueText(it))
		}
	}
	if len(a.ComingUp) > 0 {
		printf(w, "\nComing up")
		for _, it := range a.ComingUp {
			printf(w, "  #%-6d %s  %s  %s", it.ID, pad(comingDay(it.Due, a.Day), 13), pad(it.ContactName, 24), dueText(it))
		}
	}
	if len(a.Moments) > 0 {
		printf(w, "\nMoments")
		for _, m := range a.Moments {
			printf(w, "  %s  %s  %s", pad(relDay(m.On, a.Day), 11), pad(m.ContactName, 24), momentText(m))
		}
	}
	if len(a.Cold) > 0 {
		more := ""
		if !all && a.ColdTotal > len(a.Cold) {
			more = " (" + itoa(len(a.Cold)) + " of " + itoa(a.ColdTotal) + "; rapport today --all lists them all)"
		}
		printf(w, "\nGoing cold%s", more)
		for _, c := range a.Cold {
			last := "never touched"
			if !c.LastTouch.IsZero() {
				last = "last touch " + longDay(c.LastTouch)
			}
			printf(w, "  %s  %s  %s, every %d days", pad(plural(c.DaysOverdue, "day", "days")+" over", 14), pad(c.ContactName, 24), last, c.Cadence)
		}
	}
	if agendaEmpty(a) {
		printf(w, "\nNothing due, no moments this week, nobody going cold.")
	}
	if ft.Percent != nil {
		printf(w, "\nFollow-through, last 90 days: %d%% (%d of %s kept on time)", *ft.Percent, ft.Kept, plural(ft.Due, "promise", "promises"))
	}
}

// dueText is a follow-up's text, after its time of day when it has one,
// marked when it is theirs to keep.
func dueText(it model.DueItem) string {
	text := it.Text
	if it.TheyOwe {
		text = "(waiting on them) " + text
	}
	if it.DueTime != "" {
		text = it.DueTime + "  " + text
	}
	return text
}

// comingDay names a day of the week ahead: "tomorrow", "Fri 27 Nov".
func comingDay(d, today model.Date) string {
	if today.DaysUntil(d) == 1 {
		return "tomorrow"
	}
	return d.Time().Format("Mon 2 Jan")
}

// momentText reads "birthday (turns 40)" or "work anniversary (5 years)".
func momentText(m model.MomentItem) string {
	switch {
	case m.Years == 0:
		return m.Label
	case m.Label == model.LabelBirthday:
		return m.Label + " (turns " + itoa(m.Years) + ")"
	}
	return m.Label + " (" + plural(m.Years, "year", "years") + ")"
}

func printValue(w io.Writer, v valueJSON) {
	if v.Percent != nil {
		printf(w, "Value, last 90 days: %d%% of %s brought something", *v.Percent, plural(v.Touches, "touch", "touches"))
	}
}
