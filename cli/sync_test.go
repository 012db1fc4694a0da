package cli_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startRadicale runs a Radicale on a free port for one test, stopped by
// PID at cleanup. Outside CI a machine without it skips the test.
func startRadicale(t *testing.T) (url, folder string) {
	t.Helper()
	bin, err := exec.LookPath("radicale")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI needs radicale (apt-get install radicale)")
		}
		t.Skip("skipped: radicale is not installed (apt-get install radicale)")
	}
	addr := freeAddr(t)
	folder = filepath.Join(t.TempDir(), "radicale")
	cmd := exec.Command(bin, "--config", "", "--storage-filesystem-folder="+folder, "--auth-type", "none", "--server-hosts", addr, "--logging-level", "warning")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/"); err == nil {
			resp.Body.Close()
			return "http://" + addr + "/", folder
		}
	}
	t.Fatal("radicale did not answer within 15 s")
	return "", ""
}

func rawRequest(t *testing.T, method, url, body string) string {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.SetBasicAuth("rep", "x")
	if method == http.MethodPut {
		req.Header.Set("Content-Type", "text/calendar")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s: %d %s", method, url, resp.StatusCode, b.String())
	}
	return b.String()
}

// As a new user would: add an account, sync, see every contact in khard
// (reading Radicale's collection folder directly), tick a task off on
// "the phone", sync again, and find it done in rapport.
func TestSyncWithRadicale(t *testing.T) {
	url, folder := startRadicale(t)
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("# my settings\n[mail]\nfrom = \"me@example.com\"\n"), 0o600)
	t.Setenv("RAPPORT_CONFIG", cfg)
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--company", "Analytical; Engines", "--email", "ada@example.com")
	b.ok("add", "Bob Byte", "--phone", "+49 30 1234")
	b.ok("log", "ada", "Call about pricing", "--kind", "call", "--follow-up", "2026-11-20: send the pricing")

	// No password anywhere: one sentence, exit 1, nothing written.
	t.Setenv("RAPPORT_PASSWORD", "")
	b.ok("sync", "add", "work", url, "--user", "rep")
	before := b.fileBytes()
	r := b.run("sync")
	if r.code != 1 || !strings.Contains(r.err, "RAPPORT_PASSWORD") || strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
		t.Errorf("sync without a password: exit %d, %q", r.code, r.err)
	}
	if string(b.fileBytes()) != string(before) {
		t.Error("a refused sync wrote to the book")
	}
	t.Setenv("RAPPORT_PASSWORD", "x")
	text, _ := os.ReadFile(cfg)
	mustContain(t, string(text), "# my settings\n[mail]\nfrom = \"me@example.com\"\n", "[sync.work]", `url = "`+url+`"`, `user = "rep"`)
	if strings.Contains(string(text), "password =") {
		t.Errorf("the config holds a password:\n%s", text)
	}
	if r := b.run("sync", "add", "work", url, "--user", "rep"); r.code != 1 {
		t.Errorf("adding an account twice: exit %d", r.code)
	}
	if r := b.run("sync", "add", "bad name", url, "--user", "rep"); r.code != 2 {
		t.Errorf("a bad account name: exit %d", r.code)
	}
	if r := b.run("sync", "nosuch"); r.code != 2 || !strings.Contains(r.err, "nosuch") {
		t.Errorf("an unknown account: exit %d, %q", r.code, r.err)
	}

	out := b.ok("sync", "--dry-run")
	mustContain(t, out, "work would sync", "would send contact Ada Lovelace")
	out = b.ok("sync")
	mustContain(t, out, "work synced: 0 from the server, 3 to it")

	if _, err := exec.LookPath("khard"); err == nil {
		conf := filepath.Join(t.TempDir(), "khard.conf")
		os.WriteFile(conf, []byte("[addressbooks]\n[[rad]]\npath = "+filepath.Join(folder, "collection-root", "rep", "contacts")+"\n[general]\ndefault_action = list\neditor = true\nmerge_editor = true\n"), 0o600)
		cmd := exec.Command("khard", "-c", conf, "list")
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
		list, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("khard: %v\n%s", err, list)
		}
		mustContain(t, string(list), "Ada Lovelace", "Bob Byte", "ada@example.com")
	} else if os.Getenv("CI") == "true" {
		t.Fatal("CI needs khard")
	}

	// The phone ticks the task off.
	tasks := filepath.Join(folder, "collection-root", "rep", "rapport")
	entries, _ := os.ReadDir(tasks)
	var href string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".ics") {
			href = url + "rep/rapport/" + e.Name()
		}
	}
	if href == "" {
		t.Fatalf("no task in %s", tasks)
	}
	mustContain(t, b.ok("today"), "send the pricing")
	body := rawRequest(t, http.MethodGet, href, "")
	body = strings.Replace(body, "STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20261119T160000Z", 1)
	rawRequest(t, http.MethodPut, href, body)
	mustContain(t, b.ok("sync"), "1 from the server")
	if out := b.ok("today"); strings.Contains(out, "send the pricing") {
		t.Errorf("the task done on the phone is still due today:\n%s", out)
	}
	var show struct {
		FollowUps []struct {
			Done string `json:"done"`
		} `json:"follow_ups"`
	}
	b.json(&show, "show", "ada")
	if len(show.FollowUps) != 1 || show.FollowUps[0].Done != time.Date(2026, 11, 19, 16, 0, 0, 0, time.UTC).Local().Format("2006-01-02") {
		t.Errorf("Ada's follow-ups: %+v", show.FollowUps)
	}
	// rapport undo takes the sync's change back.
	mustContain(t, b.ok("history"), "rapport sync")
	b.ok("undo")
	mustContain(t, b.ok("today"), "send the pricing")

	var status struct {
		Accounts []struct {
			Name    string `json:"name"`
			LastRun struct {
				Finished bool `json:"finished"`
			} `json:"last_run"`
		} `json:"accounts"`
		Conflicts []any `json:"conflicts"`
	}
	b.json(&status, "sync", "status")
	if len(status.Accounts) != 1 || status.Accounts[0].Name != "work" || !status.Accounts[0].LastRun.Finished || status.Conflicts == nil {
		t.Errorf("sync status: %+v", status)
	}
	if problems := b.run("check"); problems.code != 0 {
		t.Errorf("check after sync: %s%s", problems.out, problems.err)
	}
}

