package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/xdg"

	"rapport/model"
	"rapport/store"
)

// mailConfig is the [mail] table of config.toml (documented in the README).
type mailConfig struct {
	From     string `toml:"from"`     // the sender; default rapport@ this host
	SMTP     string `toml:"smtp"`     // host:port of an SMTP server; empty uses sendmail
	User     string `toml:"user"`     // SMTP AUTH PLAIN user (only over TLS or to localhost)
	Password string `toml:"password"` // its password
	Sendmail string `toml:"sendmail"` // the sendmail program; default found on PATH
}

type config struct {
	Mail mailConfig `toml:"mail"`
}

// configPath is $RAPPORT_CONFIG, else $XDG_CONFIG_HOME/rapport/config.toml.
func configPath() string {
	if p := os.Getenv("RAPPORT_CONFIG"); p != "" {
		return p
	}
	return filepath.Join(xdg.ConfigHome, "rapport", "config.toml")
}

// readConfig reads the config file; a missing file is an empty config.
func readConfig() (config, error) {
	var c config
	path := configPath()
	meta, err := toml.DecodeFile(path, &c)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("cannot read %s: %v", path, err)
	}
	if undecoded := meta.Undecoded(); len(undecoded) > 0 {
		return c, fmt.Errorf("%s: unknown key %q (known: mail.from, mail.smtp, mail.user, mail.password, mail.sendmail)", path, undecoded[0].String())
	}
	if info, err := os.Stat(path); err == nil && c.Mail.Password != "" && info.Mode().Perm()&0o077 != 0 {
		return c, fmt.Errorf("%s holds a password but others can read it: chmod 600 %s", path, path)
	}
	return c, nil
}

// mailDigest sends the digest once per day per address: the day is
// claimed in the database first and given back if the send fails.
func (a *app) mailDigest(s *store.Store, d digest, f digestFlags) error {
	cfg, err := readConfig()
	if err != nil {
		return err
	}
	claimed, previous, err := s.ClaimDigest(f.mail, d.Agenda.Day)
	if err != nil {
		return err
	}
	if !claimed {
		fmt.Fprintf(a.errOut, "rapport: today's digest already went to %s; nothing sent.\n", f.mail)
		return nil
	}
	msg, err := digestMessage(cfg.Mail, d, f)
	if err == nil {
		err = sendMail(cfg.Mail, f.mail, msg)
	}
	if err != nil {
		if rerr := s.ReleaseDigest(f.mail, previous); rerr != nil {
			return fmt.Errorf("%v (and the day could not be given back: %v)", err, rerr)
		}
		return err
	}
	fmt.Fprintf(a.errOut, "rapport: sent the digest for %s to %s.\n", longDay(d.Agenda.Day), f.mail)
	return nil
}

func sender(cfg mailConfig) string {
	if cfg.From != "" {
		return cfg.From
	}
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	return "rapport@" + host
}

// digestMessage builds an RFC 5322 message with a quoted-printable body, so
// accented names survive any mail server.
func digestMessage(cfg mailConfig, d digest, f digestFlags) ([]byte, error) {
	var body bytes.Buffer
	kind := "text/plain"
	if f.html {
		kind = "text/html"
		if err := d.writeHTML(&body); err != nil {
			return nil, err
		}
	} else {
		body.Write(d.text())
	}
	var msg bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&msg, "%s: %s\r\n", k, v) }
	header("From", model.CleanLine(sender(cfg)))
	header("To", f.mail)
	header("Subject", mime.QEncoding.Encode("utf-8", model.CleanLine(d.subject())))
	header("Date", time.Now().Format(time.RFC1123Z))
	header("MIME-Version", "1.0")
	header("Content-Type", kind+"; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Auto-Submitted", "auto-generated")
	msg.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&msg)
	qp.Write(bytes.ReplaceAll(body.Bytes(), []byte("\n"), []byte("\r\n")))
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return msg.Bytes(), nil
}

// sendMail goes through the configured SMTP server, else sendmail.
func sendMail(cfg mailConfig, to string, msg []byte) error {
	from := sender(cfg)
	if cfg.SMTP != "" {
		host, _, err := net.SplitHostPort(cfg.SMTP)
		if err != nil {
			return fmt.Errorf("mail.smtp in %s must be host:port, not %q", configPath(), cfg.SMTP)
		}
		var auth smtp.Auth
		if cfg.User != "" {
			auth = smtp.PlainAuth("", cfg.User, cfg.Password, host)
		}
		if err := smtp.SendMail(cfg.SMTP, auth, from, []string{to}, msg); err != nil {
			return fmt.Errorf("cannot send the digest through %s: %v", cfg.SMTP, err)
		}
		return nil
	}
	prog, err := findSendmail(cfg.Sendmail)
	if err != nil {
		return err
	}
	cmd := exec.Command(prog, "-i", "-f", from, "--", to)
	cmd.Stdin = bytes.NewReader(msg)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s could not send the digest: %v %s", prog, err, strings.TrimSpace(model.CleanLine(string(out))))
	}
	return nil
}

func findSendmail(configured string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	if p, err := exec.LookPath("sendmail"); err == nil {
		return p, nil
	}
	for _, p := range []string{"/usr/sbin/sendmail", "/usr/lib/sendmail"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no way to send mail: set mail.smtp in %s or install a sendmail (such as msmtp-mta)", configPath())
}
