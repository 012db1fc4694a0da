package exchange

import (
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// An Apple card with properties rapport has no field for: after rapport
// rewrites it from the contact, they are all still there, groups whole.
func TestKeepUnknown(t *testing.T) {
	apple := "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n" +
		"item1.X-ABDATE;type=pref:2019-05-01\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\n" +
		"item2.URL:https://ada.example\r\nitem2.X-ABLabel:blog\r\n" +
		"IMPP;X-SERVICE-TYPE=Skype:skype:ada\r\nX-SOCIALPROFILE;type=twitter:x.com/ada\r\nNOTE:Met at the fair\\, 2019\r\n" +
		"EMAIL;type=INTERNET:ada@example.com\r\nUID:apple-1\r\nEND:VCARD\r\n"
	rec, _, err := ReadCard([]byte(apple), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	rec.Contact.Title = "Countess"
	out := string(KeepUnknown(EncodeCard(rec.Contact), []byte(apple)))
	for _, want := range []string{"kept1.URL:https://ada.example", "kept1.X-ABLabel:blog", "IMPP;X-SERVICE-TYPE=Skype:skype:ada", "X-SOCIALPROFILE;type=twitter:x.com/ada", "NOTE:Met at the fair\\, 2019", "TITLE:Countess"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "ANNIVERSARY:20190501"); n != 1 || strings.Contains(out, "X-ABDATE") {
		t.Errorf("the anniversary label appears %d times:\n%s", n, out)
	}
	back, _, err := ReadCard([]byte(out), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if back.Contact.Title != "Countess" || back.Contact.UID != "apple-1" || len(back.Contact.Moments) != 1 || back.Contact.Moments[0].Label != model.LabelAnniversary {
		t.Errorf("read back %+v", back.Contact)
	}
	if again := string(KeepUnknown([]byte(out), []byte(apple))); strings.Count(again, "IMPP") != 1 || strings.Count(again, "URL") != 1 {
		t.Errorf("a card that already keeps them got them twice:\n%s", again)
	}
	twice := string(KeepUnknown(EncodeCard(back.Contact), []byte(out)))
	if strings.Count(twice, "IMPP") != 1 || strings.Count(twice, "URL") != 1 {
		t.Errorf("a second round trip doubled kept lines:\n%s", twice)
	}
}
