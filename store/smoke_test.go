package store

import (
	"path/filepath"
	"testing"
	"time"

	"rapport/model"
)

func TestSmokeSample(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	sm := model.NewSampler(1, 500, now)
	var bs []model.Bundle
	for i := 0; i < 500; i++ {
		bs = append(bs, sm.Next().Bundle)
	}
	if _, err := s.AddBundles(bs); err != nil {
		t.Fatal(err)
	}
	a, err := s.Agenda(model.DateOf(now), 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("overdue %d today %d moments %d cold %d/%d", len(a.Overdue), len(a.DueToday), len(a.Moments), len(a.Cold), a.ColdTotal)
	p, err := s.Check()
	if err != nil || len(p) > 0 {
		t.Fatal(err, p)
	}
	c, err := s.Resolve("jose")
	t.Log(c.Name, err)
	c, err = s.Resolve("lovlace")
	t.Log(c.Name, err)
}
