package sync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A fake server: one object at /c/a.vcf with ETag "v1".
func fakeDAV(t *testing.T, handler http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL+"/", "u", "p", nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPutIsConditional(t *testing.T) {
	var seen []string
	c := fakeDAV(t, func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "u" || p != "p" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		seen = append(seen, r.Method+" match="+r.Header.Get("If-Match")+" none="+r.Header.Get("If-None-Match"))
		if r.Header.Get("If-Match") != `"v1"` && r.Header.Get("If-None-Match") != "*" {
			w.WriteHeader(http.StatusPreconditionFailed)
			return
		}
		if r.Header.Get("If-None-Match") == "*" && r.URL.Path == "/c/a.vcf" {
			w.WriteHeader(http.StatusPreconditionFailed) // it exists
			return
		}
		w.Header().Set("ETag", `"v2"`)
		w.WriteHeader(http.StatusCreated)
	})
	ctx := context.Background()
	// go-webdav hands ETags back unquoted: the wrapper quotes them again.
	if tag, err := c.Put(ctx, "/c/a.vcf", []byte("x"), "text/vcard", "v1"); err != nil || tag != `"v2"` {
		t.Errorf("PUT over v1: %q, %v", tag, err)
	}
	if _, err := c.Put(ctx, "/c/a.vcf", []byte("x"), "text/vcard", `"v0"`); !errors.Is(err, ErrPrecondition) {
		t.Errorf("PUT over a stale ETag: %v, want ErrPrecondition", err)
	}
	if _, err := c.Put(ctx, "/c/a.vcf", []byte("x"), "text/vcard", ""); !errors.Is(err, ErrPrecondition) {
		t.Errorf("creating over an existing object: %v, want ErrPrecondition", err)
	}
	if _, err := c.Put(ctx, "/c/new one.vcf", []byte("x"), "text/vcard", ""); err != nil {
		t.Errorf("creating: %v", err)
	}
	if err := c.Delete(ctx, "/c/a.vcf", "v0"); !errors.Is(err, ErrPrecondition) {
		t.Errorf("DELETE of a stale version: %v", err)
	}
	want := []string{`PUT match="v1" none=`, `PUT match="v0" none=`, `PUT match= none=*`, `PUT match= none=*`, `DELETE match="v0" none=`}
	if strings.Join(seen, "|") != strings.Join(want, "|") {
		t.Errorf("requests:\n%s\nwant\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}

// A server that fails a whole multiget when it holds one bad object: the
// client splits the batch until the bad one is alone, and reads the rest.
func TestFetchSplitsOnError(t *testing.T) {
	var requests atomic.Int32
	c := fakeDAV(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		body, _ := io.ReadAll(r.Body)
		if strings.Contains(string(body), "/c/bad.vcf") {
			http.Error(w, "cannot serve bad.vcf", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusMultiStatus)
		fmt.Fprint(w, `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">`)
		for _, part := range strings.Split(string(body), "<d:href>")[1:] {
			href, _, _ := strings.Cut(part, "</d:href>")
			fmt.Fprintf(w, `<d:response><d:href>%s</d:href><d:propstat><d:prop><d:getetag>"e"</d:getetag><c:address-data>BEGIN:VCARD&#13;
FN:%s&#13;
END:VCARD</c:address-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`, href, href)
		}
		fmt.Fprint(w, `</d:multistatus>`)
	})
	var hrefs []string
	for i := range 25 {
		hrefs = append(hrefs, fmt.Sprintf("/c/%02d.vcf", i))
	}
	hrefs = append(hrefs[:13], append([]string{"/c/bad.vcf"}, hrefs[13:]...)...)
	objs, failed := c.Fetch(context.Background(), "/c/", addressBook, hrefs)
	if len(objs) != 25 || len(failed) != 1 || failed["/c/bad.vcf"] == nil {
		t.Fatalf("read %d objects, failed %v", len(objs), failed)
	}
	if !strings.Contains(failed["/c/bad.vcf"].Error(), "500") {
		t.Errorf("the error does not say what the server said: %v", failed["/c/bad.vcf"])
	}
	if n := requests.Load(); n > 12 {
		t.Errorf("%d requests for 26 objects in batches of 10", n)
	}
	if !strings.Contains(string(objs[0].Body), "FN:/c/00.vcf") || objs[0].ETag != `"e"` {
		t.Errorf("first object %+v", objs[0])
	}
}

// A refused sync token is reported as such, so the caller lists instead.
func TestChangesRefusedToken(t *testing.T) {
	c := fakeDAV(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `<d:error xmlns:d="DAV:"><d:valid-sync-token/></d:error>`)
	})
	if _, _, _, err := c.Changes(context.Background(), "/c/", "old"); !errors.Is(err, errBadToken) {
		t.Errorf("got %v, want errBadToken", err)
	}
}
