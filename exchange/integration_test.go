package exchange

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// These tests hand rapport's exports to real programs: khard (Debian
// package khard) reads the vCards as a vdir, Python's icalendar (Debian
// package python3-icalendar) reads the ICS. Without them the tests skip,
// unless CI is set: there a missing tool is a failure, not a silent pass.

func needTool(t *testing.T, name string, probe ...string) string {
	t.Helper()
	// Debian's python3-icalendar lives with /usr/bin/python3, which a
	// pyenv or venv python3 earlier in PATH would hide.
	candidates := []string{name}
	if name == "python3" {
		candidates = []string{"/usr/bin/python3", name}
	}
	for _, c := range candidates {
		path, err := exec.LookPath(c)
		if err == nil && len(probe) > 0 {
			err = exec.Command(path, probe...).Run()
		}
		if err == nil {
			return path
		}
	}
	msg := name + " with what this test needs is not installed (Debian: apt-get install khard python3-icalendar)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg + "; skipping")
	return ""
}

// khardBook is what the khard test exports: hand-made contacts with every
// field khard shows, and some sample ones for volume.
func khardBook(t *testing.T) []model.Contact {
	created := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	book := []model.Contact{
		{ID: 1, UID: "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", Name: "Ada Lovelace", Company: "Analytical Engines, Ltd", Title: "Head of Procurement",
			Emails: []string{"ada@analytical.example", "ada@home.example"}, Phones: []string{"+44 20 7946 0958", "+44 7700 900123"},
			Tags: []string{"holiday-card", "vip"}, Stage: model.Customer, Birthday: day("--12-10"), Created: created,
			Moments: []model.Moment{{Label: model.LabelAnniversary, Date: day("2012-06-01")}, {Label: model.LabelWorkAnniversary, Date: day("2019-09-02")}},
			Addresses: []model.Address{
				{Label: "home", Street: "12 St James's Square\nFlat 2", Locality: "London", PostalCode: "SW1Y 4JH", Country: "United Kingdom"},
				{Label: "summer house", Street: "Strandvej 3", Locality: "Skagen", Region: "Nordjylland", PostalCode: "9990", Country: "Denmark"},
			}},
		{ID: 2, Name: "Tunde Adeyemi", Emails: []string{"tunde@oceanic.example"}, Stage: model.Lead, Birthday: day("1988-02-29"), Created: created},
		{ID: 3, Name: "王伟", Phones: []string{"+86 10 5555 0100"}, Stage: model.Personal, Birthday: day("1979-10-29"), Created: created},
	}
	s := newStore(t)
	sampleBook(t, s, 40)
	sample, _ := s.AllContacts()
	for _, c := range sample {
		c.ID += 100
		book = append(book, c)
	}
	return book
}

func TestKhardReadsVdir(t *testing.T) {
	khard := needTool(t, "khard", "--version")
	dir := t.TempDir()
	book := khardBook(t)
	if _, err := WriteVdir(filepath.Join(dir, "vdir"), book); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "khard.conf")
	writeFile(t, conf, "[addressbooks]\n[[rapport]]\npath = "+filepath.Join(dir, "vdir")+
		"\n\n[general]\ndefault_action = list\neditor = /bin/false\nmerge_editor = /bin/false\n")
	run := func(args ...string) []string {
		t.Helper()
		cmd := exec.Command(khard, append([]string{"-c", conf}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "LANG=C.UTF-8")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("khard %v: %v\n%s", args, err, errOut.String())
		}
		if strings.TrimSpace(errOut.String()) != "" && !strings.HasPrefix(errOut.String(), "searching for") {
			t.Errorf("khard %v complained:\n%s", args, errOut.String())
		}
		return strings.Split(strings.TrimSpace(out.String()), "\n")
	}

	// every contact, by UID and name
	var want, got []string
	for _, c := range book {
		want = append(want, ContactUID(c)+"\t"+c.Name)
	}
	for _, l := range run("list", "-p") {
		uid, name, _ := strings.Cut(l, "\t")
		name, _, _ = strings.Cut(name, "\t")
		got = append(got, uid+"\t"+name)
	}
	sort.Strings(want)
	sort.Strings(got)
	if !equalJSON(got, want) {
		t.Fatalf("khard list:\n got %q\nwant %q", got, want)
	}

	has := func(lines []string, line string) bool {
		for _, l := range lines {
			if l == line {
				return true
			}
		}
		return false
	}
	emails, phones, birthdays := run("email", "-p"), run("phone", "-p"), run("birthdays", "-p")
	for _, c := range book {
		for _, e := range c.Emails {
			if !has(emails, e+"\t"+c.Name+"\tinternet") && !strings.Contains(strings.Join(emails, "\n"), e+"\t"+c.Name) {
				t.Errorf("khard email: no %s for %s", e, c.Name)
			}
		}
		for _, p := range c.Phones {
			if !strings.Contains(strings.Join(phones, "\n"), p+"\t"+c.Name) {
				t.Errorf("khard phone: no %s for %s", p, c.Name)
			}
		}
		if !c.Birthday.IsZero() {
			md := c.Birthday.Time().Format(".01.02")
			if c.Birthday.HasYear() {
				md = c.Birthday.Time().Format("2006.01.02")
			}
			if !strings.Contains(strings.Join(birthdays, "\n"), md+"\t"+c.Name) {
				t.Errorf("khard birthdays: no %s for %s in\n%s", md, c.Name, strings.Join(birthdays, "\n"))
			}
		}
	}

	// khard's postaddress lists every address with its parts and label
	post := run("postaddress", "-p")
	for _, c := range book {
		for _, a := range c.Addresses {
			parts := append(strings.Split(a.Street, "\n"), "'code': '"+a.PostalCode+"'", "'city': '"+a.Locality+"'",
				"'region': '"+a.Region+"'", "'country': '"+a.Country+"'", "}\t"+c.Name+"\t"+a.Label)
			found := false
			for _, l := range post {
				all := true
				for _, p := range parts {
					all = all && strings.Contains(l, p)
				}
				found = found || all
			}
			if !found {
				t.Errorf("khard postaddress lacks %q in\n%s", parts, strings.Join(post, "\n"))
			}
		}
	}

	show := strings.Join(run("show", "--format", "yaml", "uid:"+book[0].UID), "\n")
	for _, want := range []string{
		"Formatted name: Ada Lovelace", "First name: Ada", "Last name: Lovelace",
		"Anniversary: '2012-06-01'", "Birthday: --12-10", "Analytical Engines, Ltd", "Title: Head of Procurement",
		"holiday-card", "vip", "ada@analytical.example", "+44 7700 900123",
	} {
		if !strings.Contains(show, want) {
			t.Errorf("khard show lacks %q:\n%s", want, show)
		}
	}
}

