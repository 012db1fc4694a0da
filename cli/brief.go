package cli

import (
	"io"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/ui"
)

// briefWidth is the width the brief is written for: one 80x24 screen.
const briefWidth = 80

func newBriefCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "brief QUERY",
		Short: "Everything for the next call on one 80x24 screen",
		Long: "Who they are and what matters to them, promises open both ways, questions to ask and things to share,\n" +
			"the last three touches, problems, opportunities and strategies of the last 180 days, face-time figures,\n" +
			"moments in the next 30 days, who referred them and whom they referred.",
		Example: "  rapport brief ada\n  rapport brief ada --json",
		Args:    exactArgs(1, `a QUERY naming one contact (quote a full name: "ada lovelace")`),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			today := model.DateOf(now)
			c, err := s.Resolve(args[0])
			if err != nil {
				return err
			}
			d, err := s.Detail(c.ID)
			if err != nil {
				return err
			}
			b := d.Brief(today)
			if asJSON {
				return writeJSON(a.out, b)
			}
			_, err = io.WriteString(a.out, ui.BriefText(b, today, briefWidth)+"\n")
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	return cmd
}
