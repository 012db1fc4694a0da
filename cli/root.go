// Package cli is rapport's command line: one file per subcommand, all
// sharing the global flags and the error conventions set up here.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

// Exit codes of the public contract.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// app is what every command shares: the global flags and the streams.
type app struct {
	dbPath string
	today  string
	out    io.Writer
	errOut io.Writer
	db     *store.Store
	// clearLine removes a progress bar from stderr before a message.
	clearLine func()
	// command is the subcommand running ("rapport log"), for the journal.
	command string
}

// usageError marks mistakes in how a command was called (exit 2).
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// commands lists the subcommands; each file adds its constructor here.
var commands = []func(*app) *cobra.Command{
	newAddCmd, newEditCmd, newLogCmd, newTodayCmd, newListCmd, newShowCmd,
	newSearchCmd, newDoneCmd, newSnoozeCmd, newAskCmd, newBackupCmd, newCheckCmd,
	newDemoCmd, newVersionCmd, newImportCmd, newExportCmd,
	newReviewCmd,
	newUndoCmd, newRedoCmd, newHistoryCmd, newReopenCmd, newDeleteCmd, newMergeCmd,
	newDuplicatesCmd, newNoteCmd, newFollowUpCmd, newQuestionCmd,
	newShareCmd, newCardsCmd, newBriefCmd, newReferralsCmd, newDigestCmd,
	newTopicsCmd,
	newLaterCmd,
	newSyncCmd,
}

// Main runs rapport with args and returns the exit code.
func Main(args []string, out, errOut io.Writer) int {
	a := &app{out: out, errOut: errOut}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(out)
	root.SetErr(errOut)
	err := root.Execute()
	a.clearProgress()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(errOut, "rapport: "+sentence(err.Error()))
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") {
		return exitUsage
	}
	return exitError
}

// sentence makes an error read as one sentence ending in a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(model.CleanLine(s))
	if s != "" && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

func (a *app) rootCmd() *cobra.Command {
	var demo, keep bool
	root := &cobra.Command{
		Use:           "rapport",
		Short:         "A personal relationship manager for salespeople",
		Long:          "rapport keeps your contacts, notes, promises and personal moments in one file.\nRun it with no command to open the terminal UI.",
		Args:          noArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			a.command = cmd.CommandPath()
			if !cmd.HasParent() {
				a.command = "rapport (TUI)" // the root runs the TUI
			}
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if demo {
				return a.runDemoTUI(keep)
			}
			return a.runTUI()
		},
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", "", "database file (default $RAPPORT_DB or $XDG_DATA_HOME/rapport/rapport.db)")
	root.PersistentFlags().StringVar(&a.today, "today", "", "pretend today is this day (YYYY-MM-DD)")
	root.Flags().BoolVar(&demo, "demo", false, "open the TUI on fresh sample data in a temporary database, removed on exit")
	root.Flags().BoolVar(&keep, "keep", false, "with --demo: keep the sample database after the TUI closes")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{plainFlagError(err)} })
	root.CompletionOptions.HiddenDefaultCmd = true
	for _, mk := range commands {
		cmd := mk(a)
		if strings.Contains(cmd.Use, "QUERY") && !strings.HasPrefix(cmd.Use, "list") {
			cmd.ValidArgsFunction = a.completeContact
		}
		root.AddCommand(cmd)
	}
	return root
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unknown command %q for %q; see %s --help", args[0], cmd.CommandPath(), cmd.CommandPath())
	}
	return nil
}

// exactArgs is cobra.ExactArgs with a usage error that names the arguments.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %s", cmd.Name(), names)
		}
		return nil
	}
}

// open checks --today, then opens the database: what most commands do
// first, in that order, so a bad --today never creates a file.
func (a *app) open() (*store.Store, time.Time, error) {
	now, err := a.now()
	if err != nil {
		return nil, now, err
	}
	s, err := a.store()
	return s, now, err
}

// openExisting is open for the read-only commands: they never create a
// database, so a mistyped --db or a first run says where the book should be.
func (a *app) openExisting() (*store.Store, time.Time, error) {
	now, err := a.now()
	if err != nil {
		return nil, now, err
	}
	s, err := a.existingStore()
	return s, now, err
}

// existingStore opens the database only if it exists: backing up or
// checking a file that is not there must not create one.
func (a *app) existingStore() (*store.Store, error) {
	if err := a.mustExist(); err != nil {
		return nil, err
	}
	return a.store()
}

// mustExist refuses a database file that is not there.
func (a *app) mustExist() error {
	if a.db != nil {
		return nil
	}
	if _, err := os.Stat(a.path()); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("there is no rapport book at %s; start one with rapport add NAME, rapport import FILE or rapport demo", a.path())
	}
	return nil
}

// store opens the database on first use, so `version` and `--help` never
// create a file.
func (a *app) store() (*store.Store, error) {
	if a.db != nil {
		return a.db, nil
	}
	s, err := store.OpenWithProgress(a.path(), a.stepProgress())
	if err != nil {
		return nil, err
	}
	s.SetCommand(a.command)
	a.db = s
	return s, nil
}

func (a *app) path() string {
	switch {
	case a.dbPath != "":
		return a.dbPath
	case os.Getenv("RAPPORT_DB") != "":
		return os.Getenv("RAPPORT_DB")
	}
	return filepath.Join(xdg.DataHome, "rapport", "rapport.db")
}

// now is the current time, moved to the --today day when one was given.
func (a *app) now() (time.Time, error) {
	now := time.Now()
	if a.today == "" {
		return now, nil
	}
	t, err := model.ParseToday(a.today, now)
	if err != nil {
		return now, usageError{err}
	}
	return t, nil
}

func (a *app) todayDate() (model.Date, error) {
	now, err := a.now()
	return model.DateOf(now), err
}

// plainFlagError says what a number flag takes, instead of pflag's
// `invalid argument "abc" for "--year" flag: strconv.ParseInt: parsing
// "abc": invalid syntax`, which names Go's parser to a rep.
func plainFlagError(err error) error {
	var value, flag string
	msg := err.Error()
	if !strings.Contains(msg, ": strconv.Parse") {
		return err
	}
	if _, scanErr := fmt.Sscanf(msg, "invalid argument %q for %q flag:", &value, &flag); scanErr != nil {
		return err
	}
	flag, _, _ = strings.Cut(flag, "=")
	if i := strings.LastIndex(flag, ", "); i >= 0 { // "-n, --contacts"
		flag = flag[i+2:]
	}
	return fmt.Errorf("%s takes a whole number, not %q", flag, value)
}
