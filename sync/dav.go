package sync

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/emersion/go-webdav"
)

// The HTTP layer is written here rather than taken from go-webdav, whose
// v0.7.0 sends PUT and DELETE without If-Match / If-None-Match, returns
// ETags unquoted, and fails a whole multiget when one object in it fails.
// go-webdav still does discovery (principal, home sets, collections).

// Collection kinds: what a collection holds and how it is asked for.
type collKind int

const (
	addressBook collKind = iota
	taskList
)

// Object is one server resource: where it is, its version and its body.
type Object struct {
	Href string
	ETag string
	Body []byte
}

// ErrPrecondition is a 412: the object changed (or appeared) on the server
// since it was last read.
var ErrPrecondition = errors.New("the server's copy changed since the last read")

// errBadToken is a refused sync token (403 or 409 valid-sync-token).
var errBadToken = errors.New("the server refused the sync token")

// StatusError is any other unexpected HTTP status.
type StatusError struct {
	Method, Href string
	Code         int
	Text         string
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("%s %s: the server answered %d %s", e.Method, e.Href, e.Code, http.StatusText(e.Code))
	if t := strings.TrimSpace(e.Text); t != "" {
		msg += " (" + t + ")"
	}
	return msg
}

// Client speaks to one CardDAV/CalDAV server as one user.
type Client struct {
	base *url.URL
	http webdav.HTTPClient
}

// NewClient prepares a client for the server at rawURL.
func NewClient(rawURL, user, password string, hc *http.Client) (*Client, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http(s) URL", rawURL)
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: u, http: webdav.HTTPClientWithBasicAuth(hc, user, password)}, nil
}

// resolve turns an href (a path as the server wrote it, or a full URL)
// into a URL on the server.
func (c *Client) resolve(href string) string {
	ref, err := url.Parse(href)
	if err != nil {
		return c.base.ResolveReference(&url.URL{Path: href}).String()
	}
	return c.base.ResolveReference(ref).String()
}

// normHref is the form hrefs are compared and stored in: the unescaped
// path, whatever escaping or host part the server used.
func normHref(href string) string {
	if u, err := url.Parse(href); err == nil {
		return u.Path
	}
	return href
}

// quoteETag gives back the quotes some servers (and go-webdav) strip.
func quoteETag(etag string) string {
	if etag == "" || strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
		return etag
	}
	return `"` + etag + `"`
}

func (c *Client) do(ctx context.Context, method, href string, body []byte, header map[string]string) (*http.Response, error) {
	u := &url.URL{Path: href}
	target := c.resolve(u.EscapedPath())
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, href, err)
	}
	return resp, nil
}

func statusError(method, href string, resp *http.Response) error {
	text, _ := io.ReadAll(io.LimitReader(resp.Body, 600))
	return &StatusError{Method: method, Href: href, Code: resp.StatusCode, Text: firstLine(string(text))}
}

func firstLine(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "<?xml version='1.0' encoding='utf-8'?>"))
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// Put writes an object: over the version etag (If-Match) or, with etag
// "", only where nothing is yet (If-None-Match: *). It returns the new
// ETag when the server says it.
func (c *Client) Put(ctx context.Context, href string, body []byte, contentType, etag string) (string, error) {
	h := map[string]string{"Content-Type": contentType}
	if etag == "" {
		h["If-None-Match"] = "*"
	} else {
		h["If-Match"] = quoteETag(etag)
	}
	resp, err := c.do(ctx, http.MethodPut, href, body, h)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusPreconditionFailed:
		return "", ErrPrecondition
	case resp.StatusCode == http.StatusConflict && etag == "":
		// Radicale checks the UID before If-None-Match: an object already
		// at href with this UID gives 409 no-uid-conflict, not 412.
		return "", fmt.Errorf("%w (%w)", ErrPrecondition, statusError("PUT", href, resp))
	case resp.StatusCode/100 != 2:
		return "", statusError("PUT", href, resp)
	}
	return resp.Header.Get("ETag"), nil
}

