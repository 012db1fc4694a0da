package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
)

func newShareCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "share QUERY TEXT",
		Short:   `Add a "next time share" item: an article, an introduction, an idea to bring`,
		Example: `  rapport share ada "the packaging-line case study"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef(`share takes a QUERY and what to bring: rapport share ada "the packaging-line case study"`)
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
			sh := model.Share{ContactID: c.ID, Text: model.CleanLine(strings.Join(args[1:], " ")), Created: now}
			if strings.TrimSpace(sh.Text) == "" {
				return usagef("share needs some text to bring")
			}
			if err := s.AddShare(&sh); err != nil {
				return err
			}
			printf(a.out, "Next time you talk to %s, bring: %s (#%d)", c.Name, sh.Text, sh.ID)
			return nil
		},
	}
}
