package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"rapport/ui/chart"
)

// Styles is every style the UI draws with, built once per background. The
// palette is deliberately small: one accent, one warning, one amber for
// "today", one green for "done", and greys. Each colour has a light and a
// dark variant because the terminal's background is only known after it
// answers tea.RequestBackgroundColor.
type Styles struct {
	NoColor bool

	Title    lipgloss.Style // the app name in the header
	Header   lipgloss.Style // the rest of the header line
	Section  lipgloss.Style // section headings inside panes
	Label    lipgloss.Style // field labels
	Focus    lipgloss.Style // the label of the focused field
	Text     lipgloss.Style
	Muted    lipgloss.Style
	Accent   lipgloss.Style
	Warn     lipgloss.Style // overdue, errors
	Amber    lipgloss.Style // due today, moments
	Good     lipgloss.Style // saved, done
	Selected lipgloss.Style // the selected row
	Rule     lipgloss.Style // separators between panes
	Status   lipgloss.Style
	Error    lipgloss.Style

	Help      help.Styles
	TextArea  textarea.Styles
	TextInput textinput.Styles
}

// NewStyles builds the styles for a dark or light background. With noColor
// (NO_COLOR or TERM=dumb) nothing is coloured and the selection is drawn
// in reverse video, so it stays visible.
func NewStyles(isDark, noColor bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(dark))
	}
	accent := c("#1A5FB4", "#8AB4F8")
	muted := c("#6A6A6A", "#8A8A8A")
	faint := c("#B0B0B0", "#4A4A4A")
	warn := c("#B3261E", "#F28B82")
	amber := c("#8A5A00", "#E5C07B")
	good := c("#1E7B34", "#81C995")
	selBg := c("#DCE6F5", "#2A3548")

	s := &Styles{NoColor: noColor}
	base := lipgloss.NewStyle()
	s.Title = base.Bold(true).Foreground(accent)
	s.Header = base.Foreground(muted)
	s.Section = base.Bold(true).Foreground(accent)
	s.Label = base.Foreground(muted)
	s.Focus = base.Bold(true).Foreground(accent)
	s.Text = base
	s.Muted = base.Foreground(muted)
	s.Accent = base.Foreground(accent)
	s.Warn = base.Foreground(warn)
	s.Amber = base.Foreground(amber)
	s.Good = base.Foreground(good)
	s.Rule = base.Foreground(faint)
	s.Status = base.Foreground(good)
	s.Error = base.Bold(true).Foreground(warn)
	if noColor {
		// Without colour, faint text is the one way left to tell a
		// hint from a value, and reverse video marks the selection.
		s.Muted = s.Muted.Faint(true)
		s.Label = s.Label.Faint(true)
		s.Selected = base.Reverse(true)
	} else {
		s.Selected = base.Background(selBg).Bold(true)
	}

	s.Help = help.Styles{
		Ellipsis:       base.Foreground(faint),
		ShortKey:       base.Foreground(accent),
		ShortDesc:      base.Foreground(muted),
		ShortSeparator: base.Foreground(faint),
		FullKey:        base.Foreground(accent),
		FullDesc:       base.Foreground(muted),
		FullSeparator:  base.Foreground(faint),
	}

	// The bubbles inputs default to dark styles: restyle them from the
	// same palette, without a cursor-line background (it reads as a
	// selection on light terminals) and without blinking, which keeps
	// frames deterministic and saves a timer.
	ta := textarea.DefaultStyles(isDark)
	for _, st := range []*textarea.StyleState{&ta.Focused, &ta.Blurred} {
		st.Base = base
		st.CursorLine = base
		st.CursorLineNumber = base.Foreground(muted)
		st.LineNumber = base.Foreground(faint)
		st.EndOfBuffer = base.Foreground(faint)
		st.Placeholder = base.Foreground(muted)
		st.Text = base
	}
	ta.Focused.Placeholder = s.Muted
	ta.Blurred.Placeholder = s.Muted
	ta.Focused.Prompt = base.Foreground(accent)
	ta.Blurred.Prompt = base.Foreground(faint)
	ta.Blurred.Text = base.Foreground(muted)
	ta.Cursor.Color = accent
	ta.Cursor.Blink = false
	s.TextArea = ta

	ti := textinput.DefaultStyles(isDark)
	ti.Focused.Prompt = base.Foreground(accent)
	ti.Focused.Placeholder = s.Muted
	ti.Focused.Suggestion = base.Foreground(muted)
	ti.Focused.Text = base
	ti.Blurred.Prompt = base.Foreground(faint)
	ti.Blurred.Placeholder = s.Muted
	ti.Blurred.Suggestion = base.Foreground(faint)
	ti.Blurred.Text = base.Foreground(muted)
	ti.Cursor.Color = accent
	ti.Cursor.Blink = false
	s.TextInput = ti
	return s
}

// chartPaint colours the charts; without colour their shapes and labels
// still tell meetings from other touches.
func (s *Styles) chartPaint() chart.Paint {
	r := func(st lipgloss.Style) func(string) string { return func(t string) string { return st.Render(t) } }
	return chart.Paint{Label: r(s.Label), Muted: r(s.Muted), Meeting: r(s.Accent), Other: r(s.Good)}
}

// newInput is a one-line text field in these styles.
func newInput(st *Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.SetStyles(st.TextInput)
	return in
}
