package model

// Bundle is one contact with everything recorded about them: the unit of
// bulk writes (sample data, JSON backup and restore).
type Bundle struct {
	Contact   Contact       `json:"contact"`
	Notes     []Interaction `json:"notes"`
	FollowUps []FollowUp    `json:"follow_ups"`
	Questions []Question    `json:"questions"`
	Shares    []Share       `json:"shares"`
}