// icsSummary is what the Python side reports of each component.
type icsSummary struct {
	Kind     string         `json:"kind"`
	UID      string         `json:"uid"`
	Summary  string         `json:"summary"`
	Start    string         `json:"start"`
	End      string         `json:"end"`
	Due      string         `json:"due"`
	AllDay   bool           `json:"all_day"`
	RRule    map[string]any `json:"rrule"`
	Transp   string         `json:"transp"`
	Status   string         `json:"status"`
	Describe string         `json:"description"`
}

const icsScript = `
import icalendar, json, sys, datetime
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
def d(c, k):
    v = c.get(k)
    return v.dt.isoformat() if v is not None else ""
for c in cal.walk():
    if c.name not in ("VEVENT", "VTODO"):
        continue
    start = c.get("DTSTART") or c.get("DUE")
    rr = c.get("RRULE")
    out.append(dict(kind=c.name, uid=str(c.get("UID")), summary=str(c.get("SUMMARY")),
        start=d(c, "DTSTART"), end=d(c, "DTEND"), due=d(c, "DUE"),
        all_day=type(start.dt) is datetime.date,
        rrule={k: v for k, v in rr.items()} if rr else None,
        transp=str(c.get("TRANSP") or ""), status=str(c.get("STATUS") or ""),
        description=str(c.get("DESCRIPTION") or "")))
json.dump(dict(version=str(cal.get("VERSION")), prodid=str(cal.get("PRODID")), items=out), sys.stdout)
`

func parseWithPython(t *testing.T, ics []byte) (version string, items []icsSummary) {
	t.Helper()
	python := needTool(t, "python3", "-c", "import icalendar")
	path := filepath.Join(t.TempDir(), "book.ics")
	writeFile(t, path, string(ics))
	out, err := exec.Command(python, "-c", icsScript, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python icalendar: %v\n%s", err, out)
	}
	var doc struct {
		Version string       `json:"version"`
		Items   []icsSummary `json:"items"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return doc.Version, doc.Items
}

func TestICalendarReadsICS(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, icsBook(), false, now); err != nil {
		t.Fatal(err)
	}
	version, items := parseWithPython(t, buf.Bytes())
	if version != "2.0" || len(items) != 5 {
		t.Fatalf("version %q, %d items: %s", version, len(items), js(items))
	}
	byStart := map[string]icsSummary{}
	for _, it := range items {
		if it.Kind != "VEVENT" || !it.AllDay || it.Transp != "TRANSPARENT" || !strings.HasSuffix(it.UID, "@rapport") {
			t.Errorf("not an all-day, transparent event with a rapport UID: %s", js(it))
		}
		byStart[it.Start] = it
	}
	feb29 := byStart["1988-02-29"]
	if feb29.Summary != "Ada Lovelace: birthday" || feb29.End != "1988-03-01" ||
		!equalJSON(feb29.RRule, map[string]any{"FREQ": []string{"YEARLY"}, "BYMONTH": []int{2}, "BYMONTHDAY": []int{-1}}) {
		t.Errorf("Feb 29 birthday: %s", js(feb29))
	}
	if it := byStart["2000-02-29"]; !strings.HasPrefix(it.Summary, "Maria Guadalupe Fernández de la Peña Ibáñez-Rodríguez") {
		t.Errorf("folded summary read back as %q", it.Summary)
	}
	if it := byStart["2000-09-02"]; !equalJSON(it.RRule, map[string]any{"FREQ": []string{"YEARLY"}}) {
		t.Errorf("yearly moment: %s", js(it))
	}
	fu := byStart["2026-12-01"]
	if fu.Summary != "Send the pricing; v2, final – Ada Lovelace" || fu.RRule != nil ||
		fu.Describe != "Promised to Ada Lovelace (Analytical Engines) for 2026-11-28. Snoozed once." {
		t.Errorf("follow-up: %s", js(fu))
	}

	buf.Reset()
	WriteICS(&buf, icsBook(), true, now)
	_, items = parseWithPython(t, buf.Bytes())
	todos := 0
	for _, it := range items {
		if it.Kind == "VTODO" {
			todos++
			if !it.AllDay || it.Status != "NEEDS-ACTION" || (it.Due != "2026-12-01" && it.Due != "2026-12-03") {
				t.Errorf("todo: %s", js(it))
			}
		}
	}
	if todos != 2 {
		t.Errorf("%d todos, want 2", todos)
	}
}
