package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

// Notes, follow-ups and questions are corrected through one command shape:
// rapport note|followup|question edit|delete ID. IDs come from rapport show
// (and rapport today for follow-ups).

func newReopenCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "reopen ID",
		Short: "Open a done follow-up again",
		Args:  exactArgs(1, "the ID of a follow-up (rapport show lists them)"),
		RunE:  func(cmd *cobra.Command, args []string) error { return a.reopen(args[0]) },
	}
}

func (a *app) reopen(arg string) error {
	id, err := recordID(arg, "follow-up")
	if err != nil {
		return err
	}
	s, err := a.existingStore()
	if err != nil {
		return err
	}
	f, err := s.Reopen(id)
	if err != nil {
		return notFound("follow-up", id, err)
	}
	c, _ := s.Contact(f.ContactID)
	printf(a.out, "Reopened: #%d %s, %s (due %s).", f.ID, f.Text, c.Name, longDay(f.Due))
	return nil
}

func newNoteCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "note", Short: "Edit or delete a logged note (IDs from rapport show)", Args: noArgs}
	cmd.AddCommand(newNoteEditCmd(a), newDeleteRecordCmd(a, "note"))
	return cmd
}

func newFollowUpCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "followup", Aliases: []string{"follow-up"}, Short: "Edit, reopen or delete a follow-up", Args: noArgs}
	reopen := newReopenCmd(a)
	cmd.AddCommand(newFollowUpEditCmd(a), newDeleteRecordCmd(a, "follow-up"), reopen)
	return cmd
}

func newQuestionCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "question", Short: `Edit or delete a "next time ask" question`, Args: noArgs}
	edit := &cobra.Command{
		Use:   "edit ID TEXT",
		Short: "Change a question's text",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("question edit takes the ID of a question and its new TEXT")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := recordID(args[0], "question")
			if err != nil {
				return err
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			q, err := s.EditQuestion(id, model.CleanLine(strings.Join(args[1:], " ")))
			if err != nil {
				return notFound("question", id, err)
			}
			printf(a.out, "Question #%d now reads: %s", q.ID, q.Text)
			return nil
		},
	}
	cmd.AddCommand(edit, newDeleteRecordCmd(a, "question"))
	return cmd
}

type noteEdit struct {
	text, kind, at, contact string
	inbound, outbound       bool
	topics                  []string
}

