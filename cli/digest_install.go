package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
)

// Unit names of the daily digest.
const (
	digestService = "rapport-digest.service"
	digestTimer   = "rapport-digest.timer"
)

// installDigest writes a systemd user service and timer that run the digest
// daily (Persistent=true: a laptop asleep at the hour runs it on waking),
// and prints the systemctl command that enables them, so nothing is
// enabled behind the user's back. Where systemd is absent it prints a
// crontab line instead.
func (a *app) installDigest(f digestFlags) error {
	at, err := time.Parse("15:04", f.at)
	if err != nil {
		return usagef("--at takes a time of day as HH:MM, not %q", f.at)
	}
	if f.mail == "" && !f.notify {
		return usagef("--install needs --mail ADDRESS or --notify: what should the daily run do?")
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot tell where rapport is installed: %v", err)
	}
	db, err := filepath.Abs(a.path())
	if err != nil {
		return err
	}
	args := []string{exe, "--db", db, "digest"}
	if f.mail != "" {
		args = append(args, "--mail", f.mail)
	}
	if f.html {
		args = append(args, "--html")
	}
	if f.notify {
		args = append(args, "--notify")
	}
	dir, ok := unitDir()
	if !ok {
		printf(a.out, "systemd is not running here; add this line with crontab -e (cron has no session bus, so --notify shows nothing there):")
		fmt.Fprintf(a.out, "%d %d * * * %s\n", at.Minute(), at.Hour(), shellQuote(args))
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %v", dir, err)
	}
	units := map[string]string{
		digestService: "[Unit]\nDescription=rapport morning digest\n\n[Service]\nType=oneshot\nExecStart=" + unitQuote(args) + "\n",
		digestTimer: fmt.Sprintf("[Unit]\nDescription=rapport morning digest, daily at %s\n\n[Timer]\nOnCalendar=*-*-* %s:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n",
			at.Format("15:04"), at.Format("15:04")),
	}
	for _, name := range []string{digestService, digestTimer} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(units[name]), 0o644); err != nil {
			return fmt.Errorf("cannot write %s: %v", filepath.Join(dir, name), err)
		}
	}
	printf(a.out, "Wrote %s and %s in %s.", digestService, digestTimer, dir)
	printf(a.out, "Enable the daily run with:")
	fmt.Fprintf(a.out, "  systemctl --user daemon-reload && systemctl --user enable --now %s\n", digestTimer)
	return nil
}

// unitDir is where user units go: $RAPPORT_UNIT_DIR (tests, packagers), or
// $XDG_CONFIG_HOME/systemd/user when systemd runs this machine.
func unitDir() (string, bool) {
	if d := os.Getenv("RAPPORT_UNIT_DIR"); d != "" {
		return d, true
	}
	if _, err := os.Stat("/run/systemd/system"); err != nil {
		return "", false
	}
	return filepath.Join(xdg.ConfigHome, "systemd", "user"), true
}

// unitQuote writes an ExecStart= command line: systemd splits on spaces
// and honours double quotes with C-style escapes.
func unitQuote(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " \t\"'\\$%;") {
			a = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `$$`, `%`, `%%`).Replace(a) + `"`
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}

// shellQuote writes a command line for /bin/sh (crontab); % is special to
// cron and is escaped too.
func shellQuote(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " \t\"'\\$%;&|<>*?()`~#") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = strings.ReplaceAll(a, "%", `\%`)
	}
	return strings.Join(out, " ")
}