// Delete removes an object if it is still at version etag. One already
// gone is not an error.
func (c *Client) Delete(ctx context.Context, href, etag string) error {
	h := map[string]string{}
	if etag != "" {
		h["If-Match"] = quoteETag(etag)
	}
	resp, err := c.do(ctx, http.MethodDelete, href, nil, h)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusPreconditionFailed:
		return ErrPrecondition
	case resp.StatusCode == http.StatusNotFound:
		return nil
	case resp.StatusCode/100 != 2:
		return statusError("DELETE", href, resp)
	}
	return nil
}

// multistatus is a WebDAV 207 body, with the properties rapport asks for.
type multistatus struct {
	Responses []struct {
		Href     string `xml:"DAV: href"`
		Status   string `xml:"DAV: status"`
		Propstat []struct {
			Status string `xml:"DAV: status"`
			Prop   struct {
				ETag         string    `xml:"DAV: getetag"`
				ResourceType *struct{} `xml:"DAV: resourcetype>collection"`
				AddressData  string    `xml:"urn:ietf:params:xml:ns:carddav address-data"`
				CalendarData string    `xml:"urn:ietf:params:xml:ns:caldav calendar-data"`
				SyncToken    string    `xml:"DAV: sync-token"`
			} `xml:"DAV: prop"`
		} `xml:"DAV: propstat"`
	} `xml:"DAV: response"`
	SyncToken string `xml:"DAV: sync-token"`
}

// okStatus reads "HTTP/1.1 200 OK"; an empty status is fine.
func okStatus(s string) bool {
	f := strings.Fields(s)
	return len(f) < 2 || strings.HasPrefix(f[1], "2")
}

func (c *Client) report(ctx context.Context, method, href, depth, body string) (*multistatus, error) {
	resp, err := c.do(ctx, method, href, []byte(xml.Header+body), map[string]string{"Content-Type": "application/xml; charset=utf-8", "Depth": depth})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusMultiStatus {
		if (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusConflict) && strings.Contains(body, "sync-collection") {
			return nil, errBadToken
		}
		return nil, statusError(method, href, resp)
	}
	var ms multistatus
	if err := xml.NewDecoder(resp.Body).Decode(&ms); err != nil {
		return nil, fmt.Errorf("%s %s: the server's answer cannot be read: %v", method, href, err)
	}
	return &ms, nil
}

// List is every object of a collection with its ETag (href -> ETag).
func (c *Client) List(ctx context.Context, collection string) (map[string]string, error) {
	ms, err := c.report(ctx, "PROPFIND", collection, "1", `<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>`)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	self := strings.TrimSuffix(normHref(collection), "/")
	for _, r := range ms.Responses {
		href := normHref(r.Href)
		if strings.TrimSuffix(href, "/") == self {
			continue
		}
		for _, ps := range r.Propstat {
			if okStatus(ps.Status) && ps.Prop.ResourceType == nil && ps.Prop.ETag != "" {
				out[href] = ps.Prop.ETag
			}
		}
	}
	return out, nil
}

// Changes asks for what changed since token (RFC 6578): the changed
// objects' ETags, the deleted hrefs and the new token. A refused token
// gives errBadToken: list the whole collection instead.
func (c *Client) Changes(ctx context.Context, collection, token string) (map[string]string, []string, string, error) {
	body := `<d:sync-collection xmlns:d="DAV:"><d:sync-token>` + xmlEscape(token) + `</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`
	ms, err := c.report(ctx, "REPORT", collection, "0", body)
	if err != nil {
		return nil, nil, "", err
	}
	changed := map[string]string{}
	var deleted []string
	self := strings.TrimSuffix(normHref(collection), "/")
	for _, r := range ms.Responses {
		href := normHref(r.Href)
		if strings.TrimSuffix(href, "/") == self {
			continue
		}
		if strings.Contains(r.Status, " 404") {
			deleted = append(deleted, href)
			continue
		}
		for _, ps := range r.Propstat {
			if okStatus(ps.Status) && ps.Prop.ETag != "" {
				changed[href] = ps.Prop.ETag
			}
		}
	}
	return changed, deleted, ms.SyncToken, nil
}