func newNoteEditCmd(a *app) *cobra.Command {
	var f noteEdit
	cmd := &cobra.Command{
		Use:     "edit ID",
		Short:   "Change a note's text, kind, direction, topics, time or contact",
		Example: `  rapport note edit 42 --kind meeting --at "2026-11-20 15:00" --contact "ada lovelace"`,
		Args:    exactArgs(1, "the ID of a note (rapport show lists them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := recordID(args[0], "note")
			if err != nil {
				return err
			}
			change, err := f.build(cmd)
			if err != nil {
				return err
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			var to *model.Contact
			if f.contact != "" {
				c, err := s.Resolve(f.contact)
				if err != nil {
					return err
				}
				to = &c
			}
			in, err := s.EditNote(id, func(in *model.Interaction) {
				change(in)
				if to != nil {
					in.ContactID = to.ID
				}
			})
			if err != nil {
				return notFound("note", id, err)
			}
			c, _ := s.Contact(in.ContactID)
			printf(a.out, "Note %d: %s with %s, %s.", in.ID, string(in.Kind), c.Name, in.At.Format("2006-01-02 15:04"))
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.text, "text", "", `the new text ("-" reads standard input)`)
	fs.StringVar(&f.kind, "kind", "", "call, meeting, email, message, note or card")
	fs.BoolVar(&f.inbound, "inbound", false, "they reached out")
	fs.BoolVar(&f.outbound, "outbound", false, "you reached out")
	fs.StringArrayVar(&f.topics, "topic", nil, `problem, opportunity or strategy (repeat; replaces the list; "" clears it)`)
	fs.StringVar(&f.at, "at", "", `when it happened: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"`)
	fs.StringVar(&f.contact, "contact", "", "file the note under this contact instead (QUERY)")
	return cmd
}

// build checks every flag before anything is read or written, and returns
// the change to apply.
func (f noteEdit) build(cmd *cobra.Command) (func(*model.Interaction), error) {
	var steps []func(*model.Interaction)
	set := cmd.Flags().Changed
	if set("text") {
		text := f.text
		if text == "-" {
			b, err := io.ReadAll(io.LimitReader(os.Stdin, 1<<20))
			if err != nil {
				return nil, err
			}
			text = string(b)
		}
		text = strings.TrimSpace(model.CleanText(text))
		if text == "" {
			return nil, usagef("--text: a note needs some text")
		}
		steps = append(steps, func(in *model.Interaction) { in.Text = text })
	}
	if set("kind") {
		kind, err := model.ParseKind(f.kind)
		if err != nil {
			return nil, usagef("--kind: %v", err)
		}
		steps = append(steps, func(in *model.Interaction) { in.Kind = kind })
	}
	if f.inbound && f.outbound {
		return nil, usagef("--inbound and --outbound contradict each other")
	}
	if set("inbound") || set("outbound") {
		inbound := f.inbound
		steps = append(steps, func(in *model.Interaction) { in.Inbound = inbound })
	}
	if set("topic") {
		topics, err := topicList(f.topics)
		if err != nil {
			return nil, err
		}
		steps = append(steps, func(in *model.Interaction) { in.Topics = topics })
	}
	if set("at") {
		at, err := parseAt(f.at)
		if err != nil {
			return nil, err
		}
		steps = append(steps, func(in *model.Interaction) { in.At = at })
	}
	if len(steps) == 0 && !set("contact") {
		return nil, usagef("note edit needs something to change: --text, --kind, --inbound/--outbound, --topic, --at or --contact")
	}
	return func(in *model.Interaction) {
		for _, step := range steps {
			step(in)
		}
	}, nil
}

func topicList(specs []string) ([]model.Topic, error) {
	var out []model.Topic
	for _, s := range specs {
		if strings.TrimSpace(s) == "" {
			continue
		}
		t, err := model.ParseTopic(s)
		if err != nil {
			return nil, usagef("--topic: %v", err)
		}
		if !(model.Interaction{Topics: out}).HasTopic(t) {
			out = append(out, t)
		}
	}
	return out, nil
}

func parseAt(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), time.Local); err == nil {
			if t.Year() < 1900 || t.Year() > 9999 {
				break
			}
			return t, nil
		}
	}
	return time.Time{}, usagef(`--at takes "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", not %q`, s)
}

type followUpEdit struct {
	text, due     string
	theyOwe, iOwe bool
}

