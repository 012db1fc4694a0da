package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// cardJSON is one row of `rapport cards --json`.
type cardJSON struct {
	ContactID uint64         `json:"contact_id"`
	Name      string         `json:"name"`
	Company   string         `json:"company,omitempty"`
	Address   *model.Address `json:"address"` // null: no address
	Sent      *model.Date    `json:"sent"`    // null: not sent yet
	Birthday  *model.Date    `json:"birthday,omitempty"`
}

type cardsFlags struct {
	tag       string
	year      int
	month     int
	birthdays bool
	csv       bool
	asJSON    bool
	tagGiven  bool // --tag typed: a tag nobody has is then a mistake, as in list
}

func newCardsCmd(a *app) *cobra.Command {
	var f cardsFlags
	var month string
	cmd := &cobra.Command{
		Use:   "cards",
		Short: "The card list: who gets a holiday (or birthday) card, their address, whether it is sent",
		Long: "List the contacts tagged for a holiday card (--tag, default " + model.HolidayCardTag + ") with the address a card goes to\n" +
			"(home first) and whether this year's card is sent: a card logged that year that is not a thank-you.\n" +
			"--birthdays lists the month's birthdays instead; their card counts as sent when logged in the 30 days up to the day.\n" +
			"--csv writes a mail-merge file for label printing and names the contacts without an address on standard error.",
		Example: "  rapport cards --csv > labels.csv\n  rapport cards --birthdays --month dec\n  rapport cards sent ada grace",
		Args:    exactArgs(0, `no arguments (to mark cards sent: rapport cards sent QUERY...)`),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.parseMonth(month); err != nil {
				return err
			}
			if month != "" && !f.birthdays {
				return usagef("--month goes with --birthdays (the holiday list is for the year: --year)")
			}
			if f.csv && f.asJSON {
				return usagef("choose --csv or --json, not both")
			}
			f.tagGiven = cmd.Flags().Changed("tag")
			return a.cards(f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.tag, "tag", model.HolidayCardTag, "the tag of the card list")
	fs.IntVar(&f.year, "year", 0, "the year of the cards (default this year)")
	fs.BoolVar(&f.birthdays, "birthdays", false, "the birthday-card list of a month instead of the holiday list")
	fs.StringVar(&month, "month", "", "with --birthdays: the month, 1-12 or a name (default this month)")
	fs.BoolVar(&f.csv, "csv", false, "write a mail-merge CSV (name, company, address lines) to standard output")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON (documented in the README)")
	cmd.AddCommand(newCardsSentCmd(a))
	return cmd
}

func (f *cardsFlags) parseMonth(s string) error {
	if s == "" {
		return nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 12 {
		f.month = n
		return nil
	}
	for m := time.January; m <= time.December; m++ {
		if len(s) >= 3 && strings.HasPrefix(strings.ToLower(m.String()), strings.ToLower(s)) {
			f.month = int(m)
			return nil
		}
	}
	return usagef("--month takes 1-12 or a month name, not %q", s)
}

func (a *app) cards(f cardsFlags) error {
	if f.year != 0 && (f.year < 1900 || f.year > 9999) {
		return usagef("--year takes a year such as 2026, not %d", f.year)
	}
	s, now, err := a.openExisting()
	if err != nil {
		return err
	}
	today := model.DateOf(now)
	if f.year == 0 {
		f.year = today.Year
	}
	if f.month == 0 {
		f.month = int(today.Month)
	}
	rows, title, err := cardRows(s, f)
	if err != nil {
		return err
	}
	if f.tagGiven && !f.birthdays && len(rows) == 0 {
		return fmt.Errorf("no contact has the tag %q", f.tag)
	}
	switch {
	case f.asJSON:
		return writeJSON(a.out, rows)
	case f.csv:
		return a.cardsCSV(rows)
	}
	printCards(a, rows, title)
	return nil
}

// cardRows reads the list: the tagged contacts and their cards of the
// year, or the month's birthdays and the cards of the weeks before.
func cardRows(s *store.Store, f cardsFlags) ([]cardJSON, string, error) {
	from := time.Date(f.year, 1, 1, 0, 0, 0, 0, time.Local)
	to := from.AddDate(1, 0, 0)
	pick := func(c model.Contact) bool { return c.HasTag(f.tag) }
	mention := f.tag
	title := fmt.Sprintf("Holiday cards %d (tag %s)", f.year, f.tag)
	month := time.Month(f.month)
	if f.birthdays {
		first := time.Date(f.year, month, 1, 0, 0, 0, 0, time.Local)
		from, to = first.AddDate(0, 0, -model.BirthdayCardWindow), first.AddDate(0, 1, 0)
		pick = func(c model.Contact) bool { return !c.Birthday.IsZero() && c.Birthday.Month == month }
		mention = ""
		title = fmt.Sprintf("Birthday cards, %s %d", month, f.year)
	}
	list, err := s.CardContacts(pick, mention, from, to)
	if err != nil {
		return nil, "", err
	}
	rows := []cardJSON{}
	for _, cc := range list {
		c := cc.Contact
		row := cardJSON{ContactID: c.ID, Name: c.Name, Company: c.Company}
		if addr, ok := model.CardAddress(c); ok {
			row.Address = &addr
		}
		sent := model.CardSent(cc.Cards, model.DateOf(from), model.DateOf(to).AddDays(-1))
		if f.birthdays {
			day := c.Birthday.InYear(f.year)
			row.Birthday = &day
			sent = model.CardSent(cc.Cards, day.AddDays(-model.BirthdayCardWindow), day)
		}
		if !sent.IsZero() {
			row.Sent = &sent
		}
		rows = append(rows, row)
	}
	if f.birthdays {
		sortByBirthday(rows)
	}
	return rows, title, nil
}

func sortByBirthday(rows []cardJSON) {
	slices.SortStableFunc(rows, func(x, y cardJSON) int { return x.Birthday.Compare(*y.Birthday) })
}

func (a *app) cardsCSV(rows []cardJSON) error {
	var labels []exchange.LabelRow
	var missing []string
	for _, r := range rows {
		if r.Address == nil {
			missing = append(missing, model.CleanLine(r.Name))
			continue
		}
		labels = append(labels, exchange.LabelRow{Name: r.Name, Company: r.Company, Address: *r.Address})
	}
	if err := exchange.WriteLabels(a.out, labels); err != nil {
		return err
	}
	if len(missing) > 0 {
		fmt.Fprintf(a.errOut, "rapport: %s no address, so no label: %s.\n", plural(len(missing), "contact has", "contacts have"), strings.Join(missing, ", "))
	}
	return nil
}

func printCards(a *app, rows []cardJSON, title string) {
	sent, noAddr := 0, 0
	for _, r := range rows {
		if r.Sent != nil {
			sent++
		}
		if r.Address == nil {
			noAddr++
		}
	}
	printf(a.out, "%s: %s, %d sent, %d without an address", title, plural(len(rows), "contact", "contacts"), sent, noAddr)
	for _, r := range rows {
		status := "to send"
		if r.Sent != nil {
			status = "sent " + r.Sent.Short()
		}
		where := "no address"
		if r.Address != nil {
			where = strings.Join(r.Address.Lines(), ", ")
		}
		lead := ""
		if r.Birthday != nil {
			lead = pad(r.Birthday.Short(), 7) + "  "
		}
		printf(a.out, "  %s%s  %s  %s  %s", lead, pad(status, 12), pad(r.Name, 22), pad(r.Company, 16), where)
	}
}
