package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// notifyDigest shows the day's counts as a desktop notification. It needs
// notify-send and the user's session bus (a systemd user timer has it,
// plain cron does not); without them it says so and goes on.
func (a *app) notifyDigest(d digest) {
	if why := noNotifications(); why != "" {
		fmt.Fprintf(a.errOut, "rapport: no desktop notification: %s.\n", why)
		return
	}
	cmd := exec.Command("notify-send", "--app-name=rapport", "rapport: "+longDay(d.Agenda.Day), d.summary())
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(a.errOut, "rapport: no desktop notification: notify-send failed: %v %s\n", err, out)
	}
}

// noNotifications says why a notification cannot be shown, or "".
func noNotifications() string {
	if _, err := exec.LookPath("notify-send"); err != nil {
		return "notify-send is not installed (Debian: libnotify-bin)"
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return ""
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bus")); err == nil {
			return ""
		}
	}
	return "there is no session bus (DBUS_SESSION_BUS_ADDRESS is unset), as under cron or ssh"
}
