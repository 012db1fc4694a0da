package store

import "rapport/model"

// Brief picks from a contact's detail what matters for the next call.
func (d Detail) Brief(today model.Date) model.Brief {
	in := model.BriefInput{Contact: d.Contact, Notes: d.Notes, FollowUps: d.FollowUps,
		Questions: d.Questions, Shares: d.Shares}
	if d.ReferredBy != nil {
		in.ReferredBy = &model.Ref{ID: d.ReferredBy.ID, Name: d.ReferredBy.Name}
	}
	for _, r := range d.Referrals {
		in.Referred = append(in.Referred, model.Ref{ID: r.ID, Name: r.Name})
	}
	return model.BuildBrief(in, today)
}
