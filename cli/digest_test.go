package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// freeAddr is a 127.0.0.1 address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// smtpServer starts Debian's aiosmtpd on 127.0.0.1 with a Maildir handler
// and returns its address and the Maildir's new/ folder.
func smtpServer(t *testing.T) (string, string) {
	t.Helper()
	if exec.Command("/usr/bin/python3", "-c", "import aiosmtpd").Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but python3-aiosmtpd is missing; .ci/run installs it")
		}
		t.Skip("python3-aiosmtpd is not installed (CI=true runs this test; .ci/run installs it)")
	}
	addr := freeAddr(t)
	box := filepath.Join(t.TempDir(), "mail")
	cmd := exec.Command("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", addr, "-c", "aiosmtpd.handlers.Mailbox", box)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("aiosmtpd did not start listening")
		}
	}
	return addr, filepath.Join(box, "new")
}

func writeConfig(t *testing.T, body string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "rapport"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rapport", "config.toml"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
}

func TestDigestMailedOncePerDay(t *testing.T) {
	addr, inbox := smtpServer(t)
	writeConfig(t, fmt.Sprintf("[mail]\nsmtp = %q\nfrom = \"rep@example.com\"\n", addr))
	b := newBook(t)
	b.ok("add", "Zoë Núñez")
	b.ok("log", "zoë", "Coffee", "--kind", "meeting")
	b.today = "2026-11-21" // the thank-you is due

	r := b.run("digest", "--mail", "me@example.com")
	if r.code != 0 || !strings.Contains(r.err, "sent the digest") {
		t.Fatalf("first digest: exit %d, stderr %q", r.code, r.err)
	}
	msgs := readMaildir(t, inbox)
	if len(msgs) != 1 {
		t.Fatalf("the server received %d messages; want 1", len(msgs))
	}
	m := msgs[0]
	if m.Header.Get("To") != "me@example.com" || m.Header.Get("From") != "rep@example.com" {
		t.Errorf("headers: %v", m.Header)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, subject, "1 due today")
	mustContain(t, string(body), "Today, Sat 21 Nov 2026", "Due today", "Zoë Núñez", "Send a thank-you note")

	r = b.run("digest", "--mail", "me@example.com")
	if r.code != 0 || !strings.Contains(r.err, "already went") {
		t.Fatalf("second digest: exit %d, stderr %q", r.code, r.err)
	}
	if n := len(readMaildir(t, inbox)); n != 1 {
		t.Fatalf("after a second run the same day the server holds %d messages; want 1", n)
	}
	b.today = "2026-11-22"
	b.ok("digest", "--mail", "me@example.com")
	if n := len(readMaildir(t, inbox)); n != 2 {
		t.Fatalf("the next day's digest did not arrive: %d messages", n)
	}
}

func TestDigestFailedSendTriesAgain(t *testing.T) {
	closed := freeAddr(t) // nobody listens there now
	writeConfig(t, fmt.Sprintf("[mail]\nsmtp = %q\n", closed))
	b := newBook(t)
	b.ok("add", "Ada")
	for i := 0; i < 2; i++ {
		r := b.run("digest", "--mail", "me@example.com")
		if r.code != 1 || !strings.Contains(r.err, "cannot send the digest") {
			t.Fatalf("run %d: exit %d, stderr %q; want a send error each time, not 'already went'", i, r.code, r.err)
		}
	}
}

func TestDigestBadInput(t *testing.T) {
	writeConfig(t, "[mail]\nsmtpp = \"x\"\n")
	b := newBook(t)
	b.ok("add", "Ada") // digest reads a book; it never makes one
	if r := b.run("digest", "--mail", "not an address"); r.code != 2 {
		t.Errorf("bad --mail: exit %d, %q", r.code, r.err)
	}
	if r := b.run("digest", "--mail", "me@example.com"); r.code != 1 || !strings.Contains(r.err, `unknown key "mail.smtpp"`) {
		t.Errorf("a config with a typo: exit %d, %q", r.code, r.err)
	}
	writeConfig(t, "[mail]\nsmtp = \"127.0.0.1:1\"\npassword = \"x\"\n")
	os.Chmod(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "rapport", "config.toml"), 0o644)
	if r := b.run("digest", "--mail", "me@example.com"); r.code != 1 || !strings.Contains(r.err, "chmod 600") {
		t.Errorf("a readable password: exit %d, %q", r.code, r.err)
	}
	if r := b.run("digest", "--install"); r.code != 2 {
		t.Errorf("--install with nothing to do: exit %d, %q", r.code, r.err)
	}
}

