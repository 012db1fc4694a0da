package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
	"rapport/ui/chart"
)

// showJSON is the documented shape of `rapport show --json`.
type showJSON struct {
	Contact    model.Contact       `json:"contact"`
	Figures    model.Figures       `json:"figures"`
	Trends     model.Trends        `json:"trends"`
	FollowUps  []model.FollowUp    `json:"follow_ups"`
	Questions  []model.Question    `json:"questions"`
	Shares     []model.Share       `json:"shares"`
	Notes      []model.Interaction `json:"notes"`
	ReferredBy *refJSON            `json:"referred_by"`
	Referrals  []refJSON           `json:"referrals"`
}

type refJSON struct {
	ID   uint64 `json:"id"`
	Name string `json:"name"`
}

func newShowCmd(a *app) *cobra.Command {
	var asJSON bool
	var topic string
	cmd := &cobra.Command{
		Use:   "show QUERY",
		Short: "Show a contact: profile, figures, follow-ups, questions and notes",
		Args:  exactArgs(1, `a QUERY naming one contact (quote a full name: "ada lovelace")`),
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := topicFlag(topic)
			if err != nil {
				return err
			}
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			today := model.DateOf(now)
			c, err := s.Resolve(args[0])
			if err != nil {
				return err
			}
			d, err := s.Detail(c.ID)
			if err != nil {
				return err
			}
			trends := d.Trends(today) // of every note, whatever --topic shows
			if filter != "" {
				d.Notes = onlyTopic(d.Notes, filter)
			}
			if asJSON {
				return writeJSON(a.out, detailJSON(d, today, trends))
			}
			printDetail(a.out, d, today, trends)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	cmd.Flags().StringVar(&topic, "topic", "", "only notes marked problem, opportunity or strategy")
	return cmd
}

func onlyTopic(notes []model.Interaction, t model.Topic) []model.Interaction {
	out := []model.Interaction{}
	for _, n := range notes {
		if n.HasTopic(t) {
			out = append(out, n)
		}
	}
	return out
}

func detailJSON(d store.Detail, today model.Date, trends model.Trends) showJSON {
	out := showJSON{Contact: d.Contact, Figures: d.Figures(today), Trends: trends, FollowUps: d.FollowUps, Questions: d.Questions, Shares: d.Shares, Notes: d.Notes, Referrals: []refJSON{}}
	if d.ReferredBy != nil {
		out.ReferredBy = &refJSON{d.ReferredBy.ID, d.ReferredBy.Name}
	}
	for _, r := range d.Referrals {
		out.Referrals = append(out.Referrals, refJSON{r.ID, r.Name})
	}
	return out
}

func printDetail(w io.Writer, d store.Detail, today model.Date, trends model.Trends) {
	c := d.Contact
	printf(w, "%s  (#%d)", c.Name, c.ID)
	printProfile(w, d)
	printFigures(w, d.Figures(today), today)
	printTrends(w, trends)
	printFollowUps(w, d.FollowUps, today)
	printQuestions(w, d.Questions)
	printShares(w, d.Shares)
	printf(w, "\nNotes (%d)", len(d.Notes))
	for _, n := range d.Notes {
		head := "#" + itoa(int(n.ID)) + "  " + n.At.Format("2006-01-02 15:04") + "  " + string(n.Kind)
		if n.Inbound {
			head += ", inbound"
		}
		for _, t := range n.Topics {
			head += "  [" + string(t) + "]"
		}
		printf(w, "  %s", head)
		io.WriteString(w, indentText(n.Text, "    ")+"\n")
		if n.Gave != "" {
			printf(w, "    gave: %s", model.CleanLine(n.Gave))
		}
	}
}

func printProfile(w io.Writer, d store.Detail) {
	c := d.Contact
	field := func(label, value string) {
		if value != "" {
			printf(w, "  %s %s", pad(label+":", 12), value)
		}
	}
	field("Works as", strings.Join(nonEmpty(c.Title, c.Company), ", "))
	field("Stage", string(c.Stage))
	field("Email", strings.Join(c.Emails, ", "))
	field("Phone", strings.Join(c.Phones, ", "))
	field("Tags", strings.Join(c.Tags, ", "))
	field("Cadence", "every "+plural(c.CadenceDays(), "day", "days"))
	for _, m := range c.AllMoments() {
		field(capitalise(m.Label), longDay(m.Date))
	}
	field("Nickname", strings.Join(c.Nicknames, ", "))
	for _, u := range c.URLs {
		field("Web", u)
	}
	for _, a := range c.Addresses {
		label := "Address"
		if a.Label != "" {
			label = capitalise(a.Label)
		}
		for i, l := range a.Lines() {
			if i > 0 {
				label = ""
			}
			printf(w, "  %s %s", pad(label+strings.Repeat(":", min(len(label), 1)), 12), l)
		}
	}
	field("How we met", c.HowWeMet)
	field("Matters", c.Matters)
	if c.Background != "" {
		printf(w, "  Background:")
		io.WriteString(w, indentText(c.Background, "    ")+"\n")
	}
	for _, k := range c.Kept {
		field("On the card", model.KeptText(k))
	}
	if d.ReferredBy != nil {
		field("Referred by", d.ReferredBy.Name+" (#"+itoa(int(d.ReferredBy.ID))+")")
	}
	for _, r := range d.Referrals {
		field("Referred", r.Name+" (#"+itoa(int(r.ID))+")")
	}
}

func printFigures(w io.Writer, f model.Figures, today model.Date) {
	pct := func(p *int) string {
		if p == nil {
			return "n/a"
		}
		return itoa(*p) + "%"
	}
	printf(w, "\nLast 90 days: %s, inbound share %s, follow-through %s (%d of %d on time); last touch %s",
		plural(f.Meetings, "meeting", "meetings"), pct(f.InboundShare), pct(f.FollowThrough), f.PromisesKept, f.PromisesDue, model.DaysAgo(f.LastTouch, today))
	printf(w, "Value: %s of %s brought something", pct(f.ValueShare), plural(f.Interactions, "touch", "touches"))
}

func printShares(w io.Writer, shares []model.Share) {
	var open []model.Share
	for _, sh := range shares {
		if sh.Open() {
			open = append(open, sh)
		}
	}
	if len(open) == 0 {
		return
	}
	printf(w, "\nNext time share")
	for _, sh := range open {
		printf(w, "  - %s  (#%d)", sh.Text, sh.ID)
	}
}

func printFollowUps(w io.Writer, fus []model.FollowUp, today model.Date) {
	open := 0
	for _, f := range fus {
		if f.Open() {
			open++
		}
	}
	if open == 0 {
		return
	}
	printf(w, "\nOpen follow-ups")
	for _, f := range fus {
		if !f.Open() {
			continue
		}
		who := ""
		if f.TheyOwe {
			who = " (they owe)"
		}
		printf(w, "  #%-6d %s  %s%s", f.ID, pad(longDay(f.Due)+", "+relDay(f.Due, today), 32), f.Text, who)
	}
}

func printQuestions(w io.Writer, qs []model.Question) {
	var open []model.Question
	for _, q := range qs {
		if q.Open() {
			open = append(open, q)
		}
	}
	if len(open) == 0 {
		return
	}
	printf(w, "\nNext time ask")
	for _, q := range open {
		printf(w, "  - %s  (#%d)", q.Text, q.ID)
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// topicFlag reads --topic; empty means every note.
func topicFlag(s string) (model.Topic, error) {
	if s == "" {
		return "", nil
	}
	t, err := model.ParseTopic(s)
	if err != nil {
		return "", usagef("--topic: %v", err)
	}
	return t, nil
}

// printTrends draws the last twelve months: touches (meetings apart), the
// inbound share and promises kept (✓) and late (✗) by quarter.
func printTrends(w io.Writer, t model.Trends) {
	io.WriteString(w, "\nLast 12 months\n")
	for _, l := range chart.Trends(t, reviewWidth, chart.Paint{}) {
		io.WriteString(w, "  "+l+"\n")
	}
}
