package cli

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// exportFormats maps what --format accepts (and -o extensions) to the
// format's name.
var exportFormats = map[string]string{
	"vcard": "vcard", "vcf": "vcard", "ics": "ics", "ical": "ics", "icalendar": "ics",
	"csv": "csv", "json": "json",
}

func newExportCmd(a *app) *cobra.Command {
	var format, output, vdir string
	var todo, excel, force bool
	cmd := &cobra.Command{
		Use:   "export --format vcard|ics|csv|json [-o FILE]",
		Short: "Export the book as vCard, iCalendar, Google CSV or a JSON backup",
		Long: `Export the book to stdout, or to FILE with -o:
  vcard  vCard 4.0, one file; or one file per contact with --vdir DIR (for khard
         and vdirsyncer; files that would not change are left alone)
  ics    birthdays and other moments as yearly all-day events, open follow-ups as
         all-day events (as VTODO tasks with --todo)
  csv    Google Contacts columns, safe to open in a spreadsheet (--excel: with a
         UTF-8 byte order mark, so Excel reads accents right)
  json   everything (contacts, notes, follow-ups, questions): a backup that
         rapport import restores exactly
Without --format, the extension of -o decides.`,
		Example: `  rapport export --format vcard -o contacts.vcf
  rapport export --format vcard --vdir ~/.contacts/rapport
  rapport export --format ics -o moments.ics
  rapport export --format json > rapport-backup.json`,
		Args: exactArgs(0, "no arguments (use --format and -o)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format == "" && output != "" {
				ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(output)), ".")
				if _, ok := exportFormats[ext]; !ok {
					return usagef("cannot tell the format from %s; add --format vcard, ics, csv or json", output)
				}
				format = ext
			}
			if format == "" && vdir != "" {
				format = "vcard"
			}
			kind, ok := exportFormats[strings.ToLower(format)]
			switch {
			case format == "":
				return usagef("export needs --format vcard, ics, csv or json")
			case !ok:
				return usagef("unknown format %q (use vcard, ics, csv or json)", format)
			case vdir != "" && kind != "vcard":
				return usagef("--vdir writes vCards; it goes with --format vcard")
			case vdir != "" && output != "":
				return usagef("use either --vdir DIR or -o FILE, not both")
			case todo && kind != "ics":
				return usagef("--todo goes with --format ics")
			case excel && kind != "csv":
				return usagef("--excel goes with --format csv")
			case force && (output == "" || output == "-"):
				return usagef("--force goes with -o FILE: it allows replacing that file")
			}
			if output != "" && output != "-" {
				if err := checkOutput(output, a.path(), force); err != nil {
					return err
				}
			}
			s, now, err := a.openExisting()
			if err != nil {
				return err
			}
			switch {
			case kind == "json":
				return a.exportBackup(s, output)
			case vdir != "":
				return a.exportVdir(s, vdir)
			case kind == "vcard":
				return a.exportVCards(s, output)
			case kind == "csv":
				return a.exportGoogleCSV(s, output, excel)
			}
			// What is left is ics.
			return a.exportICS(s, output, todo, now)
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "", "vcard, ics, csv or json")
	f.StringVarP(&output, "output", "o", "", "write to FILE instead of stdout")
	f.StringVar(&vdir, "vdir", "", "with vcard: write one .vcf per contact into DIR")
	f.BoolVar(&todo, "todo", false, "with ics: follow-ups as VTODO tasks instead of all-day events")
	f.BoolVar(&force, "force", false, "with -o: overwrite FILE if it exists")
	f.BoolVar(&excel, "excel", false, "with csv: start with a UTF-8 byte order mark, for Excel")
	return cmd
}

// exportVdir writes one .vcf per contact into dir, leaving unchanged
// files alone, a chunk of contacts at a time.
func (a *app) exportVdir(s *store.Store, dir string) error {
	w, err := exchange.NewVdirWriter(dir)
	if err != nil {
		return err
	}
	if err := s.ContactsEach(w.Add); err != nil {
		return err
	}
	res := w.Result
	printf(a.out, "Wrote %s to %s (%d unchanged).", plural(res.Written, "vCard", "vCards"), dir, res.Unchanged)
	return nil
}

// exportBackup streams the JSON backup contact by contact (short read
// transactions, one chunk in memory), to stdout or through writeOutput.
func (a *app) exportBackup(s *store.Store, output string) error {
	n := 0
	produce := func(w io.Writer) error {
		enc := exchange.NewBackupEncoder(w)
		if err := s.DumpEach(func(b model.Bundle) error { n++; return enc.Add(b) }); err != nil {
			return err
		}
		return enc.Close()
	}
	return a.streamExport(output, produce, func() string { return plural(n, "contact", "contacts") })
}
