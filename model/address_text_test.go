package model

import "testing"

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in   string
		want Address
	}{
		{"work: 1 Market St / Suite 300; San Francisco; CA; 94105; USA",
			Address{Label: "work", Street: "1 Market St\nSuite 300", Locality: "San Francisco", Region: "CA", PostalCode: "94105", Country: "USA"}},
		{"Unter den Linden 1; Berlin; ; 10117; Germany",
			Address{Street: "Unter den Linden 1", Locality: "Berlin", PostalCode: "10117", Country: "Germany"}},
		{"Summer House: Strandvej 3; Skagen", Address{Label: "summer house", Street: "Strandvej 3", Locality: "Skagen"}},
		{"Flat 2: 10 Downing St; London", Address{Street: "Flat 2: 10 Downing St", Locality: "London"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAddress(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
			back, err := ParseAddress(got.String())
			if err != nil || back != got {
				t.Fatalf("%q reads back as %#v (%v)", got.String(), back, err)
			}
		})
	}
	for _, bad := range []string{"", "home:", "a;b;c;d;e;f", " ; ; "} {
		if _, err := ParseAddress(bad); err == nil {
			t.Errorf("ParseAddress(%q) accepted it", bad)
		}
	}
}

func TestNamePartsFit(t *testing.T) {
	p := NameParts{Family: "Mustermann", Given: "Heiko", Prefixes: "Dr."}
	if !p.Fits("Dr. Heiko Mustermann") {
		t.Error("parts should fit their own name")
	}
	if p.Fits("Heike Mustermann") {
		t.Error("a renamed contact should no longer fit its parts")
	}
	if g := GuessNameParts("Ada  King Lovelace"); g.Given != "Ada King" || g.Family != "Lovelace" {
		t.Errorf("guess %#v", g)
	}
}

func TestKeptText(t *testing.T) {
	for in, want := range map[string]string{
		"X-MS-SPOUSE:Anna Mustermann":                   "X-MS-SPOUSE: Anna Mustermann",
		"g2.X-ABRELATEDNAMES;type=pref:William King":    "X-ABRELATEDNAMES: William King",
		`NOTE-LIKE:a\, b\; c\nd`:                        "NOTE-LIKE: a, b; c d",
		"x-evil:\x1b]0;title\x07hi":                     "X-EVIL: hi",
		"IMPP;X-SERVICE-TYPE=Jabber:xmpp:heiko@example": "IMPP: xmpp:heiko@example",
	} {
		if got := KeptText(in); got != want {
			t.Errorf("KeptText(%q) = %q, want %q", in, got, want)
		}
	}
}
