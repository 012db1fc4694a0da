package model

import (
	"fmt"
	"strings"
	"unicode"
)

// ParseWebAddress checks a web address a rep typed: "linkedin.com/in/ada",
// or one starting http:// or https://. Any other scheme ("javascript:",
// "file:") is refused: the address is shown and exported, and some
// terminals and address books open it on a click.
func ParseWebAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return "", fmt.Errorf("%q is not a web address (one word, such as https://example.com/ada)", s)
	}
	lower := strings.ToLower(s)
	scheme, _, hasScheme := strings.Cut(lower, ":")
	if hasScheme && !strings.Contains(scheme, "/") && !strings.Contains(scheme, ".") &&
		!strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return "", fmt.Errorf("%q is not a web address: only http:// and https:// addresses are kept", s)
	}
	return s, nil
}
