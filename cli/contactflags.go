package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"rapport/model"
	"rapport/store"
)

// contactFlags are the fields `add` and `edit` share.
type contactFlags struct {
	name, company, title, birthday, cadence, stage, referredBy, howWeMet, matters string
	emails, phones, tags, moments                                                 []string
	addresses, nicknames, urls                                                    []string
	background                                                                    string
}

func (f *contactFlags) register(fs *pflag.FlagSet, withName bool) {
	if withName {
		fs.StringVar(&f.name, "name", "", "new name")
	}
	fs.StringVar(&f.company, "company", "", "company")
	fs.StringVar(&f.title, "title", "", "job title")
	fs.StringArrayVar(&f.emails, "email", nil, "email address (repeat for more)")
	fs.StringArrayVar(&f.phones, "phone", nil, "phone number (repeat for more)")
	fs.StringArrayVar(&f.tags, "tag", nil, "tag, e.g. holiday-card (repeat for more)")
	fs.StringVar(&f.birthday, "birthday", "", "birthday as MM-DD or YYYY-MM-DD")
	fs.StringArrayVar(&f.moments, "moment", nil, `a yearly moment "LABEL: DATE", e.g. "work anniversary: 2019-03-04" (repeat for more)`)
	fs.StringVar(&f.cadence, "cadence", "", "how often to be in touch, e.g. 30d, 2w, 3m (default: by stage)")
	fs.StringVar(&f.stage, "stage", "", "lead, prospect, customer, past-customer, partner or personal")
	fs.StringVar(&f.referredBy, "referred-by", "", "who referred them (a contact name or #ID)")
	fs.StringVar(&f.howWeMet, "how-we-met", "", "how you met")
	fs.StringVar(&f.matters, "matters", "", "what matters to them")
	fs.StringArrayVar(&f.addresses, "address", nil, `postal address "LABEL: street; locality; region; postal code; country" (street lines split by " / "; repeat for more)`)
	fs.StringArrayVar(&f.nicknames, "nickname", nil, "nickname (repeat for more)")
	fs.StringArrayVar(&f.urls, "url", nil, "web address, e.g. a LinkedIn profile (repeat for more)")
	fs.StringVar(&f.background, "background", "", "who they are: family, history, what a card's NOTE says")
}

// apply sets on c every field whose flag was given. Lists replace the old
// list; an empty value clears a field. The book is opened only to resolve
// --referred-by, so `add` with a bad flag never creates a file.
func (f *contactFlags) apply(cmd *cobra.Command, c *model.Contact, book func() (*store.Store, error)) error {
	changed := cmd.Flags().Changed
	set := func(flag string, dst *string, v string) {
		if changed(flag) {
			*dst = strings.TrimSpace(model.CleanLine(v))
		}
	}
	c.Name = strings.TrimSpace(model.CleanLine(c.Name))
	set("name", &c.Name, f.name)
	set("company", &c.Company, f.company)
	set("title", &c.Title, f.title)
	set("how-we-met", &c.HowWeMet, f.howWeMet)
	set("matters", &c.Matters, f.matters)
	if changed("background") {
		c.Background = strings.TrimSpace(model.CleanText(f.background))
	}
	if changed("nickname") {
		c.Nicknames = trimAll(f.nicknames)
	}
	if changed("email") {
		c.Emails = trimAll(f.emails)
	}
	if changed("phone") {
		c.Phones = trimAll(f.phones)
	}
	if changed("tag") {
		c.Tags = trimAll(f.tags)
	}
	steps := []func() error{
		func() error { return f.applyBirthday(changed("birthday"), c) },
		func() error { return f.applyMoments(changed("moment"), c) },
		func() error { return f.applyAddresses(changed("address"), c) },
		func() error { return f.applyURLs(changed("url"), c) },
		func() error { return f.applyCadence(changed("cadence"), c) },
		func() error { return f.applyStage(changed("stage"), c) },
		func() error { return f.applyReferral(changed("referred-by"), c, book) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return c.Validate()
}

func (f *contactFlags) applyBirthday(given bool, c *model.Contact) error {
	if !given {
		return nil
	}
	if f.birthday == "" {
		c.Birthday = model.Date{}
		return nil
	}
	d, err := model.ParseDate(f.birthday)
	if err != nil {
		return usagef("--birthday: %v", err)
	}
	c.Birthday = d
	return nil
}

func (f *contactFlags) applyMoments(given bool, c *model.Contact) error {
	if !given {
		return nil
	}
	c.Moments = nil
	for _, m := range f.moments {
		label, date, ok := strings.Cut(m, ":")
		if !ok || strings.TrimSpace(label) == "" {
			return usagef(`--moment takes "LABEL: DATE", e.g. "work anniversary: 2019-03-04", not %q`, m)
		}
		d, err := model.ParseDate(date)
		if err != nil {
			return usagef("--moment: %v", err)
		}
		c.Moments = append(c.Moments, model.Moment{Label: strings.ToLower(strings.TrimSpace(model.CleanLine(label))), Date: d})
	}
	return nil
}

func (f *contactFlags) applyAddresses(given bool, c *model.Contact) error {
	if !given {
		return nil
	}
	c.Addresses = nil
	for _, s := range f.addresses {
		if strings.TrimSpace(s) == "" {
			continue // --address "" clears the list
		}
		a, err := model.ParseAddress(s)
		if err != nil {
			return usagef("--address: %v", err)
		}
		c.Addresses = append(c.Addresses, a)
	}
	return nil
}

func (f *contactFlags) applyURLs(given bool, c *model.Contact) error {
	if !given {
		return nil
	}
	c.URLs = nil
	for _, s := range trimAll(f.urls) { // --url "" clears the list
		u, err := model.ParseWebAddress(s)
		if err != nil {
			return usagef("--url: %v", err)
		}
		c.URLs = append(c.URLs, u)
	}
	return nil
}

func (f *contactFlags) applyCadence(given bool, c *model.Contact) error {
	if !given {
		return nil
	}
	if f.cadence == "" {
		c.Cadence = 0
		return nil
	}
	n, err := model.ParseCadence(f.cadence)
	if err != nil {
		return usagef("--cadence: %v", err)
	}
	c.Cadence = n
	return nil
}

func (f *contactFlags) applyStage(given bool, c *model.Contact) error {
	if !given {
		return nil
	}
	st, err := model.ParseStage(f.stage)
	if err != nil {
		return usagef("--stage: %v", err)
	}
	c.Stage = st
	return nil
}

func (f *contactFlags) applyReferral(given bool, c *model.Contact, book func() (*store.Store, error)) error {
	if !given {
		return nil
	}
	if f.referredBy == "" {
		c.ReferredBy = 0
		return nil
	}
	s, err := book()
	if err != nil {
		return err
	}
	ref, err := s.Resolve(f.referredBy)
	if err != nil {
		return fmt.Errorf("--referred-by: %w", err)
	}
	if ref.ID == c.ID {
		return fmt.Errorf("%s cannot be referred by themselves", c.Name)
	}
	c.ReferredBy = ref.ID
	return nil
}

// trimAll cleans and trims a list flag's values, dropping empty ones.
func trimAll(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(model.CleanLine(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}
