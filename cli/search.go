package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"
)

func newSearchCmd(a *app) *cobra.Command {
	var asJSON bool
	var topic string
	var limit int
	cmd := &cobra.Command{
		Use:   "search TEXT",
		Short: "Search the text of every note",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(`search takes the TEXT to look for: rapport search "pricing"`)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := topicFlag(topic)
			if err != nil {
				return err
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			hits, err := s.Search(strings.Join(args, " "), filter, limit)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.out, hits)
			}
			for _, h := range hits {
				printf(a.out, "%s  %s  %s (#%d)", h.At.Format("2006-01-02"), pad(string(h.Kind), 7), h.ContactName, h.ContactID)
				io.WriteString(a.out, indentText(h.Text, "    ")+"\n")
			}
			if len(hits) == 0 {
				printf(a.errOut, "No note mentions %q.", strings.Join(args, " "))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	cmd.Flags().StringVar(&topic, "topic", "", "only notes marked problem, opportunity or strategy")
	cmd.Flags().IntVar(&limit, "limit", 50, "at most this many notes, newest first (0 for all)")
	return cmd
}
