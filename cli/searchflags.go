package cli

import (
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

// searchFlags are the filters search and topics share.
type searchFlags struct {
	topic, kind, since, until, contact string
	limit                              int
	asJSON                             bool
}

func (f *searchFlags) register(cmd *cobra.Command, withTopic bool) {
	if withTopic {
		cmd.Flags().StringVar(&f.topic, "topic", "", "only notes marked problem, opportunity or strategy")
	}
	cmd.Flags().StringVar(&f.kind, "kind", "", "only notes of this kind (call, meeting, email, message, note, card)")
	cmd.Flags().StringVar(&f.since, "since", "", "only notes from this day on: YYYY-MM-DD, or 90d, 12w, 6m, 1y ago")
	cmd.Flags().StringVar(&f.until, "until", "", "only notes up to this day, included: YYYY-MM-DD, or 30d ago")
	cmd.Flags().StringVar(&f.contact, "contact", "", "only notes of the contact this QUERY names")
	cmd.Flags().IntVar(&f.limit, "limit", 50, "at most this many notes, newest first (0 for all)")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print JSON (documented in the README)")
}

// options checks every flag and resolves --contact.
func (f searchFlags) options(a *app, text string) (store.SearchOptions, *store.Store, error) {
	o := store.SearchOptions{Query: model.ParseQuery(text), Limit: f.limit}
	var err error
	if o.Topic, err = topicFlag(f.topic); err != nil {
		return o, nil, err
	}
	if f.kind != "" {
		if o.Kind, err = model.ParseKind(f.kind); err != nil {
			return o, nil, usagef("--kind: %v", err)
		}
	}
	if f.limit < 0 {
		return o, nil, usagef("--limit takes 0 (all) or more, not %d", f.limit)
	}
	now, err := a.now()
	if err != nil {
		return o, nil, err
	}
	if o.Since, err = dayFlag("since", f.since, now, 0); err != nil {
		return o, nil, err
	}
	if o.Until, err = dayFlag("until", f.until, now, 1); err != nil {
		return o, nil, err
	}
	if !o.Since.IsZero() && !o.Until.IsZero() && !o.Since.Before(o.Until) {
		return o, nil, usagef("--since %s is after --until %s, so no note could match", f.since, f.until)
	}
	s, err := a.existingStore()
	if err != nil {
		return o, nil, err
	}
	if f.contact != "" {
		c, err := s.Resolve(f.contact)
		if err != nil {
			return o, nil, err
		}
		o.ContactID = c.ID
	}
	return o, s, nil
}

// dayFlag reads YYYY-MM-DD or an amount of time ago (90d, 12w, 6m, 1y) as
// the start of that day, plus extra days (1 makes --until include its day).
func dayFlag(name, s string, now time.Time, extra int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	var day time.Time
	if d, err := model.ParseDate(s); err == nil && d.HasYear() {
		day = time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.Local)
	} else if ago, ok := parseAgo(s); ok {
		day = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local).AddDate(-ago[0], -ago[1], -ago[2])
	} else {
		return time.Time{}, usagef("--%s takes a day as YYYY-MM-DD or a time ago such as 90d, 12w, 6m or 1y, not %q", name, s)
	}
	return day.AddDate(0, 0, extra), nil
}

// parseAgo reads 90d, 12w, 6m or 1y as years, months and days.
func parseAgo(s string) ([3]int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 2 {
		return [3]int{}, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 || n > 100_000 {
		return [3]int{}, false
	}
	switch s[len(s)-1] {
	case 'd':
		return [3]int{0, 0, n}, true
	case 'w':
		return [3]int{0, 0, 7 * n}, true
	case 'm':
		return [3]int{0, n, 0}, true
	case 'y':
		return [3]int{n, 0, 0}, true
	}
	return [3]int{}, false
}
