package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

// listEntryJSON is the documented shape of one `rapport list --json` row.
type listEntryJSON struct {
	ID        uint64     `json:"id"`
	Name      string     `json:"name"`
	Company   string     `json:"company"`
	LastTouch model.Date `json:"last_touch"`
	NextTouch model.Date `json:"next_touch"`
}

func newListCmd(a *app) *cobra.Command {
	var asJSON bool
	var tag string
	cmd := &cobra.Command{
		Use:   "list [QUERY]",
		Short: "List contacts, optionally those matching QUERY (name or company)",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef(`list takes at most one QUERY; quote a full name: rapport list "ada love"`)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			entries, err := listEntries(s, strings.Join(args, " "), tag)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSONArray(a.out, len(entries), func(i int) any {
					e := entries[i]
					return listEntryJSON{e.ID, e.Name, e.Company, e.LastTouch, e.NextTouch}
				})
			}
			for _, e := range entries {
				last := e.LastTouch.String()
				if e.LastTouch.IsZero() {
					last = "never"
				}
				printf(a.out, "#%-7d %s  %s  %s", e.ID, pad(e.Name, 28), pad(e.Company, 24), last)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	cmd.Flags().StringVar(&tag, "tag", "", "only contacts with this tag")
	return cmd
}

// listEntries filters the name index with the list's forgiving filter,
// best matches first, and by tag when asked.
func listEntries(s *store.Store, query, tag string) ([]store.Entry, error) {
	var entries []store.Entry
	var err error
	if query == "" {
		entries, err = s.Entries()
	} else {
		entries, err = s.Filter(query)
	}
	if err != nil || tag == "" {
		return entries, err
	}
	tagged, err := s.Tagged(tag)
	if err == nil && len(tagged) == 0 {
		return nil, fmt.Errorf("no contact has the tag %q", tag)
	}
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(entries, func(e store.Entry) bool { return !tagged[e.ID] }), nil
}
