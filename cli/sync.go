package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
	rsync "rapport/sync"
)

func newSyncCmd(a *app) *cobra.Command {
	var f struct {
		dry, yes, force, asJSON bool
	}
	cmd := &cobra.Command{
		Use:   "sync [NAME]",
		Short: "Two-way sync of contacts and follow-ups with CardDAV/CalDAV accounts",
		Long: "Sync every account of the config file (or the one named): contacts with the account's first\n" +
			"address book, follow-ups with its task list. Changes on either side move to the other; a field\n" +
			"changed on both sides takes the server's value and keeps yours as a conflict (rapport sync status).\n" +
			"A run that would delete more than 30% of either side, or finds the server's collection empty, stops\n" +
			"and asks for --yes or --force. Every change a run makes here can be taken back with rapport undo.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			accounts, err := readSyncAccounts()
			if err != nil {
				return err
			}
			names := sortedNames(accounts)
			if len(args) == 1 {
				if _, ok := accounts[args[0]]; !ok {
					return usagef("no account %q in %s (rapport sync add %s URL --user U adds it)", args[0], configPath(), args[0])
				}
				names = args
			}
			if len(names) == 0 {
				return usagef("no sync accounts in %s: add one with rapport sync add NAME URL --user U", configPath())
			}
			s, now, err := a.open()
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			var reports []rsync.Report
			var failed error
			for _, name := range names {
				acc, err := a.account(name, accounts[name])
				if err != nil {
					return err
				}
				rep, err := rsync.Run(ctx, s, acc, rsync.Options{DryRun: f.dry, Yes: f.yes, Force: f.force, Now: now, Progress: a.stepProgress()})
				a.clearProgress()
				if errors.Is(err, context.Canceled) {
					failed = fmt.Errorf("%s: stopped by Ctrl+C after %d from the server and %d to it; rapport sync %s goes on from there", name, rep.Pulled, rep.Pushed, name)
					break
				}
				if err != nil {
					failed = fmt.Errorf("%s: %w", name, err)
					var nc *rsync.ErrNeedsConfirm
					if errors.As(err, &nc) {
						failed = usagef("%s: %s", name, nc.Msg)
					}
					break
				}
				reports = append(reports, rep)
				if !f.asJSON {
					printReport(a, rep)
				}
			}
			if f.asJSON {
				if err := writeJSON(a.out, reports); err != nil {
					return err
				}
			}
			return failed
		},
	}
	cmd.Flags().BoolVar(&f.dry, "dry-run", false, "show what would move, change nothing")
	cmd.Flags().BoolVar(&f.yes, "yes", false, "go ahead with a run that deletes a large share of either side")
	cmd.Flags().BoolVar(&f.force, "force", false, "upload everything again when the server's collection is found empty")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print the runs' reports as JSON")
	cmd.AddCommand(newSyncAddCmd(a), newSyncStatusCmd(a), newSyncResolveCmd(a))
	return cmd
}

func printReport(a *app, rep rsync.Report) {
	verb := "synced"
	if rep.DryRun {
		verb = "would sync"
	}
	printf(a.out, "%s %s: %d from the server, %d to it, %d deleted here, %d deleted there, %d merged, %s.", rep.Account, verb,
		rep.Pulled, rep.Pushed, rep.DeletedHere, rep.DeletedThere, rep.Merged, plural(rep.Conflicts, "new conflict", "new conflicts"))
	for _, n := range rep.Notices {
		printf(a.out, "  %s", model.CleanLine(n)) // may quote a server's href or card
	}
	for _, e := range rep.Errors {
		fmt.Fprintln(a.errOut, "rapport: "+rep.Account+": "+sentence(e))
	}
	if rep.Conflicts > 0 {
		printf(a.out, "  rapport sync status lists the conflicts; rapport sync resolve N --mine|--theirs settles one.")
	}
}

func newSyncAddCmd(a *app) *cobra.Command {
	var f struct {
		user, tasks, passwordCommand string
		tags, stages                 []string
		noTasks                      bool
	}
	cmd := &cobra.Command{
		Use:   "add NAME URL --user U",
		Short: "Add a CardDAV/CalDAV account to the config file (no password is stored)",
		Long: "Append a [sync.NAME] table to $RAPPORT_CONFIG or $XDG_CONFIG_HOME/rapport/config.toml.\n" +
			"URL is the server (discovery finds the address book and task list) or the account's own URL.\n" +
			"The password comes from $RAPPORT_PASSWORD, the table's password_command, or a prompt.",
		Args: exactArgs(2, "NAME and URL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, raw := args[0], args[1]
			if !accountName().MatchString(name) {
				return usagef("%q is not an account name (letters, digits, - and _)", name)
			}
			if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return usagef("%q is not an http(s) URL", raw)
			}
			if f.user == "" {
				return usagef("sync add needs --user")
			}
			accounts, err := readSyncAccounts()
			if err != nil {
				return err
			}
			if _, ok := accounts[name]; ok {
				return fmt.Errorf("%s already has an account %q; edit it there", configPath(), name)
			}
			for _, st := range f.stages {
				if _, err := model.ParseStage(st); err != nil {
					return usageError{err}
				}
			}
			acc := syncAccountConfig{URL: raw, User: f.user, PasswordCommand: f.passwordCommand, ScopeTags: f.tags, ScopeStages: f.stages}
			if cmd.Flags().Changed("tasks") || f.noTasks {
				t := f.tasks
				if f.noTasks {
					t = ""
				}
				acc.Tasks = &t
			}
			path, err := appendSyncAccount(name, acc)
			if err != nil {
				return fmt.Errorf("cannot write %s: %v", path, err)
			}
			printf(a.out, "Added the account %s to %s; rapport sync %s runs it.", name, path, name)
			return nil
		},
	}
	cmd.Flags().StringVar(&f.user, "user", "", "the account's user name")
	cmd.Flags().StringVar(&f.tasks, "tasks", defaultTaskList, "the task list follow-ups go to (made when missing)")
	cmd.Flags().BoolVar(&f.noTasks, "no-tasks", false, "sync contacts only")
	cmd.Flags().StringVar(&f.passwordCommand, "password-command", "", "a shell command that prints the password (e.g. pass show dav)")
	cmd.Flags().StringArrayVar(&f.tags, "tag", nil, "only contacts with this tag go to the server (repeatable)")
	cmd.Flags().StringArrayVar(&f.stages, "stage", nil, "only contacts at this stage go to the server (repeatable)")
	return cmd
}

