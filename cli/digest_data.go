package cli

import (
	"html/template"
	"io"
	"strings"
	"sync"

	"rapport/model"
	"rapport/store"
)

// valueJSON is the book-wide value share in `rapport today --json`.
type valueJSON struct {
	Valued  int  `json:"valued"`
	Touches int  `json:"touches"`
	Percent *int `json:"percent"`
}

// digest is what the morning digest and `rapport today` say.
type digest struct {
	Agenda        model.Agenda
	FollowThrough followThroughJSON
	Value         valueJSON
}

// readDigest reads the day's agenda, with at most coldLimit contacts going
// cold (0 for all), and the book's follow-through and value share.
func readDigest(s *store.Store, today model.Date, coldLimit int) (digest, error) {
	var d digest
	var err error
	if d.Agenda, err = s.Agenda(today, coldLimit); err != nil {
		return d, err
	}
	kept, due, err := s.FollowThrough(today)
	if err != nil {
		return d, err
	}
	d.FollowThrough = followThroughJSON{kept, due, model.Percent(kept, due)}
	valued, touches, err := s.ValueShare(today)
	d.Value = valueJSON{valued, touches, model.Percent(valued, touches)}
	return d, err
}

// digestPage is the HTML digest. html/template escapes every name and note,
// and model.CleanLine has already dropped control characters. It is parsed
// on first use: parsing at start-up cost every command 0.3 ms.
var digestPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("digest").Funcs(template.FuncMap{
		"clean":    model.CleanLine,
		"day":      longDay,
		"pct":      func(p *int) string { return itoa(*p) + "%" },
		"days":     func(n int) string { return plural(n, "day", "days") },
		"promises": func(n int) string { return plural(n, "promise", "promises") },
	}).Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>rapport: {{day .Agenda.Day}}</title></head>
<body style="font-family: sans-serif">
<h1>Today, {{day .Agenda.Day}}</h1>
{{with .Agenda.Overdue}}<h2>Overdue</h2><ul>{{range .}}<li><b>{{clean .ContactName}}</b>: {{clean .Text}} ({{days .DaysOverdue}} late, #{{.ID}})</li>{{end}}</ul>{{end}}
{{with .Agenda.DueToday}}<h2>Due today</h2><ul>{{range .}}<li><b>{{clean .ContactName}}</b>: {{clean .Text}} (#{{.ID}})</li>{{end}}</ul>{{end}}
{{with .Coming}}<h2>Coming up</h2><ul>{{range .}}<li>{{.When}}: <b>{{clean .Name}}</b>: {{clean .What}} (#{{.ID}})</li>{{end}}</ul>{{end}}
{{with .Moments}}<h2>Moments</h2><ul>{{range .}}<li><b>{{clean .Name}}</b>: {{clean .What}}, {{.When}}</li>{{end}}</ul>{{end}}
{{with .Agenda.Cold}}<h2>Going cold</h2><ul>{{range .}}<li><b>{{clean .ContactName}}</b>: {{days .DaysOverdue}} over, every {{.Cadence}} days</li>{{end}}</ul>{{end}}
{{if .Empty}}<p>Nothing due, no moments this week, nobody going cold.</p>{{end}}
{{if .FollowThrough.Percent}}<p>Follow-through, last 90 days: {{pct .FollowThrough.Percent}} ({{.FollowThrough.Kept}} of {{promises .FollowThrough.Due}} kept on time)</p>{{end}}
{{with .Value.Percent}}<p>Value, last 90 days: {{pct .}} of touches brought something</p>{{end}}
</body></html>
`))
})

// lineHTML is a digest line whose words the template cannot compute.
type lineHTML struct {
	Name, What, When string
	ID               uint64
}

// writeHTML writes the sections `rapport today` prints, in its order.
func (d digest) writeHTML(w io.Writer) error {
	ag := d.Agenda
	var moments, coming []lineHTML
	for _, m := range ag.Moments {
		moments = append(moments, lineHTML{Name: m.ContactName, What: momentText(m), When: relDay(m.On, ag.Day)})
	}
	for _, it := range ag.ComingUp {
		coming = append(coming, lineHTML{Name: it.ContactName, What: dueText(it), When: comingDay(it.Due, ag.Day), ID: it.ID})
	}
	return digestPage().Execute(w, struct {
		digest
		Moments, Coming []lineHTML
		Empty           bool
	}{d, moments, coming, agendaEmpty(ag)})
}

// subject is the mail's subject line.
func (d digest) subject() string {
	return "rapport: " + strings.TrimSpace(longDay(d.Agenda.Day)) + ": " + d.summary()
}
