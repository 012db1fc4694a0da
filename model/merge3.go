package model

import "slices"

// Fields is a record flattened to named values for a three-way merge: a
// single value is a one-element list, an empty field has none.
type Fields map[string][]string

// FieldConflict is a field both sides changed to different values: the
// merge keeps Theirs (the server's) and reports Mine (the rep's), so
// nothing is lost without a trace.
type FieldConflict struct {
	Field  string   `json:"field"`
	Mine   []string `json:"mine"`
	Theirs []string `json:"theirs"`
}

// Merge3 merges two edits of one record against the version both started
// from, field by field. A field changed on one side takes that side's
// value. A field changed on both sides to different values is a conflict,
// except for the fields named in lists, which are sets: additions from
// both sides are kept and removals from either side apply.
func Merge3(base, mine, theirs Fields, lists []string) (Fields, []FieldConflict) {
	merged := Fields{}
	var conflicts []FieldConflict
	for _, f := range fieldNames(base, mine, theirs) {
		b, m, t := base[f], mine[f], theirs[f]
		var v []string
		switch {
		case slices.Equal(m, t), slices.Equal(t, b):
			v = m
		case slices.Equal(m, b):
			v = t
		case slices.Contains(lists, f):
			v = mergeSet(b, m, t)
		default:
			v = t
			conflicts = append(conflicts, FieldConflict{Field: f, Mine: m, Theirs: t})
		}
		if len(v) > 0 {
			merged[f] = v
		}
	}
	return merged, conflicts
}

// mergeSet is theirs without what mine removed from base, then what mine
// added that theirs lacks, in mine's order.
func mergeSet(base, mine, theirs []string) []string {
	var out []string
	for _, v := range theirs {
		if slices.Contains(base, v) && !slices.Contains(mine, v) {
			continue
		}
		out = append(out, v)
	}
	for _, v := range mine {
		if !slices.Contains(base, v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// First is the field's first value, "" when it has none.
func (f Fields) First(k string) string {
	if len(f[k]) == 0 {
		return ""
	}
	return f[k][0]
}

// Equal reports whether two field sets hold the same values.
func (f Fields) Equal(g Fields) bool {
	for _, k := range fieldNames(f, g) {
		if !slices.Equal(f[k], g[k]) {
			return false
		}
	}
	return true
}

// fieldNames lists every field any of the sets has, sorted.
func fieldNames(sets ...Fields) []string {
	var names []string
	for _, s := range sets {
		for k := range s {
			if !slices.Contains(names, k) {
				names = append(names, k)
			}
		}
	}
	slices.Sort(names)
	return names
}
