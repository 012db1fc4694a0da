package model

import "strings"

// KeptName is the property name of a kept vCard line, without its group
// or parameters: "X-MS-SPOUSE". The parameters go first, since a
// parameter value may hold a dot.
func KeptName(line string) string {
	head, _, _ := strings.Cut(line, ":")
	name, _, _ := strings.Cut(head, ";")
	if _, n, ok := strings.Cut(name, "."); ok {
		name = n
	}
	return strings.ToUpper(name)
}

// KeptText shows a kept vCard property to a person: "X-MS-SPOUSE: Anna",
// without its group or parameters, escapes undone, cleaned for the screen.
func KeptText(line string) string {
	_, value, _ := strings.Cut(line, ":")
	value = strings.NewReplacer(`\n`, " ", `\N`, " ", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(value)
	return CleanLine(KeptName(line) + ": " + strings.TrimSpace(value))
}
