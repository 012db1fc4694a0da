package model

import (
	"reflect"
	"testing"
)

func TestMerge3(t *testing.T) {
	lists := []string{"emails"}
	tests := []struct {
		name               string
		base, mine, theirs Fields
		want               Fields
		conflicts          []FieldConflict
	}{
		{"nothing changed",
			Fields{"name": {"Ada"}}, Fields{"name": {"Ada"}}, Fields{"name": {"Ada"}},
			Fields{"name": {"Ada"}}, nil},
		{"mine changed",
			Fields{"name": {"Ada"}}, Fields{"name": {"Ada L"}}, Fields{"name": {"Ada"}},
			Fields{"name": {"Ada L"}}, nil},
		{"theirs changed",
			Fields{"title": {"CTO"}}, Fields{"title": {"CTO"}}, Fields{"title": {"CEO"}},
			Fields{"title": {"CEO"}}, nil},
		{"different fields on each side",
			Fields{"name": {"Ada"}, "title": {"CTO"}},
			Fields{"name": {"Ada L"}, "title": {"CTO"}},
			Fields{"name": {"Ada"}, "title": {"CEO"}},
			Fields{"name": {"Ada L"}, "title": {"CEO"}}, nil},
		{"same change on both sides",
			Fields{"title": {"CTO"}}, Fields{"title": {"CEO"}}, Fields{"title": {"CEO"}},
			Fields{"title": {"CEO"}}, nil},
		{"same field changed apart: theirs wins, mine reported",
			Fields{"title": {"CTO"}}, Fields{"title": {"VP"}}, Fields{"title": {"CEO"}},
			Fields{"title": {"CEO"}}, []FieldConflict{{"title", []string{"VP"}, []string{"CEO"}}}},
		{"cleared on one side",
			Fields{"title": {"CTO"}}, Fields{}, Fields{"title": {"CTO"}},
			Fields{}, nil},
		{"cleared mine, changed theirs: a conflict",
			Fields{"title": {"CTO"}}, Fields{}, Fields{"title": {"CEO"}},
			Fields{"title": {"CEO"}}, []FieldConflict{{"title", nil, []string{"CEO"}}}},
		{"new field on both sides, no base",
			Fields{}, Fields{"title": {"VP"}}, Fields{"title": {"CEO"}},
			Fields{"title": {"CEO"}}, []FieldConflict{{"title", []string{"VP"}, []string{"CEO"}}}},
		{"list: additions from both sides kept",
			Fields{"emails": {"a@x"}}, Fields{"emails": {"a@x", "m@x"}}, Fields{"emails": {"a@x", "t@x"}},
			Fields{"emails": {"a@x", "t@x", "m@x"}}, nil},
		{"list: removal on mine, addition on theirs",
			Fields{"emails": {"a@x", "b@x"}}, Fields{"emails": {"b@x"}}, Fields{"emails": {"a@x", "b@x", "t@x"}},
			Fields{"emails": {"b@x", "t@x"}}, nil},
		{"list: removed on theirs, kept on mine with an addition",
			Fields{"emails": {"a@x", "b@x"}}, Fields{"emails": {"a@x", "b@x", "m@x"}}, Fields{"emails": {"a@x"}},
			Fields{"emails": {"a@x", "m@x"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, conflicts := Merge3(tt.base, tt.mine, tt.theirs, lists)
			if !got.Equal(tt.want) {
				t.Errorf("merged %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(conflicts, tt.conflicts) {
				t.Errorf("conflicts %v, want %v", conflicts, tt.conflicts)
			}
		})
	}
}

func TestFieldsEqual(t *testing.T) {
	if !(Fields{"a": nil}).Equal(Fields{}) {
		t.Error("an empty field should equal a missing one")
	}
	if (Fields{"a": {"1"}}).Equal(Fields{"a": {"2"}}) {
		t.Error("different values compared equal")
	}
}
