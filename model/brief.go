package model

import "slices"

// BriefTopicWindow is how far back the brief looks for problems,
// opportunities and strategies, in days.
const BriefTopicWindow = 180

// BriefMomentWindow is how far ahead the brief looks for moments, in days.
const BriefMomentWindow = 30

// Ref names another contact.
type Ref struct {
	ID   uint64 `json:"id"`
	Name string `json:"name"`
}

// Brief is everything for the next call with one contact: `rapport brief`
// and the TUI's brief screen.
type Brief struct {
	Contact     Contact       `json:"contact"`
	YouOwe      []FollowUp    `json:"you_owe"`
	TheyOwe     []FollowUp    `json:"they_owe"`
	Questions   []Question    `json:"questions"`
	Shares      []Share       `json:"shares"`
	LastTouches []Interaction `json:"last_touches"`
	Topics      []Interaction `json:"topics_180d"` // notes marked problem, opportunity or strategy, newest first
	Figures     Figures       `json:"figures"`
	Moments     []MomentItem  `json:"moments_30d"`
	ReferredBy  *Ref          `json:"referred_by"`
	Referred    []Ref         `json:"referred"`
}

// BriefInput is what a brief is built from: a contact and all recorded
// about them, notes newest first.
type BriefInput struct {
	Contact    Contact
	Notes      []Interaction
	FollowUps  []FollowUp
	Questions  []Question
	Shares     []Share
	ReferredBy *Ref
	Referred   []Ref
}

// BuildBrief picks what matters for the next call on today: open promises
// both ways (soonest first), open questions and shares, the last three
// touches, the topic notes of the last 180 days, the figures, and the
// moments of the next 30 days.
func BuildBrief(in BriefInput, today Date) Brief {
	b := Brief{Contact: in.Contact, ReferredBy: in.ReferredBy, Referred: in.Referred,
		YouOwe: []FollowUp{}, TheyOwe: []FollowUp{}, Questions: []Question{}, Shares: []Share{},
		LastTouches: []Interaction{}, Topics: []Interaction{}}
	if b.Referred == nil {
		b.Referred = []Ref{}
	}
	for _, f := range in.FollowUps {
		switch {
		case !f.Open():
		case f.TheyOwe:
			b.TheyOwe = append(b.TheyOwe, f)
		default:
			b.YouOwe = append(b.YouOwe, f)
		}
	}
	byDue := func(x, y FollowUp) int { return x.Due.Compare(y.Due) }
	slices.SortStableFunc(b.YouOwe, byDue)
	slices.SortStableFunc(b.TheyOwe, byDue)
	for _, q := range in.Questions {
		if q.Open() {
			b.Questions = append(b.Questions, q)
		}
	}
	for _, s := range in.Shares {
		if s.Open() {
			b.Shares = append(b.Shares, s)
		}
	}
	since := today.AddDays(-BriefTopicWindow)
	for _, n := range in.Notes {
		if n.Kind.IsTouch() && len(b.LastTouches) < 3 {
			b.LastTouches = append(b.LastTouches, n)
		}
		if len(n.Topics) > 0 && !DateOf(n.At).Before(since) {
			b.Topics = append(b.Topics, n)
		}
	}
	b.Figures = ComputeFigures(today, in.Notes, in.FollowUps)
	b.Moments = UpcomingMoments(in.Contact, today, BriefMomentWindow)
	slices.SortStableFunc(b.Moments, func(x, y MomentItem) int { return x.InDays - y.InDays })
	if b.Moments == nil {
		b.Moments = []MomentItem{}
	}
	return b
}
