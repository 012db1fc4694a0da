package sync

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/emersion/go-webdav/caldav"
	"github.com/emersion/go-webdav/carddav"
)

// Collections are the hrefs one account syncs with.
type Collections struct {
	Contacts string
	Tasks    string // "" when tasks are not synced
}

// discover finds the account's first address book and its task list named
// tasks, creating either when missing: the principal from the URL given
// (or its /.well-known/ path when the URL is only the server), then the
// home sets, then the collections in them.
func (c *Client) discover(ctx context.Context, tasks string) (Collections, error) {
	cd, err := carddav.NewClient(c.http, c.base.String())
	if err != nil {
		return Collections{}, err
	}
	principal, err := cd.FindCurrentUserPrincipal(ctx)
	var netErr *url.Error
	if errors.As(err, &netErr) {
		return Collections{}, fmt.Errorf("cannot reach %s: %v", c.base.Host, netErr.Err)
	}
	if err != nil || principal == "" {
		wk := c.resolve("/.well-known/carddav")
		if cd2, err2 := carddav.NewClient(c.http, wk); err2 == nil {
			if p, err2 := cd2.FindCurrentUserPrincipal(ctx); err2 == nil && p != "" {
				principal, err = p, nil
			}
		}
	}
	if err != nil || principal == "" {
		return Collections{}, fmt.Errorf("%s does not name a CardDAV account (no current-user-principal): %v", c.base, err)
	}
	home, err := cd.FindAddressBookHomeSet(ctx, principal)
	if err != nil {
		return Collections{}, fmt.Errorf("cannot find the address books of %s: %v", principal, err)
	}
	var cols Collections
	books, err := cd.FindAddressBooks(ctx, home)
	if err != nil {
		return Collections{}, fmt.Errorf("cannot list the address books in %s: %v", home, err)
	}
	if len(books) > 0 {
		cols.Contacts = books[0].Path
	} else {
		cols.Contacts = path.Join(home, "contacts") + "/"
		if err := c.MakeCollection(ctx, cols.Contacts, addressBook, "Contacts"); err != nil {
			return Collections{}, fmt.Errorf("the account has no address book and rapport cannot make one: %v", err)
		}
	}
	if tasks == "" {
		return cols, nil
	}
	cols.Tasks, err = c.findTaskList(ctx, principal, tasks)
	return cols, err
}

func (c *Client) findTaskList(ctx context.Context, principal, name string) (string, error) {
	cc, err := caldav.NewClient(c.http, c.base.String())
	if err != nil {
		return "", err
	}
	home, err := cc.FindCalendarHomeSet(ctx, principal)
	if err != nil {
		return "", fmt.Errorf("the server has no CalDAV calendars for %s, so follow-ups cannot sync (set tasks = \"\" to sync contacts only): %v", principal, err)
	}
	cals, err := cc.FindCalendars(ctx, home)
	if err != nil {
		return "", fmt.Errorf("cannot list the calendars in %s: %v", home, err)
	}
	slug := slugify(name)
	for _, cal := range cals {
		if (strings.EqualFold(cal.Name, name) || path.Base(strings.TrimSuffix(cal.Path, "/")) == slug) && holdsTodos(cal.SupportedComponentSet) {
			return cal.Path, nil
		}
	}
	href := path.Join(home, slug) + "/"
	if err := c.MakeCollection(ctx, href, taskList, name); err != nil {
		return "", fmt.Errorf("cannot create the task list %q: %v", name, err)
	}
	return href, nil
}

func holdsTodos(set []string) bool {
	if len(set) == 0 {
		return true // unstated: any component
	}
	for _, s := range set {
		if strings.EqualFold(s, "VTODO") {
			return true
		}
	}
	return false
}

func slugify(s string) string {
	out := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, strings.TrimSpace(s))
	if out == "" {
		return "rapport-tasks"
	}
	return out
}