// Token is a collection's current sync token, "" when it has none.
func (c *Client) Token(ctx context.Context, collection string) string {
	ms, err := c.report(ctx, "PROPFIND", collection, "0", `<d:propfind xmlns:d="DAV:"><d:prop><d:sync-token/></d:prop></d:propfind>`)
	if err != nil || len(ms.Responses) == 0 {
		return ""
	}
	for _, ps := range ms.Responses[0].Propstat {
		if okStatus(ps.Status) && ps.Prop.SyncToken != "" {
			return ps.Prop.SyncToken
		}
	}
	return ""
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// batchSize is how many objects one multiget asks for: small, so one
// object a server cannot serve costs a few requests, not the collection.
const batchSize = 10

// Fetch reads objects by href with multigets in batches. A batch the
// server refuses is split until the object at fault is alone; its error
// is returned beside the objects that could be read.
func (c *Client) Fetch(ctx context.Context, collection string, kind collKind, hrefs []string) ([]Object, map[string]error) {
	var out []Object
	failed := map[string]error{}
	for len(hrefs) > 0 {
		n := min(batchSize, len(hrefs))
		objs, errs := c.fetchSplit(ctx, collection, kind, hrefs[:n])
		out = append(out, objs...)
		for h, e := range errs {
			failed[h] = e
		}
		hrefs = hrefs[n:]
	}
	return out, failed
}

func (c *Client) fetchSplit(ctx context.Context, collection string, kind collKind, hrefs []string) ([]Object, map[string]error) {
	objs, err := c.multiget(ctx, collection, kind, hrefs)
	if err == nil {
		failed := map[string]error{}
		got := map[string]bool{}
		for _, o := range objs {
			got[o.Href] = true
		}
		for _, h := range hrefs {
			if !got[normHref(h)] {
				failed[h] = fmt.Errorf("the server did not return %s", h)
			}
		}
		return objs, failed
	}
	if len(hrefs) == 1 || ctx.Err() != nil {
		return nil, map[string]error{hrefs[0]: err}
	}
	half := len(hrefs) / 2
	a, ea := c.fetchSplit(ctx, collection, kind, hrefs[:half])
	b, eb := c.fetchSplit(ctx, collection, kind, hrefs[half:])
	for h, e := range eb {
		ea[h] = e
	}
	return append(a, b...), ea
}

func (c *Client) multiget(ctx context.Context, collection string, kind collKind, hrefs []string) ([]Object, error) {
	var b strings.Builder
	if kind == addressBook {
		b.WriteString(`<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data/></d:prop>`)
	} else {
		b.WriteString(`<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>`)
	}
	for _, h := range hrefs {
		b.WriteString("<d:href>" + xmlEscape((&url.URL{Path: h}).EscapedPath()) + "</d:href>")
	}
	if kind == addressBook {
		b.WriteString("</c:addressbook-multiget>")
	} else {
		b.WriteString("</c:calendar-multiget>")
	}
	ms, err := c.report(ctx, "REPORT", collection, "1", b.String())
	if err != nil {
		return nil, err
	}
	var out []Object
	for _, r := range ms.Responses {
		for _, ps := range r.Propstat {
			data := ps.Prop.AddressData + ps.Prop.CalendarData
			if okStatus(ps.Status) && data != "" {
				out = append(out, Object{Href: normHref(r.Href), ETag: ps.Prop.ETag, Body: []byte(data)})
			}
		}
	}
	return out, nil
}

// MakeCollection creates an address book or a task list (a calendar
// holding VTODOs) named display at href.
func (c *Client) MakeCollection(ctx context.Context, href string, kind collKind, display string) error {
	method, body := "MKCOL", `<d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype><d:displayname>`+xmlEscape(display)+`</d:displayname></d:prop></d:set></d:mkcol>`
	if kind == taskList {
		method, body = "MKCALENDAR", `<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>`+xmlEscape(display)+`</d:displayname><c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`
	}
	resp, err := c.do(ctx, method, href, []byte(xml.Header+body), map[string]string{"Content-Type": "application/xml; charset=utf-8"})
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return statusError(method, href, resp)
	}
	return nil
}

// childHref is the href of a new object named for uid in collection.
func childHref(collection, uid, ext string) string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' || r == '@' {
			return r
		}
		return '-'
	}, strings.TrimPrefix(uid, "urn:uuid:"))
	return path.Join(normHref(collection), name+ext)
}
