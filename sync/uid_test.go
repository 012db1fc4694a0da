package sync

import (
	"testing"

	"rapport/exchange"
)

// Servers and phones write the urn:uuid: prefix and the hex digits in
// either case; the same UID must pair the same records whatever the case.
func TestUIDKeyIgnoresPrefixAndCase(t *testing.T) {
	want := uidKey("9a1b0000-0000-4000-8000-000000000001")
	for _, uid := range []string{"urn:uuid:9a1b0000-0000-4000-8000-000000000001", "URN:UUID:9A1B0000-0000-4000-8000-000000000001",
		" Urn:Uuid:9a1b0000-0000-4000-8000-000000000001 "} {
		if got := uidKey(uid); got != want {
			t.Errorf("uidKey(%q) = %q, want %q", uid, got, want)
		}
	}
	fields := taskFields(exchange.Task{UID: "t1", ContactUID: "URN:UUID:ABC-1"})
	if got := fields.First("contact"); got != "abc-1" {
		t.Errorf("a task's contact link %q, want abc-1", got)
	}
}
