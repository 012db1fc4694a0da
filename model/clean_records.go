package model

// Cleaned copies of records: every text field made safe for a terminal
// (CleanLine, or CleanText for multi-line notes) and every enumerated value
// in the spelling rapport writes. The store applies them on every write, so
// text from a TUI form, a paste, an import or a hand-edited backup is
// stored clean whichever door it came in by.

// Cleaned returns c with clean text and its canonical stage.
func (c Contact) Cleaned() Contact {
	c.UID, c.Name, c.Company, c.Title = CleanLine(c.UID), CleanLine(c.Name), CleanLine(c.Company), CleanLine(c.Title)
	c.HowWeMet, c.Matters = CleanText(c.HowWeMet), CleanText(c.Matters)
	c.Emails = cleanLines(c.Emails)
	c.Phones = cleanLines(c.Phones)
	c.Tags = cleanLines(c.Tags)
	if len(c.Moments) > 0 {
		moments := make([]Moment, len(c.Moments))
		for i, m := range c.Moments {
			m.Label = CleanLine(m.Label)
			moments[i] = m
		}
		c.Moments = moments
	}
	if len(c.Addresses) > 0 {
		addrs := make([]Address, len(c.Addresses))
		for i, a := range c.Addresses {
			a.Label, a.Street, a.Locality = CleanLine(a.Label), CleanText(a.Street), CleanLine(a.Locality)
			a.Region, a.PostalCode, a.Country = CleanLine(a.Region), CleanLine(a.PostalCode), CleanLine(a.Country)
			addrs[i] = a
		}
		c.Addresses = addrs
	}
	if st, err := ParseStage(string(c.Stage)); err == nil {
		c.Stage = st
	}
	return c
}

// Cleaned returns in with clean text and its canonical kind and topics.
func (in Interaction) Cleaned() Interaction {
	in.Text = CleanText(in.Text)
	if k, err := ParseKind(string(in.Kind)); err == nil {
		in.Kind = k
	}
	if len(in.Topics) > 0 {
		topics := make([]Topic, len(in.Topics))
		for i, t := range in.Topics {
			if p, err := ParseTopic(string(t)); err == nil {
				t = p
			}
			topics[i] = t
		}
		in.Topics = topics
	}
	return in
}

// Cleaned returns f with clean text.
func (f FollowUp) Cleaned() FollowUp {
	f.Text = CleanLine(f.Text)
	return f
}

// Cleaned returns s with clean text.
func (s Share) Cleaned() Share {
	s.Text = CleanLine(s.Text)
	return s
}

// Cleaned returns q with clean text.
func (q Question) Cleaned() Question {
	q.Text = CleanLine(q.Text)
	return q
}

func cleanLines(in []string) []string {
	if len(in) == 0 {
		return in
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = CleanLine(s)
	}
	return out
}
