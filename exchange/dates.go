package exchange

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"rapport/model"
)

// appleNoYear is the year Apple Contacts writes for a date without one
// (1604-04-15, usually with X-APPLE-OMIT-YEAR=1604).
const appleNoYear = 1604

// ParseCardDate normalises the date forms found in vCards and contact CSVs
// to a model.Date, with year 0 for "year unknown":
//
//	--0415  --04-15         vCard 4.0 / Google, no year
//	1604-04-15  16040415    Apple, no year (omitYear names the year to drop)
//	0000-04-15              others, no year
//	1985-04-15  19850415    with a year; a time part (T...) is ignored
//
// omitYear is the value of an X-APPLE-OMIT-YEAR parameter, or "".
func ParseCardDate(s, omitYear string) (model.Date, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("%q is not a date", s)
	if t, _, ok := strings.Cut(s, "T"); ok {
		s = t
	}
	noYear := strings.HasPrefix(s, "--")
	digits := strings.ReplaceAll(strings.TrimPrefix(s, "--"), "-", "")
	if len(digits) > 8 || !allDigits(digits) {
		return model.Date{}, bad
	}
	var y, m, d int
	switch {
	case noYear && len(digits) == 4:
		m, d = atoi(digits[0:2]), atoi(digits[2:4])
	case !noYear && len(digits) == 8 && dashesFit(s):
		y, m, d = atoi(digits[0:4]), atoi(digits[4:6]), atoi(digits[6:8])
	default:
		return model.Date{}, bad
	}
	if y == 0 || y == appleNoYear || strconv.Itoa(y) == strings.TrimLeft(strings.TrimSpace(omitYear), "0") {
		y = 0
	}
	date, err := model.NewDate(y, time.Month(m), d)
	if err != nil {
		return model.Date{}, fmt.Errorf("%q is not a date: %v", s, err)
	}
	return date, nil
}

// dashesFit accepts YYYYMMDD and YYYY-MM-DD but not stray dashes (19-850415).
func dashesFit(s string) bool {
	if !strings.Contains(s, "-") {
		return true
	}
	return len(s) == 10 && s[4] == '-' && s[7] == '-'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// cardDate writes a date the way vCard 4.0 wants it (RFC 6350 4.3.1, basic
// format): 19850415, or --0415 without a year.
func cardDate(d model.Date) string {
	if !d.HasYear() {
		return fmt.Sprintf("--%02d%02d", int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}