// Two books edit one field: the second to sync sees the conflict in
// sync status and show, and resolve --mine sends its value back.
func TestSyncConflictFromTheCommandLine(t *testing.T) {
	url, _ := startRadicale(t)
	t.Setenv("RAPPORT_CONFIG", filepath.Join(t.TempDir(), "config.toml"))
	t.Setenv("RAPPORT_PASSWORD", "x")
	a, b := newBook(t), newBook(t)
	a.ok("sync", "add", "work", url, "--user", "rep", "--no-tasks")
	a.ok("add", "Ada Lovelace", "--title", "CTO")
	a.ok("sync")
	b.ok("sync")
	a.ok("edit", "ada", "--title", "CEO")
	b.ok("edit", "ada", "--title", "Countess")
	a.ok("sync")
	mustContain(t, b.ok("sync"), "1 new conflict")
	mustContain(t, b.ok("sync", "status"), `1. Ada Lovelace, title: yours "Countess", the server's "CEO"`)
	mustContain(t, b.ok("show", "ada"), "CEO", "Sync conflicts", `title: yours "Countess"`, "rapport sync resolve 1 --mine|--theirs")
	if r := b.run("sync", "resolve", "1"); r.code != 2 {
		t.Errorf("resolve without --mine or --theirs: exit %d", r.code)
	}
	mustContain(t, b.ok("sync", "resolve", "1", "--mine"), "the next sync sends it")
	b.ok("sync")
	a.ok("sync")
	var show struct {
		Contact struct {
			Title string `json:"title"`
		} `json:"contact"`
		SyncConflicts []any `json:"sync_conflicts"`
	}
	a.json(&show, "show", "ada")
	if show.Contact.Title != "Countess" || show.SyncConflicts != nil {
		t.Errorf("book a after the resolve: %+v", show)
	}
	if out := b.ok("sync", "status"); strings.Contains(out, "Conflicts") {
		t.Errorf("a resolved conflict is still listed:\n%s", out)
	}
}
