// Package exchange reads and writes the formats a rep's book travels in:
// vCard 2.1/3.0/4.0 (one file, or a folder of them such as a khard or
// vdirsyncer vdir), Google Contacts and LinkedIn CSV, iCalendar, and
// rapport's own JSON backup. One file per format; Import and the export
// writers are the entry points the CLI uses.
//
// Libraries do the parsing where a good one exists: github.com/emersion/go-vcard
// reads vCard 3.0/4.0 lines, encoding/csv reads CSV and
// github.com/arran4/golang-ical writes iCalendar. Written here by hand, and
// why:
//   - the vCard pre-pass (vcard_prepass.go): go-vcard silently drops what
//     vCard 2.1 does differently (quoted-printable soft line breaks, CHARSET,
//     bare parameters such as TEL;CELL), and cannot say on which line a
//     card starts, which a "bad card" message needs;
//   - the date normaliser (dates.go): no library knows Apple's 1604 year,
//     0000 years and --MMDD together;
//   - the vCard writer (vcard_encode.go): go-vcard's encoder escapes every
//     value alike, so it cannot write "\;" inside one part of ORG or ADR,
//     nor a comma inside one CATEGORIES value, and the export would not
//     read back as it was;
//   - matching and merging an import into the book (plan.go): that is
//     rapport's own policy.
//
// ReadCard and EncodeCard are the per-card pair (card to contact, with the
// properties rapport has no field for kept as-is; contact to card) that
// the file readers and writers are built on, and that sync uses.
//
// Every text field read from a file is cleaned of escape and control
// characters (model.CleanLine / CleanText) before it reaches the store.
package exchange
