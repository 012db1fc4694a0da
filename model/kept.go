package model

import "strings"

// KeptText shows a kept vCard property to a person: "X-MS-SPOUSE: Anna",
// without its group or parameters, escapes undone, cleaned for the screen.
func KeptText(line string) string {
	head, value, _ := strings.Cut(line, ":")
	name, _, _ := strings.Cut(head, ";")
	if _, n, ok := strings.Cut(name, "."); ok {
		name = n
	}
	value = strings.NewReplacer(`\n`, " ", `\N`, " ", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(value)
	return CleanLine(strings.ToUpper(name) + ": " + strings.TrimSpace(value))
}
