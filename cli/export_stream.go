package cli

import (
	"bufio"
	"fmt"
	"io"
	"time"

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
		return s.ContactsEach(func(c model.Contact) error {
			n++
			_, err := w.Write(exchange.EncodeCard(c))
			return err
		})
	}
	return a.streamExport(output, produce, func() string { return plural(n, "contact", "contacts") })
}

// exportGoogleCSV streams the Google CSV in two passes over the book (see
// writeGoogleCSV). A contact that outgrew the header between the passes
// stops it with exchange.ErrBookChanged: with -o nothing is written, on
// stdout the caller is told the output is incomplete.
func (a *app) exportGoogleCSV(s *store.Store, output string, excel bool) error {
	n := 0
	produce := func(w io.Writer) (err error) {
		n, err = writeGoogleCSV(s, w, excel, nil)
		return err
	}
	return a.streamExport(output, produce, func() string { return plural(n, "contact", "contacts") })
}

// writeGoogleCSV reads the book twice, a chunk per read transaction: the
// first pass sizes the header's groups, the second writes the rows.
// between, when not nil, runs between the passes: where a test puts the
// edit another shell could make. It returns how many rows it wrote.
func writeGoogleCSV(s *store.Store, w io.Writer, excel bool, between func()) (int, error) {
	var st exchange.GoogleCSVStream
	if err := s.ContactsEach(func(c model.Contact) error { st.Widen(c); return nil }); err != nil {
		return 0, err
	}
	if between != nil {
		between()
	}
	if err := st.Start(w, excel); err != nil {
		return 0, err
	}
	n := 0
	err := s.ContactsEach(func(c model.Contact) error { n++; return st.Row(c) })
	if err == nil {
		err = st.Flush()
	}
	return n, err
}

// exportICS streams the calendar (moments and open follow-ups, no notes),
// a chunk of contacts per read transaction: the bytes WriteICS gives for
// the book, without the book or the calendar in memory.
func (a *app) exportICS(s *store.Store, output string, todo bool, now time.Time) error {
	var iw *exchange.ICSWriter
	produce := func(w io.Writer) error {
		var err error
		if iw, err = exchange.NewICSWriter(w, todo, now); err != nil {
			return err
		}
		if err := s.ScheduleEach(iw.Add); err != nil {
			return err
		}
		return iw.Close()
	}
	return a.streamExport(output, produce, func() string {
		return fmt.Sprintf("%s (%s, %s)", plural(iw.Moments+iw.FollowUps, "event", "events"),
			plural(iw.Moments, "moment", "moments"), plural(iw.FollowUps, "follow-up", "follow-ups"))
	})
}

// streamExport runs produce on stdout, or through writeOutput into
// output and then says what went (what, once produce is done). produce
// writes into a 64 KiB buffer that streamExport flushes. Bytes already
// on stdout cannot be taken back, so a failure after some went says the
// output is incomplete (and a JSON backup or calendar is left unclosed,
// which no parser, rapport import included, accepts).
func (a *app) streamExport(output string, produce func(io.Writer) error, what func() string) error {
	produce = buffered(produce)
	if output == "" || output == "-" {
		w := &countingWriter{w: a.out}
		if err := produce(w); err != nil {
			return incomplete(w.n, "stdout", err)
		}
		return nil
	}
	if err := writeOutput(output, produce); err != nil {
		return err
	}
	printf(a.out, "Exported %s to %s.", what(), output)
	return nil
}

// buffered runs produce on a buffer over w and flushes it when produce
// succeeds, so the exports write their many small pieces in large blocks.
func buffered(produce func(io.Writer) error) func(io.Writer) error {
	return func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := produce(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
}

// countingWriter counts the bytes that went through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// incomplete is err, said to have cut short what went to where when
// anything did.
func incomplete(written int64, where string, err error) error {
	if written == 0 {
		return err
	}
	return fmt.Errorf("the export stopped part-way, so what it wrote to %s is incomplete: %w", where, err)
}
