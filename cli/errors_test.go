package cli_test

import (
	"bytes"
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
		{"done unknown id", []string{"done", "999"}, 1, "follow-up 999"},
		{"done not a number", []string{"done", "abc"}, 2, "not a follow-up ID"},
		{"snooze into the past", []string{"snooze", "1", "2020-01-01"}, 2, "in the past"},
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

// backup and check name a database that must exist; they never create one.
func TestBackupAndCheckNeedADatabase(t *testing.T) {
	b := newBook(t)
	for _, args := range [][]string{{"check"}, {"backup", b.path + ".bak"}} {
		r := b.run(args...)
		if r.code != 1 || !strings.Contains(r.err, "there is no database") {
			t.Errorf("rapport %s on no database: exit %d, %q", args[0], r.code, r.err)
		}
	}
	if _, err := readIfExists(b.path); err == nil {
		t.Error("check or backup created the database")
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