func newFollowUpEditCmd(a *app) *cobra.Command {
	var f followUpEdit
	cmd := &cobra.Command{
		Use:     "edit ID",
		Short:   "Change a follow-up's text, due date or direction",
		Long:    "Change a follow-up. WHEN in --due accepts: " + model.DueForms + ".",
		Example: `  rapport followup edit 12 --text "Send the revised pricing" --due "next tue"`,
		Args:    exactArgs(1, "the ID of a follow-up (rapport today and rapport show list them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := recordID(args[0], "follow-up")
			if err != nil {
				return err
			}
			change, err := f.build(cmd, a)
			if err != nil {
				return err
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			fu, err := s.EditFollowUp(id, change)
			if err != nil {
				return notFound("follow-up", id, err)
			}
			c, _ := s.Contact(fu.ContactID)
			who := "you owe"
			if fu.TheyOwe {
				who = "they owe"
			}
			printf(a.out, "Follow-up #%d for %s (%s), due %s: %s", fu.ID, c.Name, who, longDay(fu.Due), fu.Text)
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.text, "text", "", "the new description")
	fs.StringVar(&f.due, "due", "", "the new due date (WHEN)")
	fs.BoolVar(&f.theyOwe, "they-owe", false, "it is what they owe you")
	fs.BoolVar(&f.iOwe, "i-owe", false, "it is what you promised")
	return cmd
}

func (f followUpEdit) build(cmd *cobra.Command, a *app) (func(*model.FollowUp), error) {
	var steps []func(*model.FollowUp)
	set := cmd.Flags().Changed
	if set("text") {
		text := strings.TrimSpace(model.CleanLine(f.text))
		if text == "" {
			return nil, usagef("--text: a follow-up needs a description")
		}
		steps = append(steps, func(fu *model.FollowUp) { fu.Text = text })
	}
	if set("due") {
		today, err := a.todayDate()
		if err != nil {
			return nil, err
		}
		due, err := model.ParseDue(f.due, today)
		if err != nil {
			return nil, usageError{err}
		}
		if due.Before(today) {
			return nil, usagef("%s is in the past; a promise is due today or later", longDay(due))
		}
		steps = append(steps, func(fu *model.FollowUp) { fu.Due = due })
	}
	if f.theyOwe && f.iOwe {
		return nil, usagef("--they-owe and --i-owe contradict each other")
	}
	if set("they-owe") || set("i-owe") {
		theyOwe := f.theyOwe
		steps = append(steps, func(fu *model.FollowUp) { fu.TheyOwe = theyOwe })
	}
	if len(steps) == 0 {
		return nil, usagef("followup edit needs something to change: --text, --due, --they-owe or --i-owe")
	}
	return func(fu *model.FollowUp) {
		for _, step := range steps {
			step(fu)
		}
	}, nil
}

// newDeleteRecordCmd is `delete ID` for a note, follow-up or question.
func newDeleteRecordCmd(a *app, noun string) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a " + noun + " (rapport undo brings it back)",
		Args:  exactArgs(1, "the ID of a "+noun),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := recordID(args[0], noun)
			if err != nil {
				return err
			}
			s, err := a.existingStore()
			if err != nil {
				return err
			}
			what, err := a.describeRecord(noun, id)
			if err != nil {
				return err
			}
			if err := a.confirm(yes, "Delete %s?", what); err != nil {
				return err
			}
			switch noun {
			case "note":
				_, _, err = s.DeleteNote(id)
			case "follow-up":
				_, _, err = s.DeleteFollowUp(id)
			default:
				_, _, err = s.DeleteQuestion(id)
			}
			if err != nil {
				return err
			}
			printf(a.out, "Deleted %s (rapport undo brings it back).", what)
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask (needed when not run from a terminal)")
	return cmd
}

// describeRecord names a record for a question and a message, and fails
// with a sentence when there is no such record.
func (a *app) describeRecord(noun string, id uint64) (string, error) {
	s := a.db
	var contactID uint64
	var text string
	var err error
	switch noun {
	case "note":
		var in model.Interaction
		in, err = s.Note(id)
		contactID, text = in.ContactID, string(in.Kind)+" note \""+model.Shorten(in.Text, 40)+"\""
	case "follow-up":
		var f model.FollowUp
		f, err = s.FollowUp(id)
		contactID, text = f.ContactID, "follow-up '"+f.Text+"'"
	default:
		var q model.Question
		q, err = s.Question(id)
		contactID, text = q.ContactID, "question '"+q.Text+"'"
	}
	if err != nil {
		return "", notFound(noun, id, err)
	}
	c, _ := s.Contact(contactID)
	return "the " + text + " (#" + strconv.FormatUint(id, 10) + ") for " + c.Name, nil
}

func recordID(s, noun string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usagef("%q is not a %s ID (a number, as rapport show lists them)", s, noun)
	}
	return id, nil
}

// notFound turns a missing record into a sentence a rep can act on.
func notFound(noun string, id uint64, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("there is no %s %d (deleted, or never there; rapport history lists recent changes)", noun, id)
	}
	return err
}
