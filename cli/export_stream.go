package cli

import (
	"bufio"
	"io"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// exportVCards streams the book as one vCard file, a chunk of contacts
// per short read transaction (as exportBackup does), so a 100k book is
// never in memory; the bytes are those WriteVCards gives for the book.
func (a *app) exportVCards(s *store.Store, output string) error {
	n := 0
	produce := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		err := s.ScheduleEach(func(b model.Bundle) error {
			n++
			_, err := bw.Write(exchange.EncodeCard(b.Contact))
			return err
		})
		if err == nil {
			err = bw.Flush()
		}
		return err
	}
	return a.streamExport(output, produce, &n)
}

// exportGoogleCSV streams the Google CSV in two passes over the book, a
// chunk per read transaction: the first sizes the header's groups, the
// second writes the rows.
func (a *app) exportGoogleCSV(s *store.Store, output string, excel bool) error {
	n := 0
	produce := func(w io.Writer) error {
		var st exchange.GoogleCSVStream
		err := s.ScheduleEach(func(b model.Bundle) error { st.Widen(b.Contact); return nil })
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := st.Start(bw, excel); err != nil {
			return err
		}
		err = s.ScheduleEach(func(b model.Bundle) error { n++; return st.Row(b.Contact) })
		if err == nil {
			err = st.Flush()
		}
		if err == nil {
			err = bw.Flush()
		}
		return err
	}
	return a.streamExport(output, produce, &n)
}

// streamExport runs produce on stdout, or through writeOutput into
// output and then says how many contacts (*n, counted by produce) went.
func (a *app) streamExport(output string, produce func(io.Writer) error, n *int) error {
	if output == "" || output == "-" {
		return produce(a.out)
	}
	if err := writeOutput(output, produce); err != nil {
		return err
	}
	printf(a.out, "Exported %s to %s.", plural(*n, "contact", "contacts"), output)
	return nil
}
