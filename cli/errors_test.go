package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Bad input: one clear sentence on stderr, the documented exit code, and
// not a byte of the database changed.
func TestBadInputWritesNothing(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("add", "Ada Byron")
	b.ok("add", "Grace Hopper")
	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"unknown contact", []string{"log", "nobody", "hi"}, 1, "no contact matches"},
		{"ambiguous name", []string{"log", "ada", "hi"}, 1, "matches 2 contacts"},
		{"impossible date", []string{"add", "X", "--birthday", "2026-02-30"}, 2, "February has no day 30"},
		{"unparseable when", []string{"log", "grace", "hi", "--follow-up", "someday: call"}, 2, "cannot read \"someday\""},
		{"follow-up without what", []string{"log", "grace", "hi", "--follow-up", "fri:"}, 2, "says when but not what"},
		{"unknown flag", []string{"log", "grace", "hi", "--frobnicate"}, 2, "unknown flag"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"unknown kind", []string{"log", "grace", "hi", "--kind", "party"}, 2, "unknown kind"},
		{"unknown stage", []string{"edit", "grace", "--stage", "friend"}, 2, "unknown stage"},
		{"missing text", []string{"log", "grace"}, 2, "takes a QUERY and the TEXT"},
		{"empty text", []string{"log", "grace", "  "}, 2, "needs some text"},
		{"bad email", []string{"add", "X", "--email", "not-an-address"}, 1, "is not an email address"},
		{"number flag given a word", []string{"history", "--limit", "ten"}, 2, `--limit takes a whole number, not "ten"`},
		{"script as a web address", []string{"add", "X", "--url", "javascript:alert(1)"}, 2, "only http:// and https://"},
		{"web address with a space", []string{"edit", "grace", "--url", "my site"}, 2, "is not a web address"},
		{"done unknown id", []string{"done", "999"}, 1, "follow-up 999"},
		{"done not a number", []string{"done", "abc"}, 2, "not a follow-up ID"},
		{"snooze into the past", []string{"snooze", "1", "2020-01-01"}, 2, "in the past"},
		{"later into the past", []string{"later", "grace", "2020-01-01"}, 2, "not a later day"},
		{"later unknown when", []string{"later", "grace", "someday"}, 2, "cannot read"},
		{"bad --today", []string{"--today", "tomorrow", "today"}, 2, "--today takes a date"},
		{"edit without flags", []string{"edit", "grace"}, 2, "needs at least one flag"},
		{"self referral", []string{"edit", "grace", "--referred-by", "grace"}, 1, "referred by themselves"},
		{"bad address", []string{"add", "X", "--address", "home:"}, 2, "is not an address"},
		{"excel without csv", []string{"export", "--format", "json", "--excel"}, 2, "--excel goes with --format csv"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := b.fileBytes()
			r := b.run(tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tc.code, r.err)
			}
			if !strings.Contains(r.err, tc.says) {
				t.Errorf("stderr %q does not say %q", r.err, tc.says)
			}
			if lines := strings.Count(strings.TrimSpace(r.err), "\n"); lines != 0 {
				t.Errorf("want one line on stderr, got %q", r.err)
			}
			if r.out != "" {
				t.Errorf("nothing on stdout on error, got %q", r.out)
			}
			if !bytes.Equal(before, b.fileBytes()) {
				t.Error("the database file changed")
			}
		})
	}
}

// Text from the outside never reaches the terminal raw.
func TestEscapeSequencesAreNeutralised(t *testing.T) {
	b := newBook(t)
	evil := "Eve\x1b]52;c;ZXZpbA==\x07 \x1b[31mRed\x1b[0m\r\u202eevil"
	b.ok("add", evil)
	b.ok("log", "eve", "note \x1b]0;pwned\x07 with\x07 bell")
	for _, args := range [][]string{{"list"}, {"show", "eve"}, {"search", "note"}, {"today"}} {
		out := b.ok(args...)
		if strings.ContainsAny(out, "\x1b\x07\r\u202e") {
			t.Errorf("rapport %s printed a control character: %q", strings.Join(args, " "), out)
		}
	}
}

