package model

import (
	"fmt"
	"strings"
	"unicode"
)

// The one-line form of an address, for flags and form fields:
//
//	LABEL: street; locality; region; postal code; country
//
// The label and the trailing parts may be left out ("1 Main St; Springfield");
// a part may be empty ("home: 1 Main St; Springfield; ; 62701; USA"). A
// street of several lines separates them with " / ".

// streetSep joins street lines in the one-line form.
const streetSep = " / "

// ParseAddress reads the one-line form.
func ParseAddress(s string) (Address, error) {
	s = strings.TrimSpace(CleanLine(s))
	var a Address
	if label, rest, ok := strings.Cut(s, ":"); ok && isAddressLabel(label) {
		a.Label, s = strings.ToLower(strings.TrimSpace(label)), rest
	}
	parts := strings.Split(s, ";")
	if len(parts) > 5 {
		return Address{}, fmt.Errorf("%q has %d parts; an address has at most 5: street; locality; region; postal code; country", s, len(parts))
	}
	for len(parts) < 5 {
		parts = append(parts, "")
	}
	var street []string
	for _, l := range strings.Split(parts[0], strings.TrimSpace(streetSep)) {
		if l = strings.TrimSpace(l); l != "" {
			street = append(street, l)
		}
	}
	a.Street = strings.Join(street, "\n")
	a.Locality = strings.TrimSpace(parts[1])
	a.Region = strings.TrimSpace(parts[2])
	a.PostalCode = strings.TrimSpace(parts[3])
	a.Country = strings.TrimSpace(parts[4])
	if a.IsZero() {
		return Address{}, fmt.Errorf(`%q is not an address (write "LABEL: street; locality; region; postal code; country")`, s)
	}
	return a, nil
}

// isAddressLabel tells a label ("work", "summer house") from a street that
// holds a colon: a label is short and has no digits.
func isAddressLabel(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 24 || strings.Contains(s, ";") {
		return false
	}
	return !strings.ContainsFunc(s, unicode.IsDigit)
}

// String is the one-line form, which ParseAddress reads back.
func (a Address) String() string {
	var street []string
	for _, l := range strings.Split(a.Street, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			street = append(street, l)
		}
	}
	parts := []string{strings.Join(street, streetSep), a.Locality, a.Region, a.PostalCode, a.Country}
	for len(parts) > 1 && strings.TrimSpace(parts[len(parts)-1]) == "" {
		parts = parts[:len(parts)-1]
	}
	out := strings.Join(parts, "; ")
	if a.Label != "" {
		out = a.Label + ": " + out
	}
	return out
}
