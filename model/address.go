package model

import "strings"

// Address is a structured postal address, as vCard's ADR carries it, so a
// thank-you or holiday card can be addressed straight from the book.
type Address struct {
	Label      string `json:"label,omitempty"` // work, home, or as typed
	Street     string `json:"street,omitempty"`
	Locality   string `json:"locality,omitempty"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"`
}

// IsZero reports whether the address has no part at all.
func (a Address) IsZero() bool {
	return strings.TrimSpace(a.Street+a.Locality+a.Region+a.PostalCode+a.Country) == ""
}

// Lines gives the address as it goes on an envelope: street lines, then
// "postal code locality region", then the country; empty parts are left out.
func (a Address) Lines() []string {
	var out []string
	for _, l := range strings.Split(a.Street, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	city := strings.Join(strings.Fields(a.PostalCode+" "+a.Locality+" "+a.Region), " ")
	if city != "" {
		out = append(out, city)
	}
	if c := strings.TrimSpace(a.Country); c != "" {
		out = append(out, c)
	}
	return out
}
