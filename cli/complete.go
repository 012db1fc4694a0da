package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
)

// completeContact offers contact names for a command's first argument, so
// `rapport log ad<TAB>` completes from the book (cobra's shell completion).
func (a *app) completeContact(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 || strings.TrimSpace(toComplete) == "" {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	s, err := a.existingStore() // a TAB never creates a book
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	entries, err := s.Filter(toComplete)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for i, e := range entries {
		if i == 50 {
			break
		}
		names = append(names, model.CleanLine(e.Name)+"\t"+model.CleanLine(e.Company))
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}
