package cli

import (
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/store"
)

func newUndoCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "undo [CHANGE]",
		Short: "Undo the latest change (or change CHANGE of rapport history)",
		Long: "Undo the latest change made from anywhere, the TUI included; repeat to walk further back.\n" +
			"With CHANGE (an id from rapport history), undo that change, unless a later one touched the same records.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var id uint64
			if len(args) == 1 {
				n, err := strconv.ParseUint(strings.TrimPrefix(args[0], "#"), 10, 64)
				if err != nil || n == 0 {
					return usagef("%q is not a change id (a number, as rapport history shows)", args[0])
				}
				id = n
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			e, err := s.Undo(id)
			if err != nil {
				return err
			}
			printf(a.out, "Undid: %s", e.Summary)
			return nil
		},
	}
}

func newRedoCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "redo",
		Short: "Redo the change undone last",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			e, err := s.Redo()
			if err != nil {
				return err
			}
			printf(a.out, "Redid: %s", e.Summary)
			return nil
		},
	}
}

// historyJSON is the documented shape of `rapport history --json`.
type historyJSON struct {
	ID      uint64    `json:"id"`
	At      time.Time `json:"at"`
	Command string    `json:"command"`
	Summary string    `json:"summary"`
	Kind    string    `json:"kind"`
	Status  string    `json:"status"`
	Target  uint64    `json:"target,omitempty"`
	Records int       `json:"records"`
}

func newHistoryCmd(a *app) *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List recent changes, newest first",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 0 {
				return usagef("--limit must be 0 (all) or more")
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			hist, err := s.History(limit)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]historyJSON, 0, len(hist))
				for _, e := range hist {
					out = append(out, historyJSON{e.ID, e.At, e.Command, e.Summary, e.Kind, statusWord(e), e.Target, e.Records()})
				}
				return writeJSON(a.out, out)
			}
			printHistory(a, hist)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	cmd.Flags().IntVar(&limit, "limit", 20, "how many changes (0: all the journal keeps)")
	return cmd
}

func statusWord(e store.JournalEntry) string {
	if e.Status == store.StatusApplied {
		return "applied"
	}
	return e.Status
}

func printHistory(a *app, hist []store.JournalEntry) {
	if len(hist) == 0 {
		printf(a.out, "No changes yet.")
		return
	}
	for _, e := range hist {
		mark := ""
		switch {
		case e.Status == store.StatusUndone:
			mark = "  (undone; rapport redo)"
		case e.Status == store.StatusDropped:
			mark = "  (undone)"
		}
		printf(a.out, "#%-5d %s  %s %s%s", e.ID, e.At.Local().Format("2006-01-02 15:04"), pad(e.Command, 16), e.Summary, mark)
	}
}