func TestVersionAndHelpTouchNoFile(t *testing.T) {
	b := newBook(t)
	mustContain(t, b.ok("version"), "rapport", "schema")
	mustContain(t, b.ok("--help"), "log", "today", "search")
	if r := b.run("version"); r.code != 0 {
		t.Fatal(r.err)
	}
	if _, err := readIfExists(b.path); err == nil {
		t.Error("version created the database file")
	}
}

// Read-only commands, backup and check, and the commands that change
// records already in a book, name a database that must exist; they never
// create one, and say in one sentence how to start a book.
func TestReadOnlyCommandsNeedADatabase(t *testing.T) {
	b := newBook(t)
	for _, args := range [][]string{{"check"}, {"backup", b.path + ".bak"}, {"today"}, {"today", "--json"},
		{"list"}, {"show", "ada"}, {"search", "pricing"}, {"export", "--format", "json"}, {"later", "ada", "fri"},
		{"brief", "ada"}, {"referrals"}, {"cards"}, {"cards", "sent", "ada"}, {"digest"}, {"undo"}, {"redo"}, {"history"},
		{"duplicates"}, {"delete", "ada", "--yes"}, {"merge", "ada", "grace", "--yes"}, {"reopen", "1"},
		{"note", "delete", "1", "--yes"}, {"followup", "edit", "1", "--text", "x"}, {"question", "delete", "1", "--yes"},
		{"done", "1"}, {"snooze", "1", "fri"}, {"ask", "ada", "why now?"}, {"share", "ada", "the case study"}, {"review"},
		{"sync", "status"}, {"sync", "resolve", "1", "--mine"}} {
		r := b.run(args...)
		if r.code != 1 || !strings.Contains(r.err, "there is no rapport book at "+b.path) || !strings.Contains(r.err, "rapport add NAME") ||
			strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
			t.Errorf("rapport %s on no database: exit %d, %q", args[0], r.code, r.err)
		}
	}
	if _, err := readIfExists(b.path); err == nil {
		t.Error("a read-only command created the database")
	}
}

// A bad flag to add is refused before the book is opened, so a first
// `add` with a typo leaves no empty database behind.
func TestAddWithABadFlagCreatesNoBook(t *testing.T) {
	b := newBook(t)
	for _, flag := range [][]string{{"--cadence", "999999y"}, {"--birthday", "foo"}, {"--stage", "bogus"},
		{"--moment", "nolabel"}, {"--referred-by", "Grace"}, {"--address", "Home: a; b; c; d; e; f; g"}} {
		r := b.run(append([]string{"add", "Ada"}, flag...)...)
		if r.code == 0 || strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
			t.Errorf("add %v: exit %d, %q", flag, r.code, r.err)
		}
		if _, err := readIfExists(b.path); err == nil {
			t.Fatalf("add %v created the database", flag)
		}
	}
}

