// Package chart draws rapport's small charts as plain text: sparklines of
// monthly touches and bars of a week's days, shared by the TUI and the
// command line.
//
// They are drawn by hand with Unicode block characters. The charting
// library made for Bubble Tea, github.com/NimbleMarkets/ntcharts, was
// tried: its newest release (v0.4.0) is written against the v1 family
// (github.com/charmbracelet/bubbletea v1.2.2, lipgloss v1.0.0, bubbles
// v0.20) and no v2 module of it is published. It compiles beside our pinned
// v2 family, but only by adding a second Bubble Tea and Lip Gloss stack
// (about a dozen more modules), and its lipgloss v1 styles would not follow
// our Styles, light/dark detection or NO_COLOR. What we need, a row of
// eight-level blocks and a few horizontal bars, is a few dozen lines.
package chart

import (
	"strings"
)

// levels are the eight heights of a sparkline cell, lowest first.
var levels = []rune("▁▂▃▄▅▆▇█")

// Empty marks a zero in a sparkline, so "nothing" differs from "a little".
const Empty = '·'

// Level is the cell for v on a scale whose tallest cell is top.
func Level(v, top int) rune {
	if v <= 0 || top <= 0 {
		return Empty
	}
	i := (v*len(levels) + top - 1) / top // round up: any touch shows
	return levels[min(i, len(levels))-1]
}

// Spark draws one cell per value, each followed by gap spaces but the last.
func Spark(values []int, top, gap int) string {
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteString(strings.Repeat(" ", gap))
		}
		b.WriteRune(Level(v, top))
	}
	return b.String()
}

// Max is the largest value, at least 1.
func Max(values ...[]int) int {
	top := 1
	for _, vs := range values {
		for _, v := range vs {
			top = max(top, v)
		}
	}
	return top
}

// Paint styles the parts of a chart; a nil field leaves text as it is, and
// with no colour at all the shapes and labels still tell the parts apart.
type Paint struct {
	Label, Muted, Meeting, Other func(string) string
}

func (p Paint) label(s string) string   { return apply(p.Label, s) }
func (p Paint) muted(s string) string   { return apply(p.Muted, s) }
func (p Paint) meeting(s string) string { return apply(p.Meeting, s) }
func (p Paint) other(s string) string   { return apply(p.Other, s) }

func apply(f func(string) string, s string) string {
	if f == nil || s == "" {
		return s
	}
	return f(s)
}
