package model

import "testing"

func TestParseWebAddress(t *testing.T) {
	for _, ok := range []string{"https://example.com/ada", "HTTP://x.org", "linkedin.com/in/ada", "example.com:8080/x", " www.example.com "} {
		if _, err := ParseWebAddress(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "javascript: nope", "javascript:alert(1)", "file:///etc/passwd", "two words.com", "mailto:a@b"} {
		if _, err := ParseWebAddress(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