// Flags of add and edit are cleaned like imported text before they are stored.
func TestContactFlagsAreCleaned(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada", "--company", "Acme\x1b[2J\r Ltd", "--tag", "v\x07ip")
	b.ok("edit", "ada", "--title", "C\x1b]0;x\x07TO")
	var shown struct {
		Contact struct {
			Company, Title string
			Tags           []string
		}
	}
	b.json(&shown, "show", "ada")
	if shown.Contact.Company != "Acme Ltd" || shown.Contact.Title != "CTO" || shown.Contact.Tags[0] != "vip" {
		t.Errorf("stored raw: %+v", shown.Contact)
	}
}

// Never the wrong person: words after QUERY that could go on the name are
// refused; namesakes are told apart by company, and company words choose.
func TestNeverTheWrongPerson(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Bartholomew Maximilian")
	b.ok("add", "Bartholomew Jones")
	b.ok("add", "Abebe Bekele", "--company", "Krusty Foods")
	b.ok("add", "Abebe Bekele", "--company", "Acme Corp")
	cases := []struct {
		name string
		args []string
		code int
		says []string
	}{
		{"name runs on", []string{"log", "Bartholomew", "Maximilian", "Quick call"}, 2,
			[]string{`"Maximilian" could be part of the name (Bartholomew Maximilian, #1)`, "quote"}},
		{"namesakes show their company", []string{"log", "bekele", "hi"}, 1,
			[]string{"Abebe Bekele (Krusty Foods, #3)", "Abebe Bekele (Acme Corp, #4)"}},
		{"same name and company", []string{"add", "abebe bekele", "--company", "krusty foods"}, 1,
			[]string{"Abebe Bekele (#3) is already in the book", "--duplicate"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := b.fileBytes()
			r := b.run(tc.args...)
			if r.code != tc.code || strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tc.code, r.err)
			}
			for _, want := range tc.says {
				if !strings.Contains(r.err, want) {
					t.Errorf("stderr %q does not say %q", r.err, want)
				}
			}
			if !bytes.Equal(before, b.fileBytes()) {
				t.Error("the database file changed")
			}
		})
	}
	// Quoted, the same words log to the right person; company words choose.
	mustContain(t, b.ok("log", "Bartholomew Maximilian", "Quick call"), "Bartholomew Maximilian (#1)")
	mustContain(t, b.ok("log", "bekele krusty", "Tasting went well"), "Abebe Bekele (#3)")
	mustContain(t, b.ok("log", "abebe bekele acme", "Sent the quote"), "Abebe Bekele (#4)")
	mustContain(t, b.ok("add", "Abebe Bekele", "--company", "Krusty Foods", "--duplicate"), "Added Abebe Bekele (#5)")
}

// The small refusals a daily user meets: one sentence each, nothing written.
func TestSmallRefusals(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--tag", "vip")
	out := filepath.Join(t.TempDir(), "book.json")
	if err := os.WriteFile(out, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		says string
	}{
		{[]string{"export", "--format", "json", "-o", out}, "already exists; add --force"},
		{[]string{"list", "--tag", "golf"}, `no contact has the tag "golf"`},
		{[]string{"cards", "--tag", "golf"}, `no contact has the tag "golf"`},
		{[]string{}, "rapport's TUI needs a terminal; try rapport today"},
		{[]string{"--demo"}, "rapport's TUI needs a terminal"},
	}
	for _, tc := range cases {
		before := b.fileBytes()
		r := b.run(tc.args...)
		if r.code != 1 || !strings.Contains(r.err, tc.says) || strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
			t.Errorf("rapport %v: exit %d, stderr %q; want one sentence saying %q", tc.args, r.code, r.err, tc.says)
		}
		if !bytes.Equal(before, b.fileBytes()) {
			t.Errorf("rapport %v changed the database", tc.args)
		}
	}
	if got, _ := os.ReadFile(out); string(got) != "precious" {
		t.Error("export overwrote a file without --force")
	}
	b.ok("export", "--format", "json", "-o", out, "--force")
	mustContain(t, b.ok("list"), "Ada Lovelace", "never")
}

// A flag that would be ignored in this company, or that asks for what can
// never match, is a usage error: one sentence, exit 2, nothing written.
func TestFlagsOutOfPlace(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("log", "ada", "talked pricing")
	cases := []struct {
		args []string
		says string
	}{
		{[]string{"cards", "--month", "3"}, "--month goes with --birthdays"},
		{[]string{"digest", "--at", "07:30"}, "--at goes with --install"},
		{[]string{"export", "--format", "json", "--force"}, "--force goes with -o FILE"},
		{[]string{"search", "pricing", "--since", "2026-03-02", "--until", "2026-03-01"}, "is after --until"},
		{[]string{"review", "--week", "1800-01-01"}, "--week takes a day from 1900 on"},
	}
	for _, tc := range cases {
		before := b.fileBytes()
		r := b.run(tc.args...)
		if r.code != 2 || !strings.Contains(r.err, tc.says) || strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
			t.Errorf("rapport %v: exit %d, stderr %q; want one sentence saying %q", tc.args, r.code, r.err, tc.says)
		}
		if !bytes.Equal(before, b.fileBytes()) {
			t.Errorf("rapport %v changed the database", tc.args)
		}
	}
	mustContain(t, b.ok("search", "pricing", "--since", b.today, "--until", b.today), "talked pricing") // one day is a range
}
