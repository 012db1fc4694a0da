package model

// GoodFollowThrough is the follow-through rate, in percent, from which a
// customer has seen the rep keep their word often enough to be asked for
// a referral.
const GoodFollowThrough = 80

// ReferralCandidate reports whether a contact is one to ask for a
// referral on today: a customer who granted a meeting in the last 90
// days, whose promises (if any fell due) were kept at a good rate, and
// who has never referred anyone.
func ReferralCandidate(c Contact, f Figures, hasReferred bool) bool {
	if c.Stage != Customer || hasReferred || f.Meetings == 0 {
		return false
	}
	return f.FollowThrough == nil || *f.FollowThrough >= GoodFollowThrough
}
