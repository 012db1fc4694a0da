// Package store keeps rapport's book in one bbolt file.
//
// The bucket tree (ids are 8-byte big-endian from NextSequence, dates are
// 4-byte big-endian YYYYMMDD, so cursor order is the order wanted):
//
//	meta
//	  schema        uint32   schema version of the file
//	  generation    uint64   bumped by every write, so a TUI can spot outside writes
//	  redo          JSON [entry id]   undone entries redo can still re-apply, last undone last
//	  digest:ADDR   date     the day the morning digest last went to ADDR (state, not journaled)
//	  ftx_stale     uint64   epoch: set while the full-text index of notes misses notes (a bulk load); a new bulk load moves it
//	  ftx_built     epoch | uint64 | unix seconds   how far a build of that index came (every note before day << 32 | id is in it), and when it last wrote
//	contacts        id -> JSON model.Contact
//	notes           id -> JSON model.Interaction
//	followups       id -> JSON model.FollowUp
//	questions       id -> JSON model.Question
//	shares          id -> JSON model.Share       "next time share"
//	idx_names       fold(name) 0x00 id -> summary (name, company, last and next touch)
//	idx_words       word 0x00 id -> fold(name) | summary      one per word of the name
//	idx_company_words  word 0x00 id -> fold(name) | summary   one per word of the company
//	idx_next_touch  next-touch date | id -> nil               "going cold" is a range scan
//	idx_touch_days  next-touch date -> uint32 count           counts them without walking every key
//	idx_cold        tier | cadence | next-touch date | id -> stage | last touch | name
//	                the going-cold order: one run per (tier, cadence), most overdue first,
//	                merged by overdue relative to cadence
//	idx_moments     month | day | id | n -> year | label | name   moments by month-day
//	idx_due         due date | id -> contact name | JSON follow-up   open follow-ups only
//	idx_promise_days  promised date -> open | kept | late counts   the rep's promises, for follow-through
//	idx_contact_notes      contact id | unix seconds | note id -> nil
//	idx_contact_followups  contact id | follow-up id -> nil
//	idx_contact_questions  contact id | question id -> nil
//	idx_contact_shares     contact id | share id -> nil
//	idx_value_days         note date -> touches | touches that gave something   value share
//	idx_referrals          referrer id | contact id -> nil
//	idx_contact_text       word 0x00 contact id -> nil   words of company, title, how we met, what matters, tags
//	idx_tags               lower(tag) 0x00 contact id -> the tag as written   contacts by tag (the holiday-card list)
//	idx_uids               uid key 0x00 contact id -> nil   model.UIDKey of the UID, or of the one exports derive
//	                       for a contact without one: an import finds the contacts a card names
//	idx_emails             lower(email) 0x00 contact id -> nil   likewise by email (names: idx_names)
//	ftx_days        word -> roaring bitmap of days         the days some note has the word (days since 1970 + 2^31, UTC)
//	ftx_notes       day | word -> roaring bitmap of note ids   the notes of that day with the word
//	                (a note's topics are indexed as the words 0x01 topic)
//	ftx_times       day -> (note id uint32 | unix nanoseconds int64)...   by id: orders a day's hits without reading them
//	journal         entry id -> unix nanoseconds | JSON JournalEntry
//	                  one entry per write transaction: the command, a one-line
//	                  summary, and the before image of every record it
//	                  touched (records it created are listed by id ranges);
//	                  an undone entry also holds the after images, for redo.
//	                  Bounded: the last 1,000 entries, and all of the last 90 days.
//	tombstones      bucket | 0x00 | id -> JSON Tombstone   deleted contacts, notes
//	                  and follow-ups (UID, time), for sync; written through the
//	                  journal, so undoing a delete removes its tombstone
//	sync_accounts   account name -> JSON SyncAccount   collections, sync tokens,
//	                  the last run, open conflicts and errors of one CardDAV/CalDAV account,
//	                  and its change marker (the journal head when its last run began)
//	sync_items      account | 0x00 | kind byte | record id -> JSON SyncItem
//	                  per synced record: href, UID, ETag, the mapped fields at the
//	                  last sync (the base of three-way merges) and their hash, and
//	                  the last server body (properties rapport does not model)
//	sync_hrefs      account | 0x00 | href -> kind byte | record id   the item an href holds
//	                  The sync buckets are not journaled: they say what the server
//	                  holds, not what the rep changed. A pull writes them in the
//	                  same transaction as the (journaled) records it changes.
//
// Every record write goes through putJSON, delJSON or setImage, which
// capture the record's first image in memory; store.update turns the
// captures into one journal entry in the same transaction. Undo writes the before images
// back through each bucket's reindex function (records.go), so indexes and
// counters follow exactly as for any other write.
//
// Every index entry is written and deleted in the same transaction as its
// record; Check proves that they agree. No process keeps the file open while
// idle: every operation opens it, runs one transaction and closes it, so the
// TUI and any number of CLI commands can share the file. Beside the file,
// NAME.lock carries only a lock (intent.go): a writer waiting for the file
// holds it, so new readers let the writer go first.
package store
