package store

import (
	"encoding/binary"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

func TestSplitImported(t *testing.T) {
	tests := []struct {
		name, in, rest string
		want           movedFields
	}{
		{"vCard card with text and fields",
			"Prefers morning calls.\n\nAddress (home): 12 St James's Square, London, SW1Y 4JH, United Kingdom\nWebsite (homepage): https://analytical.example\nRelated (spouse): William King",
			"Prefers morning calls.\n\nRelated (spouse): William King",
			movedFields{addresses: []model.Address{{Label: "home", Street: "12 St James's Square", Locality: "London", PostalCode: "SW1Y 4JH", Country: "United Kingdom"}},
				urls: []string{"https://analytical.example"}}},
		{"US address with a state code",
			"Address (work): 1 Market St, San Francisco, CA, 94105, US\nNickname: Pri", "",
			movedFields{addresses: []model.Address{{Label: "work", Street: "1 Market St", Locality: "San Francisco", Region: "CA", PostalCode: "94105", Country: "US"}},
				nicknames: []string{"Pri"}}},
		{"a Google formatted address cannot be told apart",
			"Met at SaaStr.\n\nAddress (Work): Bandra Kurla Complex, Mumbai 400051, India",
			"Met at SaaStr.\n\nAddress (Work): Bandra Kurla Complex, Mumbai 400051, India", movedFields{}},
		{"two street lines and no region look alike",
			"Address: Gebäude 3, Messegelände 1, Hannover, 30521, Deutschland",
			"Address: Gebäude 3, Messegelände 1, Hannover, 30521, Deutschland", movedFields{}},
		{"a rep's own note is left alone",
			"Called about the address: she moved.\nWebsite (x): not from an import",
			"Called about the address: she moved.\nWebsite (x): not from an import", movedFields{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rest, got := splitImported(tt.in)
			if rest != tt.rest || !slices.Equal(got.addresses, tt.want.addresses) ||
				!slices.Equal(got.nicknames, tt.want.nicknames) || !slices.Equal(got.urls, tt.want.urls) {
				t.Errorf("got %q %+v\nwant %q %+v", rest, got, tt.rest, tt.want)
			}
		})
	}
}

// TestMigrationMovesImportedFields: a book from before schema 3 gets its
// addresses out of the notes; a note that held nothing else goes.
func TestMigrationMovesImportedFields(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	pri := mustAdd(t, s, model.Contact{Name: "Priya Sharma", Nicknames: []string{"Pri"}})
	for _, in := range []model.Interaction{
		{ContactID: ada.ID, Kind: model.Note, At: testNow,
			Text: "Prefers morning calls.\n\nAddress (home): 12 St James's Square, London, SW1Y 4JH, United Kingdom"},
		{ContactID: pri.ID, Kind: model.Note, At: testNow, Text: "Address (work): 1 Market St, San Francisco, CA, 94105, US\nNickname: Pri"},
		{ContactID: pri.ID, Kind: model.Call, At: testNow, Text: "Address (work): a call is no import: 1 A St, B, 12345"},
	} {
		if err := s.LogNote(&in, nil); err != nil {
			t.Fatal(err)
		}
	}
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put(kSchema, binary.BigEndian.AppendUint32(nil, 2))
	})
	s2, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s2)
	d, _ := s2.Detail(ada.ID)
	if len(d.Contact.Addresses) != 1 || d.Contact.Addresses[0].PostalCode != "SW1Y 4JH" || len(d.Notes) != 1 || d.Notes[0].Text != "Prefers morning calls." {
		t.Errorf("Ada: %+v, notes %+v", d.Contact.Addresses, d.Notes)
	}
	d, _ = s2.Detail(pri.ID)
	if len(d.Contact.Addresses) != 1 || d.Contact.Addresses[0].Region != "CA" || !slices.Equal(d.Contact.Nicknames, []string{"Pri"}) ||
		len(d.Notes) != 1 || d.Notes[0].Kind != model.Call {
		t.Errorf("Priya: %+v %q, notes %+v", d.Contact.Addresses, d.Contact.Nicknames, d.Notes)
	}
}
