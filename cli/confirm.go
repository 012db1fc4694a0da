package cli

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
)

// confirm asks a yes/no question on the terminal before a destructive
// write. --yes answers it in advance; without a terminal there is nobody to
// ask, so the command is refused (exit 2) rather than guessed.
func (a *app) confirm(yes bool, format string, args ...any) error {
	if yes {
		return nil
	}
	if !a.interactive() {
		return usagef("%s needs --yes when not run from a terminal", a.command)
	}
	printfNoNewline(os.Stderr, format+" [y/N] ", args...)
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return errCancelled
}

// errCancelled is a "no" at a confirmation: nothing was written.
var errCancelled = fmt.Errorf("cancelled; nothing was changed")

// interactive reports whether both standard input and output are terminals.
func (a *app) interactive() bool {
	out, ok := a.out.(*os.File)
	return ok && term.IsTerminal(out.Fd()) && term.IsTerminal(os.Stdin.Fd())
}
