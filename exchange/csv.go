package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// csvRow is one CSV record and the line it starts on.
type csvRow struct {
	line   int
	fields []string
}

// readCSV reads every row, tolerating what real exports do: a BOM, rows of
// different lengths, stray quotes. A row encoding/csv cannot read is
// reported and skipped; the rest are read.
func readCSV(text []byte, file string) ([]csvRow, []Problem) {
	r := csv.NewReader(bytes.NewReader(decodeFile(text)))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows []csvRow
	var probs []Problem
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			probs = append(probs, Problem{File: file, Line: pe.StartLine, Msg: "row skipped: " + pe.Err.Error(), Skipped: true})
			continue
		}
		if err != nil {
			probs = append(probs, Problem{File: file, Msg: "cannot read the rest of the file: " + err.Error()})
			break
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, csvRow{line, rec})
	}
	return rows, probs
}

// header maps a CSV header's column names to their positions.
type header map[string]int

func newHeader(fields []string) header {
	h := header{}
	for i, f := range fields {
		f = strings.TrimSpace(f)
		if _, dup := h[f]; !dup {
			h[f] = i
		}
	}
	return h
}

// get reads a row's cell in the named column ("" when absent).
func (h header) get(row []string, name string) string {
	i, ok := h[name]
	if !ok || i >= len(row) {
		return ""
	}
	return unneutralise(strings.TrimSpace(row[i]))
}

// first reads the first of several column names that has a value.
func (h header) first(row []string, names ...string) string {
	for _, n := range names {
		if v := h.get(row, n); v != "" {
			return v
		}
	}
	return ""
}

// neutralise stops a spreadsheet from running a cell as a formula: a cell
// that starts with = + - @ (or a tab or carriage return) gets a leading
// apostrophe. A title "-2+3" or a date "--12-10" is neutralised too:
// spreadsheets compute both.
func neutralise(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	return "'" + s
}

// neutralisePhone is neutralise for a phone column: a phone number such as
// "+1 555 0100" is left alone there, since the apostrophe would end up in
// the number when Google imports it.
func neutralisePhone(s string) string {
	if isPhoneLike(s) {
		return s
	}
	return neutralise(s)
}

// unneutralise undoes neutralise when reading a CSV back.
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// isPhoneLike: digits, spaces and ()./- with at most a leading plus, so
// "+1 555 0100" is a phone number and "+2+3" or "-2" is not.
func isPhoneLike(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '+' && i == 0:
		case c == '-' && i == 0:
			return false
		case strings.IndexByte(" ()./-", c) >= 0:
		default:
			return false
		}
	}
	return digits > 0
}

// splitMulti splits Google's multi-value cells ("a ::: b").
func splitMulti(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ":::") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
