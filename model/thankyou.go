package model

import "strings"

// thankYouText is the text of the follow-up a meeting earns (ThankYouText
// gives it to other packages).
const thankYouText = "Send a thank-you note"

// ThankYouText is the description of the follow-up a meeting earns.
func ThankYouText() string { return thankYouText }

// IsThankYou reports whether a follow-up is the thank-you a meeting earned.
func (f FollowUp) IsThankYou() bool { return !f.TheyOwe && f.Text == thankYouText }

// thankWords are the spellings that make a touch a thank-you.
var thankWords = []string{"thank", "merci", "danke"}

// SaysThanks reports whether an interaction is a thank-you: any card, or
// an email, message or call whose text says thank you (or thanks). A
// meeting never is (it earns the thank-you rather than paying it), and
// neither is a plain note, which the customer never sees.
func SaysThanks(in Interaction) bool {
	switch in.Kind {
	case Card:
		return true
	case Meeting, Note:
		return false
	}
	return IsThankYouText(in.Text)
}

// IsThankYouText reports whether a card's text names it a thank-you, so a
// thank-you card after a meeting is not mistaken for the holiday card.
func IsThankYouText(text string) bool {
	text = strings.ToLower(text)
	for _, w := range thankWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}
