package cli

import (
	"cmp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

// referralsJSON is the documented shape of `rapport referrals --json`.
type referralsJSON struct {
	Received   []receivedJSON  `json:"received"`
	Candidates []candidateJSON `json:"candidates"`
}

type receivedJSON struct {
	Referrer refJSON   `json:"referrer"`
	Referred []refJSON `json:"referred"`
}

type candidateJSON struct {
	refJSON
	Meetings      int        `json:"meetings_90d"`
	FollowThrough *int       `json:"follow_through_pct"`
	LastTouch     model.Date `json:"last_touch,omitzero"`
}

func newReferralsCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "referrals",
		Short: "Referrals received per referrer, and customers to ask for one",
		Long: "Lists who referred whom (most referrals first), then the customers to ask: those who granted a meeting in the\n" +
			"last 90 days, whose promises fell due were kept at least 80% on time (or none fell due), and who never referred anyone.",
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			groups, asks, err := s.Referrals(model.DateOf(now))
			if err != nil {
				return err
			}
			out := referralsOf(groups, asks)
			if asJSON {
				return writeJSON(a.out, out)
			}
			printReferrals(a, out)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (documented in the README)")
	return cmd
}

func referralsOf(groups []store.ReferralGroup, asks []store.ReferralCandidate) referralsJSON {
	out := referralsJSON{Received: []receivedJSON{}, Candidates: []candidateJSON{}}
	for _, g := range groups {
		r := receivedJSON{Referrer: refJSON{g.Referrer.ID, g.Referrer.Name}}
		for _, e := range g.Referred {
			r.Referred = append(r.Referred, refJSON{e.ID, e.Name})
		}
		out.Received = append(out.Received, r)
	}
	slices.SortStableFunc(out.Received, func(x, y receivedJSON) int {
		return cmp.Or(cmp.Compare(len(y.Referred), len(x.Referred)), strings.Compare(x.Referrer.Name, y.Referrer.Name))
	})
	for _, c := range asks {
		out.Candidates = append(out.Candidates, candidateJSON{refJSON{c.Contact.ID, c.Contact.Name}, c.Figures.Meetings, c.Figures.FollowThrough, c.Figures.LastTouch})
	}
	slices.SortStableFunc(out.Candidates, func(x, y candidateJSON) int {
		return cmp.Or(cmp.Compare(y.Meetings, x.Meetings), strings.Compare(x.Name, y.Name))
	})
	return out
}

func printReferrals(a *app, r referralsJSON) {
	if len(r.Received) == 0 {
		printf(a.out, "No referrals received yet.")
	} else {
		printf(a.out, "Referrals received")
	}
	for _, g := range r.Received {
		var names []string
		for _, e := range g.Referred {
			names = append(names, model.CleanLine(e.Name))
		}
		printf(a.out, "  %s  %d  %s", pad(g.Referrer.Name, 24), len(g.Referred), strings.Join(names, ", "))
	}
	if len(r.Candidates) == 0 {
		printf(a.out, "\nNo customer to ask right now (a meeting in the last 90 days, good follow-through, no referral yet).")
		return
	}
	printf(a.out, "\nAsk for a referral")
	for _, c := range r.Candidates {
		ft := "no promise due"
		if c.FollowThrough != nil {
			ft = "follow-through " + itoa(*c.FollowThrough) + "%"
		}
		printf(a.out, "  %s  %s, %s", pad(c.Name, 24), plural(c.Meetings, "meeting", "meetings"), ft)
	}
}