func TestDigestHTMLEscapes(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Eve <script>alert(1)</script>")
	b.ok("log", "eve", "x", "--follow-up", "today: <b>bold</b>")
	out := b.ok("digest", "--html")
	if strings.Contains(out, "<script>") || strings.Contains(out, "<b>bold") {
		t.Fatalf("untrusted text reached the HTML raw:\n%s", out)
	}
	mustContain(t, out, "&lt;script&gt;", "Due today")
}

func TestDigestInstallWritesATimer(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("RAPPORT_UNIT_DIR", dir)
	b := newBook(t)
	out := b.ok("digest", "--install", "--mail", "me@example.com", "--at", "07:30")
	mustContain(t, out, "systemctl --user daemon-reload && systemctl --user enable --now rapport-digest.timer")
	timer, err := os.ReadFile(filepath.Join(dir, "rapport-digest.timer"))
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, string(timer), "OnCalendar=*-*-* 07:30:00", "Persistent=true", "WantedBy=timers.target")
	service, err := os.ReadFile(filepath.Join(dir, "rapport-digest.service"))
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, string(service), "Type=oneshot", "--db "+b.path, "digest --mail me@example.com")
}

func TestDigestInstallPrintsACrontabLineWithoutSystemd(t *testing.T) {
	if _, err := os.Stat("/run/systemd/system"); err == nil {
		t.Skip("systemd runs this machine; the crontab path is for machines without it")
	}
	t.Setenv("RAPPORT_UNIT_DIR", "")
	b := newBook(t)
	out := b.ok("digest", "--install", "--notify", "--at", "06:05")
	mustContain(t, out, "crontab -e", "5 6 * * * ", " digest --notify")
}

func TestDigestNotifyWithoutABus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	b := newBook(t)
	b.ok("add", "Ada") // digest reads a book; it never makes one
	r := b.run("digest", "--notify")
	if r.code != 0 || !strings.Contains(r.err, "no desktop notification") {
		t.Fatalf("notify without a bus: exit %d, stderr %q", r.code, r.err)
	}
}

func readMaildir(t *testing.T, dir string) []*mail.Message {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []*mail.Message
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m, err := mail.ReadMessage(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// The HTML digest has every section `rapport today` prints, with its lines.
func TestDigestHTMLHasTodaysSections(t *testing.T) {
	b := newBook(t)
	b.ok("--today", "2026-03-02", "add", "Ada Lovelace", "--birthday", "03-12", "--cadence", "1w")
	b.ok("--today", "2026-03-02", "log", "ada", "call", "--follow-up", "2026-03-05: send the deck")
	b.ok("--today", "2026-03-09", "log", "ada", "call", "--follow-up", "2026-03-09: call back", "--follow-up", "2026-03-12: pilot pricing")
	b.ok("--today", "2026-03-02", "add", "Grace Hopper", "--cadence", "1w")
	text := b.ok("--today", "2026-03-10", "today")
	html := b.ok("--today", "2026-03-10", "digest", "--html")
	sections := 0
	for _, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "Today,") || strings.Contains(line, ":") {
			continue
		}
		heading, _, _ := strings.Cut(line, " (")
		sections++
		mustContain(t, html, "<h2>"+heading+"</h2>")
	}
	if sections < 4 {
		t.Fatalf("the book should fill four sections of today, got %d:\n%s", sections, text)
	}
	mustContain(t, html, "send the deck", "call back", "pilot pricing", "Grace Hopper", "(0 of 2 promises kept on time)")
}