// statusJSON is the documented shape of `rapport sync status --json`.
type statusJSON struct {
	Accounts  []store.SyncAccount `json:"accounts"`
	Conflicts []rsync.Conflict    `json:"conflicts"`
}

func newSyncStatusCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "The last run of every account, its open conflicts and errors",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			accs, err := s.SyncAccounts()
			if err != nil {
				return err
			}
			conflicts, err := rsync.Conflicts(s)
			if err != nil {
				return err
			}
			if asJSON {
				if accs == nil {
					accs = []store.SyncAccount{}
				}
				if conflicts == nil {
					conflicts = []rsync.Conflict{}
				}
				return writeJSON(a.out, statusJSON{accs, conflicts})
			}
			if len(accs) == 0 {
				printf(a.out, "No account has synced yet (rapport sync add NAME URL --user U, then rapport sync).")
				return nil
			}
			for _, acc := range accs {
				printAccount(a, acc)
			}
			if len(conflicts) > 0 {
				printf(a.out, "\nConflicts (the server's value is in rapport; yours is kept here):")
				for _, c := range conflicts {
					printf(a.out, "  %d. %s, %s: yours %s, the server's %s", c.N, model.CleanLine(c.Name), c.Field, quoteValues(c.Mine), quoteValues(c.Theirs))
				}
				printf(a.out, "rapport sync resolve N --mine puts yours back (sent at the next sync); --theirs keeps the server's.")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func printAccount(a *app, acc store.SyncAccount) {
	r := acc.LastRun
	state := "finished"
	if !r.Finished {
		state = "stopped early"
	}
	printf(a.out, "%s: last run %s (%s): %d from the server, %d to it, %d deleted, %d merged.", acc.Name,
		r.At.Local().Format("2006-01-02 15:04"), state, r.Pulled, r.Pushed, r.Deleted, r.Merged)
	if c := acc.Collections; c != nil {
		printf(a.out, "  address book %s", c["contacts"])
		if c["tasks"] != "" {
			printf(a.out, "  task list    %s", c["tasks"])
		}
	}
	for _, e := range acc.Errors {
		printf(a.out, "  error: %s", model.CleanLine(e))
	}
}

func quoteValues(v []string) string {
	if len(v) == 0 {
		return "(empty)"
	}
	q := make([]string, len(v))
	for i, s := range v {
		q[i] = strconv.Quote(model.CleanLine(s))
	}
	return strings.Join(q, ", ")
}

func newSyncResolveCmd(a *app) *cobra.Command {
	var mine, theirs bool
	cmd := &cobra.Command{
		Use:   "resolve N --mine|--theirs",
		Short: "Settle conflict N of rapport sync status",
		Args:  exactArgs(1, "the number of a conflict, as rapport sync status lists it"),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.Atoi(args[0])
			if err != nil || n < 1 {
				return usagef("%q is not a conflict number (rapport sync status lists them)", args[0])
			}
			if mine == theirs {
				return usagef("resolve takes one of --mine and --theirs")
			}
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			c, err := rsync.Resolve(s, n, mine, now)
			if err != nil {
				return err
			}
			if mine {
				printf(a.out, "%s's %s is yours again (%s); the next sync sends it.", c.Name, c.Field, quoteValues(c.Mine))
			} else {
				printf(a.out, "%s's %s stays the server's (%s).", c.Name, c.Field, quoteValues(c.Theirs))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&mine, "mine", false, "put your value back")
	cmd.Flags().BoolVar(&theirs, "theirs", false, "keep the server's value")
	return cmd
}

// contactConflicts are the open sync conflicts on one contact.
func contactConflicts(s *store.Store, id uint64) ([]rsync.Conflict, error) {
	all, err := rsync.Conflicts(s)
	var out []rsync.Conflict
	for _, c := range all {
		if c.Kind == store.SyncContact && c.LocalID == id {
			out = append(out, c)
		}
	}
	return out, err
}

func printConflicts(w io.Writer, cs []rsync.Conflict) {
	if len(cs) == 0 {
		return
	}
	printf(w, "\nSync conflicts (the server's value is shown above)")
	for _, c := range cs {
		printf(w, "  %d. %s: yours %s, the server's %s  (rapport sync resolve %d --mine|--theirs)", c.N, c.Field, quoteValues(c.Mine), quoteValues(c.Theirs), c.N)
	}
}
