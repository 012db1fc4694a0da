package sync

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

// One Radicale serves every test of the package (it takes about a second
// to start); each test works as its own user, so collections never meet.
var radicale struct {
	url, dir string
	why      string // why there is none
}

func TestMain(m *testing.M) {
	stop := startRadicale()
	code := m.Run()
	stop()
	os.Exit(code)
}

func startRadicale() func() {
	bin, err := exec.LookPath("radicale")
	if err != nil {
		radicale.why = "radicale is not installed (apt-get install radicale)"
		return func() {}
	}
	dir, err := os.MkdirTemp("", "rapport-radicale-")
	if err != nil {
		radicale.why = err.Error()
		return func() {}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		radicale.why = err.Error()
		return func() {}
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "--config", "", "--storage-filesystem-folder="+filepath.Join(dir, "collections"),
		"--auth-type", "none", "--server-hosts", addr, "--logging-level", "warning")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		radicale.why = err.Error()
		return func() {}
	}
	stop := func() {
		cmd.Process.Kill()
		cmd.Wait()
		os.RemoveAll(dir)
	}
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/"); err == nil {
			resp.Body.Close()
			radicale.url, radicale.dir = "http://"+addr, dir
			return stop
		}
	}
	radicale.why = "radicale did not answer within 15 s"
	return stop
}

// davServer is the server the suite runs against: Radicale, or with
// RAPPORT_DAV_SERVER=xandikos (as .ci/run sets for a second pass) one
// Xandikos per test.
var davServer = os.Getenv("RAPPORT_DAV_SERVER")

// server gives a test its own account on the server, or skips (fails in CI).
func server(t *testing.T) Account {
	t.Helper()
	if davServer == "xandikos" {
		return xandikos(t)
	}
	if radicale.url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI needs radicale: %s", radicale.why)
		}
		t.Skipf("skipped: %s", radicale.why)
	}
	user := strings.ToLower(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "-"))
	return Account{Name: "rad", URL: radicale.url + "/" + user + "/", User: user, Password: "x", Tasks: "rapport"}
}

// book is a fresh rapport file.
func book(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var testNow = time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)

func run(t *testing.T, s *store.Store, acc Account, opt Options) Report {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = testNow
	}
	rep, err := Run(context.Background(), s, acc, opt)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	if len(rep.Errors) > 0 {
		t.Fatalf("sync reported errors: %v", rep.Errors)
	}
	return rep
}

func addContact(t *testing.T, s *store.Store, c model.Contact) model.Contact {
	t.Helper()
	if c.Stage == "" {
		c.Stage = model.Customer
	}
	if c.Created.IsZero() {
		c.Created = testNow.Add(-48 * time.Hour)
	}
	if err := s.AddContact(&c); err != nil {
		t.Fatal(err)
	}
	return c
}

// contactsByUID is a book's contacts as the server would see them.
func contactsByUID(t *testing.T, s *store.Store) map[string]model.Fields {
	t.Helper()
	cs, _, err := s.SyncLocal()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Fields{}
	for _, c := range cs {
		f := normContact(c, testNow)
		out[uidKey(f.First("uid"))] = f
	}
	return out
}

// tasksByText is a book's follow-ups, keyed by contact name and text.
func tasksByText(t *testing.T, s *store.Store) map[string]model.FollowUp {
	t.Helper()
	cs, fs, err := s.SyncLocal()
	if err != nil {
		t.Fatal(err)
	}
	names := map[uint64]string{}
	for _, c := range cs {
		names[c.ID] = c.Name
	}
	out := map[string]model.FollowUp{}
	for _, f := range fs {
		key := names[f.ContactID] + "/" + f.Text
		f.ID, f.ContactID, f.NoteID, f.Snoozes = 0, 0, 0, 0
		out[key] = f
	}
	return out
}

// serverContacts reads the address book straight from the server.
func serverContacts(t *testing.T, acc Account) map[string]model.Fields {
	t.Helper()
	c, err := NewClient(acc.URL, acc.User, acc.Password, nil)
	if err != nil {
		t.Fatal(err)
	}
	coll := contactsColl(acc)
	list, err := c.List(context.Background(), coll)
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	for h := range list {
		hrefs = append(hrefs, h)
	}
	objs, failed := c.Fetch(context.Background(), coll, addressBook, hrefs)
	if len(failed) > 0 {
		t.Fatalf("fetch: %v", failed)
	}
	out := map[string]model.Fields{}
	for _, o := range objs {
		f, _, err := cardFields(o.Body, testNow)
		if err != nil {
			t.Fatal(err)
		}
		out[uidKey(f.First("uid"))] = f
	}
	return out
}

func sameBooks(t *testing.T, a, b map[string]model.Fields, what string) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d contacts against %d", what, len(a), len(b))
	}
	for uid, f := range a {
		if g, ok := b[uid]; !ok {
			t.Errorf("%s: %s (%v) missing on one side", what, uid, f["name"])
		} else if !f.Equal(g) {
			t.Errorf("%s: %s differs:\n %v\n %v", what, uid, f, g)
		}
	}
}

// rawPut writes an object as another client would.
func rawPut(t *testing.T, acc Account, href, contentType, body string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, serverBase(acc)+href, strings.NewReader(body))
	req.SetBasicAuth(acc.User, "x")
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("PUT %s: %d", href, resp.StatusCode)
	}
}

func rawGet(t *testing.T, acc Account, href string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, serverBase(acc)+href, nil)
	req.SetBasicAuth(acc.User, "x")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = fmt.Fprint(&b, "")
	buf := make([]byte, 1<<16)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}

// xandikos starts a Xandikos for one test, its principal the test's user,
// stopped by PID at cleanup.
func xandikos(t *testing.T) Account {
	t.Helper()
	bin, err := exec.LookPath("xandikos")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI needs xandikos (apt-get install xandikos)")
		}
		t.Skip("skipped: xandikos is not installed (apt-get install xandikos)")
	}
	user := strings.ToLower(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "-"))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	l.Close()
	cmd := exec.Command(bin, "-d", t.TempDir(), "--current-user-principal", "/"+user+"/", "--autocreate", "-l", "127.0.0.1", "-p", port)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://127.0.0.1:" + port
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/"); err == nil {
			resp.Body.Close()
			return Account{Name: "x", URL: base + "/" + user + "/", User: user, Password: "x", Tasks: "rapport"}
		}
	}
	t.Fatal("xandikos did not answer within 20 s")
	return Account{}
}

// contactsColl is where discovery puts the address book: Radicale's home
// set is the principal, Xandikos's is the principal's contacts/.
func contactsColl(acc Account) string {
	if davServer == "xandikos" {
		return "/" + acc.User + "/contacts/contacts/"
	}
	return "/" + acc.User + "/contacts/"
}

// serverBase is scheme://host of the account.
func serverBase(acc Account) string {
	u, _ := url.Parse(acc.URL)
	return u.Scheme + "://" + u.Host
}
