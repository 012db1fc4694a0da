package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

type logFlags struct {
	kind      string
	inbound   bool
	topics    []string
	followUps []string
	theyOwe   bool
	noThanks  bool
	gave      string
	shared    []uint
}

func newLogCmd(a *app) *cobra.Command {
	var f logFlags
	cmd := &cobra.Command{
		Use:   "log QUERY TEXT",
		Short: "Log a call, meeting, email, message, card or note",
		Long: "Log an interaction with a contact. TEXT may be several words; - reads it from standard input.\n" +
			"A meeting adds a \"send a thank-you note\" follow-up due the next day unless --no-thanks.\n" +
			"WHEN in --follow-up accepts: " + model.DueForms + ".",
		Example: `  rapport log ada "Walked through pricing" --kind meeting --topic opportunity --follow-up "fri: send the pricing sheet"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef(`log takes a QUERY and the TEXT of the note: rapport log ada "Called about pricing"`)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			next := ""
			if len(args) > 2 {
				next = args[1]
			}
			return a.log(args[0], next, strings.Join(args[1:], " "), f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.kind, "kind", string(model.DefaultKind), "call, meeting, email, message, card or note (a note is not a touch)")
	fs.BoolVar(&f.inbound, "inbound", false, "they reached out (default: you did)")
	fs.StringArrayVar(&f.topics, "topic", nil, "problem, opportunity or strategy (repeat for more)")
	fs.StringArrayVar(&f.followUps, "follow-up", nil, `a promise "WHEN: what", e.g. "fri: send pricing" (repeat for more)`)
	fs.BoolVar(&f.theyOwe, "they-owe", false, "the follow-ups are what they owe you, not what you promised")
	fs.BoolVar(&f.noThanks, "no-thanks", false, "no thank-you follow-up after a meeting")
	fs.StringVar(&f.gave, "gave", "", `what value the touch brought, e.g. "sent the packaging-line case study"`)
	fs.UintSliceVar(&f.shared, "shared", nil, `IDs of "next time share" items brought in this touch (from rapport show)`)
	return cmd
}

// log writes a note. next is the word after QUERY when TEXT came as
// several words: if it could go on the contact's name, the note might be
// meant for someone else, so log refuses and asks for quotes.
func (a *app) log(query, next, text string, f logFlags) error {
	now, err := a.now()
	if err != nil {
		return err
	}
	if text == "-" {
		// One byte past the limit is enough to know the note is too long.
		b, err := io.ReadAll(io.LimitReader(os.Stdin, model.MaxNoteBytes+1))
		if err != nil {
			return fmt.Errorf("cannot read the note from standard input: %w", err)
		}
		if len(b) > model.MaxNoteBytes {
			return fmt.Errorf("the note on standard input is over the limit of %d bytes (1 MiB); nothing was saved: split it or save a summary", model.MaxNoteBytes)
		}
		text = string(b)
	}
	if err := model.CheckNoteSize(len(text)); err != nil {
		return err
	}
	in, follows, err := f.build(strings.TrimSpace(model.CleanText(text)), now)
	if err != nil {
		return err
	}
	s, err := a.store()
	if err != nil {
		return err
	}
	if err := nameRunsOn(s, query, next); err != nil {
		return err
	}
	c, err := s.Resolve(query)
	if err != nil {
		return err
	}
	in.ContactID = c.ID
	if thanks, ok := model.ThankYou(in); ok && !f.noThanks {
		follows = append(follows, &thanks)
	}
	shared := make([]uint64, len(f.shared))
	for i, id := range f.shared {
		shared[i] = uint64(id)
	}
	closed, err := s.LogTouch(&in, follows, nil, shared)
	if err != nil {
		return err
	}
	today := model.DateOf(now)
	printf(a.out, "Logged %s with %s (#%d), note %d.", string(in.Kind), c.Name, c.ID, in.ID)
	printClosed(a.out, closed)
	for _, fu := range follows {
		when := longDay(fu.Due)
		if fu.DueTime != "" {
			when += " " + fu.DueTime
		}
		printf(a.out, "Follow-up #%d due %s (%s): %s", fu.ID, when, relDay(fu.Due, today), fu.Text)
	}
	return nil
}

// build checks every flag before anything is written.
func (f logFlags) build(text string, now time.Time) (model.Interaction, []*model.FollowUp, error) {
	in := model.Interaction{Text: text, At: now, Inbound: f.inbound, Gave: strings.TrimSpace(model.CleanLine(f.gave))}
	kind, err := model.ParseKind(f.kind)
	if err != nil {
		return in, nil, usagef("--kind: %v", err)
	}
	in.Kind = kind
	if in.Topics, err = topicList(f.topics); err != nil {
		return in, nil, err
	}
	if err := in.Validate(); err != nil {
		return in, nil, usageError{err}
	}
	var follows []*model.FollowUp
	for _, spec := range f.followUps {
		fu, err := model.ParseFollowUp(spec, model.DateOf(now))
		if err != nil {
			return in, nil, usagef("--follow-up: %v", err)
		}
		fu.Text = model.CleanLine(fu.Text)
		fu.TheyOwe = f.theyOwe
		follows = append(follows, &fu)
	}
	return in, follows, nil
}

// nameRunsOn refuses a QUERY whose next word starts a further word of a
// matching contact's name: `rapport log Bartholomew Maximilian "Quick
// call"` must not log "Maximilian Quick call" to Bartholomew Someone.
func nameRunsOn(s *store.Store, query, next string) error {
	if next == "" || strings.HasPrefix(strings.TrimSpace(query), "#") {
		return nil
	}
	longer := query + " " + next
	cands, err := s.Matches(longer)
	if err != nil {
		return err
	}
	word := model.Fold(next)
	for _, c := range cands {
		for _, w := range strings.Fields(c.Folded) {
			if word != "" && strings.HasPrefix(w, word) {
				return usagef("%q could be part of the name (%s, #%d): quote the name and the text, e.g. rapport log %q %q",
					next, model.CleanLine(c.Name), c.ID, longer, "...")
			}
		}
	}
	return nil
}

// printClosed says which thank-you follow-ups a card or thank-you closed.
func printClosed(w io.Writer, closed []model.FollowUp) {
	for _, fu := range closed {
		late := "on time"
		if !fu.KeptOnTime() {
			late = "late"
		}
		printf(w, "Done: follow-up #%d %q (%s).", fu.ID, fu.Text, late)
	}
}
