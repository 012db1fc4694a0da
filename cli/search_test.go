package cli_test

import (
	"bytes"
	"strings"
	"testing"
)

type searchHitJSON struct {
	ID          uint64   `json:"id"`
	ContactName string   `json:"contact_name"`
	Company     string   `json:"company"`
	Kind        string   `json:"kind"`
	Text        string   `json:"text"`
	Topics      []string `json:"topics"`
	Excerpt     struct {
		Text  string   `json:"text"`
		Marks [][2]int `json:"marks"`
	} `json:"excerpt"`
}

func TestSearchCommand(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--company", "Analytical Engines", "--tag", "holiday-card", "--matters", "Cares about uptime")
	b.ok("add", "Grace Hopper", "--company", "Navy Compilers")
	b.ok("log", "ada", "Walked through pricing for the second site", "--kind", "meeting", "--topic", "opportunity", "--no-thanks")
	b.ok("log", "grace", "Pricing review \x1b]0;pwned\x07 went well", "--kind", "call")
	b.today = "2026-11-25"
	b.ok("log", "grace", "Second site visit booked", "--kind", "email")

	var hits []searchHitJSON
	b.json(&hits, "search", "PRIC")
	if len(hits) != 2 || hits[0].ContactName != "Grace Hopper" || hits[1].Company != "Analytical Engines" {
		t.Fatalf("search PRIC: %+v", hits)
	}
	ex := hits[0].Excerpt
	if len(ex.Marks) != 1 || ex.Text[ex.Marks[0][0]:ex.Marks[0][1]] != "Pricing" || strings.ContainsAny(ex.Text, "\x1b\x07") {
		t.Fatalf("excerpt %+v", ex)
	}
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"search", `"second site"`}, 2},
		{[]string{"search", `"site second"`}, 0},
		{[]string{"search", "second", "--kind", "email"}, 1},
		{[]string{"search", "second", "--since", "2026-11-21"}, 1},
		{[]string{"search", "second", "--until", "2026-11-20"}, 1},
		{[]string{"search", "second", "--contact", "grace"}, 1},
		{[]string{"search", "--topic", "opportunity"}, 1},
		{[]string{"topics", "opportunity", "--since", "90d"}, 1},
		{[]string{"search", "second", "--limit", "1"}, 1},
	}
	for _, c := range cases {
		var got []searchHitJSON
		b.json(&got, c.args...)
		if len(got) != c.want {
			t.Errorf("%v: %d hits, want %d: %+v", c.args, len(got), c.want, got)
		}
	}
	if out := b.ok("search", "uptime"); !strings.Contains(out, "Ada Lovelace") || !strings.Contains(out, "Contacts:") {
		t.Errorf("search lists contacts by what matters:\n%s", out)
	}
	var contacts []struct {
		Name string   `json:"name"`
		Tags []string `json:"tags"`
	}
	b.json(&contacts, "search", "--contacts", "holiday")
	if len(contacts) != 1 || contacts[0].Name != "Ada Lovelace" {
		t.Errorf("search --contacts holiday: %+v", contacts)
	}

	before := b.fileBytes()
	for _, args := range [][]string{{"search"}, {"search", "x", "--since", "soon"}, {"search", "x", "--kind", "fax"}, {"topics", "gossip"}, {"search", "x", "--limit", "-1"}} {
		r := b.run(args...)
		if r.code != 2 || strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want a one-line usage error", args, r.code, r.err)
		}
	}
	if !bytes.Equal(before, b.fileBytes()) {
		t.Error("a refused search wrote to the file")
	}
}
