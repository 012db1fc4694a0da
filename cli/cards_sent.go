package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
)

func newCardsSentCmd(a *app) *cobra.Command {
	var text string
	cmd := &cobra.Command{
		Use:   "sent QUERY...",
		Short: "Log a card sent to each contact named",
		Long: "Log a card (an interaction of kind card, a touch) for each QUERY, all in one change (one undo takes them back).\n" +
			"Every QUERY is resolved first, so one unknown or ambiguous name writes nothing. A card also closes an open thank-you follow-up.",
		Example: `  rapport cards sent ada "grace hopper" --text "Birthday card"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("cards sent takes one QUERY per contact: rapport cards sent ada grace")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			text = strings.TrimSpace(model.CleanLine(text))
			if text == "" {
				return usagef("--text needs some words, such as \"Holiday card\"")
			}
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			who := make([]model.Contact, len(args))
			cards := make([]*model.Interaction, len(args))
			for i, q := range args {
				if who[i], err = s.Resolve(q); err != nil {
					return err
				}
				cards[i] = &model.Interaction{ContactID: who[i].ID, Kind: model.Card, Text: text, At: now}
			}
			closed, err := s.LogCards(cards)
			if err != nil {
				return err
			}
			for i, c := range who {
				printf(a.out, "Logged card to %s (#%d), note %d.", c.Name, c.ID, cards[i].ID)
				printClosed(a.out, closed[i])
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&text, "text", "Holiday card", "what the card was")
	return cmd
}
