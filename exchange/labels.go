package exchange

import (
	"encoding/csv"
	"io"
	"strings"

	"rapport/model"
)

// LabelRow is one envelope of a card mail merge.
type LabelRow struct {
	Name    string
	Company string
	Address model.Address
}

// labelLines is how many envelope lines the mail-merge file gives; longer
// addresses fold their extra lines into the last.
const labelLines = 4

// WriteLabels writes a mail-merge CSV for label printing: the name, the
// company, the address as envelope lines and as its parts. Every cell is
// cleaned and guarded against formula injection.
func WriteLabels(w io.Writer, rows []LabelRow) error {
	out := csv.NewWriter(w)
	header := []string{"name", "company", "line1", "line2", "line3", "line4",
		"label", "street", "locality", "region", "postal_code", "country"}
	if err := out.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		a := r.Address
		lines := make([]string, labelLines)
		for i, l := range a.Lines() {
			if i >= labelLines {
				lines[labelLines-1] += ", " + l
				continue
			}
			lines[i] = l
		}
		rec := append([]string{r.Name, r.Company}, lines...)
		rec = append(rec, a.Label, strings.ReplaceAll(a.Street, "\n", ", "), a.Locality, a.Region, a.PostalCode, a.Country)
		for i := range rec {
			rec[i] = neutralise(model.CleanLine(rec[i]))
		}
		if err := out.Write(rec); err != nil {
			return err
		}
	}
	out.Flush()
	return out.Error()
}
