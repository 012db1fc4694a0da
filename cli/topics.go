package cli

import (
	"github.com/spf13/cobra"

	"rapport/model"
)

// newTopicsCmd is the book-wide view of one topic: every open
// opportunity, problem or strategy across accounts, newest first.
func newTopicsCmd(a *app) *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:   "topics problem|opportunity|strategy",
		Short: "Every note marked with a topic, across all contacts, newest first",
		Example: `  rapport topics opportunity --since 90d
  rapport topics problem --kind meeting --json`,
		Args: exactArgs(1, "one topic: problem, opportunity or strategy"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := model.ParseTopic(args[0])
			if err != nil {
				return usagef("%v", err)
			}
			f.topic = string(t)
			o, s, err := f.options(a, "")
			if err != nil {
				return err
			}
			hits, err := s.SearchNotes(o)
			if err != nil {
				return err
			}
			if f.asJSON {
				return writeJSON(a.out, hitsJSON(hits, o.Query))
			}
			a.printHits(hits, o.Query)
			if len(hits) == 0 {
				printf(a.errOut, "No note is marked %s.", string(t))
			}
			return nil
		},
	}
	f.register(cmd, false)
	return cmd
}
