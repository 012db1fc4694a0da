package model

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// Conflict is a field where two records of one person disagree; a merge
// keeps Kept and reports Dropped.
type Conflict struct {
	Field   string `json:"field"`
	Kept    string `json:"kept"`
	Dropped string `json:"dropped"`
}

// MergeContacts folds other into keep: keep's values win, its empty fields
// are filled from other, lists are joined without repeats, and every field
// where both have different values is reported. It works field by field
// over the struct (by reflection), so a field added to Contact later is
// merged too without touching this code.
func MergeContacts(keep, other Contact) (Contact, []Conflict) {
	merged := keep
	var conflicts []Conflict
	mv := reflect.ValueOf(&merged).Elem()
	ov := reflect.ValueOf(other)
	t := mv.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		switch f.Name {
		case "ID", "UID", "ReferredBy", "Created", "LastTouch":
			continue // identity and history: handled below
		}
		if c, ok := mergeField(mv.Field(i), ov.Field(i), jsonName(f)); ok {
			conflicts = append(conflicts, c)
		}
	}
	if merged.ReferredBy == 0 && other.ReferredBy != keep.ID {
		merged.ReferredBy = other.ReferredBy
	}
	if !other.Created.IsZero() && (merged.Created.IsZero() || other.Created.Before(merged.Created)) {
		merged.Created = other.Created
	}
	if other.LastTouch.After(merged.LastTouch) {
		merged.LastTouch = other.LastTouch
	}
	return merged, conflicts
}

// mergeField merges one field of other into dst.
func mergeField(dst, src reflect.Value, name string) (Conflict, bool) {
	switch {
	case src.IsZero():
		return Conflict{}, false
	case dst.IsZero():
		dst.Set(src)
		return Conflict{}, false
	case dst.Kind() == reflect.Slice:
		dst.Set(unionSlices(dst, src))
		return Conflict{}, false
	case reflect.DeepEqual(dst.Interface(), src.Interface()):
		return Conflict{}, false
	case dst.Kind() == reflect.String && Fold(dst.String()) == Fold(src.String()):
		return Conflict{}, false
	}
	return Conflict{Field: name, Kept: show(dst), Dropped: show(src)}, true
}

// unionSlices appends src's elements that dst lacks; strings compare
// folded (case and accents), so "Ada@Example.com" is not added twice.
func unionSlices(dst, src reflect.Value) reflect.Value {
	out := reflect.AppendSlice(reflect.MakeSlice(dst.Type(), 0, dst.Len()+src.Len()), dst)
	for j := range src.Len() {
		e := src.Index(j)
		found := false
		for k := range out.Len() {
			if sameElem(out.Index(k), e) {
				found = true
				break
			}
		}
		if !found {
			out = reflect.Append(out, e)
		}
	}
	return out
}

func sameElem(a, b reflect.Value) bool {
	if a.Kind() == reflect.String {
		return Fold(a.String()) == Fold(b.String())
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

func show(v reflect.Value) string {
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String()
	}
	if t, ok := v.Interface().(time.Time); ok {
		return t.Format(time.DateOnly)
	}
	return fmt.Sprint(v.Interface())
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}
