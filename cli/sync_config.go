package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/charmbracelet/x/term"

	rsync "rapport/sync"
)

// syncAccountConfig is one [sync.NAME] table of config.toml (documented
// in the README). rapport never writes a password into it.
type syncAccountConfig struct {
	URL             string   `toml:"url"`
	User            string   `toml:"user"`
	PasswordCommand string   `toml:"password_command,omitempty"`
	Tasks           *string  `toml:"tasks,omitempty"` // the task list; "" syncs contacts only
	ScopeTags       []string `toml:"scope_tags,omitempty"`
	ScopeStages     []string `toml:"scope_stages,omitempty"`
}

// defaultTaskList is the task list follow-ups go to when the account
// names none.
const defaultTaskList = "rapport"

// readSyncAccounts reads the [sync.NAME] tables of the config file
// (readConfig, shared with [mail]); a missing file has no accounts.
func readSyncAccounts() (map[string]syncAccountConfig, error) {
	cfg, err := readConfig()
	if err != nil {
		return nil, err
	}
	for name, acc := range cfg.Sync {
		if acc.URL == "" || acc.User == "" {
			return nil, fmt.Errorf("%s: [sync.%s] needs url and user", configPath(), name)
		}
	}
	return cfg.Sync, nil
}

var accountName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$`) })

// appendSyncAccount adds a [sync.NAME] table at the end of the config
// file, creating it (0600 in a 0700 folder) when needed. The rest of the
// file is left exactly as the user wrote it.
func appendSyncAccount(name string, acc syncAccountConfig) (string, error) {
	path := configPath()
	var b bytes.Buffer
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(map[string]map[string]syncAccountConfig{"sync": {name: acc}}); err != nil {
		return path, err
	}
	table := strings.TrimPrefix(b.String(), "[sync]\n")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return path, err
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return path, err
	}
	prefix := "\n"
	if len(old) == 0 {
		prefix = ""
	} else if !bytes.HasSuffix(old, []byte("\n")) {
		prefix = "\n\n"
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return path, err
	}
	if _, err := f.WriteString(prefix + table); err != nil {
		f.Close()
		return path, err
	}
	return path, f.Close()
}

// account turns a config table into what sync needs, finding the
// password: $RAPPORT_PASSWORD, else password_command, else a prompt on a
// terminal.
func (a *app) account(name string, c syncAccountConfig) (rsync.Account, error) {
	acc := rsync.Account{Name: name, URL: c.URL, User: c.User, Tasks: defaultTaskList, ScopeTags: c.ScopeTags, ScopeStages: c.ScopeStages}
	if c.Tasks != nil {
		acc.Tasks = *c.Tasks
	}
	switch {
	case os.Getenv("RAPPORT_PASSWORD") != "":
		acc.Password = os.Getenv("RAPPORT_PASSWORD")
	case c.PasswordCommand != "":
		out, err := exec.Command("sh", "-c", c.PasswordCommand).Output()
		if err != nil {
			return acc, fmt.Errorf("the password_command of [sync.%s] failed: %v", name, err)
		}
		acc.Password, _, _ = strings.Cut(strings.TrimRight(string(out), "\r\n"), "\n")
	case term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stderr.Fd()):
		fmt.Fprintf(os.Stderr, "Password for %s at %s: ", c.User, c.URL)
		pw, err := term.ReadPassword(os.Stdin.Fd())
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return acc, err
		}
		acc.Password = string(pw)
	default:
		return acc, fmt.Errorf("no password for [sync.%s]: set RAPPORT_PASSWORD or password_command in %s", name, configPath())
	}
	return acc, nil
}

func sortedNames(m map[string]syncAccountConfig) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
