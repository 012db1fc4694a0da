package cli

import (
	"bytes"
	"fmt"
	"net/mail"

	"github.com/spf13/cobra"

	"rapport/model"
)

type digestFlags struct {
	html    bool
	mail    string
	notify  bool
	install bool
	at      string
}

func newDigestCmd(a *app) *cobra.Command {
	var f digestFlags
	cmd := &cobra.Command{
		Use:   "digest",
		Short: "The morning agenda outside the app: printed, mailed once a day, or as a desktop notification",
		Long: "Print today's agenda as plain text (or --html). --mail ADDRESS sends it through the SMTP server named in\n" +
			"$XDG_CONFIG_HOME/rapport/config.toml, else the system's sendmail, at most once per day per address (the day\n" +
			"sent is kept in the database's meta bucket). --notify shows a desktop notification when a session bus is there.\n" +
			"--install writes a systemd user timer (Persistent=true) that runs this command daily, or prints a crontab line\n" +
			"where systemd is absent.",
		Example: "  rapport digest --html > today.html\n  rapport digest --mail me@example.com --notify\n  rapport digest --install --mail me@example.com --at 07:30",
		Args:    exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("at") && !f.install {
				return usagef("--at goes with --install: it sets the time of the daily run")
			}
			return a.digest(f)
		},
	}
	fs := cmd.Flags()
	fs.BoolVar(&f.html, "html", false, "HTML instead of plain text (printed, or as the mail's body)")
	fs.StringVar(&f.mail, "mail", "", "send the digest to this address, once per day")
	fs.BoolVar(&f.notify, "notify", false, "show a desktop notification with the day's counts")
	fs.BoolVar(&f.install, "install", false, "set up a daily run: a systemd user timer, or a crontab line")
	fs.StringVar(&f.at, "at", "08:00", "with --install: the time of day, HH:MM")
	return cmd
}

func (a *app) digest(f digestFlags) error {
	if f.mail != "" {
		addr, err := mail.ParseAddress(f.mail)
		if err != nil {
			return usagef("--mail takes one address such as me@example.com, not %q", f.mail)
		}
		f.mail = addr.Address
	}
	if f.install {
		return a.installDigest(f)
	}
	s, now, err := a.openExisting()
	if err != nil {
		return err
	}
	today := model.DateOf(now)
	d, err := readDigest(s, today, model.ColdLimit)
	if err != nil {
		return err
	}
	if f.mail == "" && !f.notify {
		if f.html {
			return d.writeHTML(a.out)
		}
		_, err := a.out.Write(d.text())
		return err
	}
	if f.mail != "" {
		if err := a.mailDigest(s, d, f); err != nil {
			return err
		}
	}
	if f.notify {
		a.notifyDigest(d)
	}
	return nil
}

// text is the plain-text digest: the agenda as `rapport today` prints it,
// with the book-wide value share.
func (d digest) text() []byte {
	var b bytes.Buffer
	printAgenda(&b, d.Agenda, d.FollowThrough, false)
	printValue(&b, d.Value)
	return b.Bytes()
}

// summary is the one line a notification or a subject carries.
func (d digest) summary() string {
	ag := d.Agenda
	return fmt.Sprintf("%d overdue, %d due today, %s, %d going cold",
		len(ag.Overdue), len(ag.DueToday), plural(len(ag.Moments), "moment", "moments"), ag.ColdTotal)
}
