package cli

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

// excerptWidth is about how many characters of a note a hit shows.
const excerptWidth = 100

func newSearchCmd(a *app) *cobra.Command {
	var f searchFlags
	var contactsOnly bool
	cmd := &cobra.Command{
		Use:   "search [TEXT]",
		Short: "Search notes and what you remember of contacts",
		Long: `Search notes, newest first, and the company, title, how we met, what matters
and tags of contacts. Every word must match the start of a word ("pric" finds
"pricing"); "quoted words" must come in that order. With --topic and no TEXT,
every note marked with the topic.`,
		Example: `  rapport search pricing
  rapport search "second warehouse" --topic opportunity --since 90d
  rapport search --topic problem --since 3m
  rapport search budget --contact ada --kind meeting`,
		RunE: func(cmd *cobra.Command, args []string) error {
			text := strings.Join(args, " ")
			o, s, err := f.options(a, text)
			if err != nil {
				return err
			}
			if o.Query.IsZero() && o.Topic == "" {
				return usagef(`search takes the TEXT to look for, or a --topic: rapport search "pricing"`)
			}
			if contactsOnly {
				return a.searchContacts(s, o, f.asJSON)
			}
			hits, err := s.SearchNotes(o)
			if err != nil {
				return err
			}
			if f.asJSON {
				return writeJSON(a.out, hitsJSON(hits, o.Query))
			}
			if !o.Query.IsZero() && o.ContactID == 0 {
				if err := a.printContactHits(s, o.Query, text); err != nil {
					return err
				}
			}
			a.printHits(hits, o.Query)
			if len(hits) == 0 {
				printf(a.errOut, "No note matches %q.", describe(text, o.Topic))
			}
			return nil
		},
	}
	f.register(cmd, true)
	cmd.Flags().BoolVar(&contactsOnly, "contacts", false, "search only what you remember of contacts (company, title, how we met, what matters, tags)")
	return cmd
}

func describe(text string, t model.Topic) string {
	if t == "" {
		return text
	}
	return strings.TrimSpace(text + " (" + string(t) + ")")
}

// hitJSON is NOTE + contact_name, as before, and the excerpt: its text and
// the byte spans of the matching words in it.
type hitJSON struct {
	store.Hit
	Excerpt model.Excerpt `json:"excerpt"`
}

func hitsJSON(hits []store.Hit, q model.Query) []hitJSON {
	out := make([]hitJSON, len(hits))
	for i, h := range hits {
		out[i] = hitJSON{h, model.MakeExcerpt(h.Text, q, excerptWidth)}
	}
	return out
}

func (a *app) printHits(hits []store.Hit, q model.Query) {
	mark := a.highlighter()
	for _, h := range hits {
		who := h.ContactName
		if h.Company != "" {
			who += " · " + h.Company
		}
		printf(a.out, "%s  %s  %s (#%d)  note %d", h.At.Format("2006-01-02"), pad(string(h.Kind), 7), who, h.ContactID, h.ID)
		io.WriteString(a.out, "    "+mark(model.MakeExcerpt(h.Text, q, excerptWidth))+"\n")
	}
}

// contactHitsShown is how many contacts a search lists above the notes.
const contactHitsShown = 5

func (a *app) printContactHits(s *store.Store, q model.Query, text string) error {
	cs, err := s.SearchContacts(q, contactHitsShown+1)
	if err != nil || len(cs) == 0 {
		return err
	}
	printf(a.out, "Contacts:")
	for _, c := range cs[:min(len(cs), contactHitsShown)] {
		printf(a.out, "  %s (#%d)  %s", c.Name, c.ID, rememberedLine(c, q))
	}
	if len(cs) > contactHitsShown {
		printf(a.out, "  … and more: rapport search --contacts %q", text)
	}
	printf(a.out, "Notes:")
	return nil
}

// rememberedLine is what matched of a contact, field by field.
func rememberedLine(c model.Contact, q model.Query) string {
	var parts []string
	for _, f := range []string{c.Company, c.Title, c.HowWeMet, c.Matters, strings.Join(c.Tags, ", ")} {
		if f != "" && len(q.Marks(f)) > 0 {
			parts = append(parts, f)
		}
	}
	if len(parts) == 0 {
		parts = nonEmpty(c.Company, c.Title)
	}
	return strings.Join(parts, " · ")
}

type contactHitJSON struct {
	ID       uint64   `json:"id"`
	Name     string   `json:"name"`
	Company  string   `json:"company"`
	Title    string   `json:"title"`
	Tags     []string `json:"tags"`
	HowWeMet string   `json:"how_we_met"`
	Matters  string   `json:"matters"`
}

func (a *app) searchContacts(s *store.Store, o store.SearchOptions, asJSON bool) error {
	if o.Query.IsZero() {
		return usagef("search --contacts takes the TEXT to look for")
	}
	cs, err := s.SearchContacts(o.Query, o.Limit)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]contactHitJSON, len(cs))
		for i, c := range cs {
			out[i] = contactHitJSON{c.ID, c.Name, c.Company, c.Title, append([]string{}, c.Tags...), c.HowWeMet, c.Matters}
		}
		return writeJSON(a.out, out)
	}
	for _, c := range cs {
		printf(a.out, "%s (#%d)  %s", c.Name, c.ID, rememberedLine(c, o.Query))
	}
	if len(cs) == 0 {
		printf(a.errOut, "No contact matches %q.", strings.Join(o.Query.Words(), " "))
	}
	return nil
}

// highlighter shows the matching words of an excerpt in bold and
// underlined on a colour terminal, and leaves them plain elsewhere. The
// excerpt is clean already; cleaning runs again on each piece.
func (a *app) highlighter() func(model.Excerpt) string {
	f, ok := a.out.(*os.File)
	color := ok && term.IsTerminal(f.Fd()) && !noColor()
	return func(ex model.Excerpt) string {
		if !color {
			return model.CleanLine(ex.Text)
		}
		var b strings.Builder
		at := 0
		for _, m := range ex.Marks {
			b.WriteString(model.CleanLine(ex.Text[at:m[0]]))
			b.WriteString("\x1b[1;4m" + model.CleanLine(ex.Text[m[0]:m[1]]) + "\x1b[22;24m")
			at = m[1]
		}
		b.WriteString(model.CleanLine(ex.Text[at:]))
		return b.String()
	}
}
